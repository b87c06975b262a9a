import Foundation

/// The digamma and trigamma functions ψ and ψ′, for the negative-binomial dispersion estimate.
///
/// Both shift the argument above 10 with the recurrences ψ(x) = ψ(x + 1) − 1/x and
/// ψ′(x) = ψ′(x + 1) + 1/x², then use the asymptotic (Stirling-type) series, accurate to about
/// 1e-15 there (Abramowitz and Stegun 6.3.18 and 6.4.12).
enum Polygamma {
    static func digamma(_ value: Double) -> Double {
        var x = value
        var result = 0.0
        while x < 10 {
            result -= 1 / x
            x += 1
        }
        let inverse = 1 / (x * x)
        let series = inverse * (1.0 / 12 - inverse * (1.0 / 120 - inverse * (1.0 / 252 - inverse * (1.0 / 240 - inverse * (1.0 / 132)))))
        return result + log(x) - 0.5 / x - series
    }

    static func trigamma(_ value: Double) -> Double {
        var x = value
        var result = 0.0
        while x < 10 {
            result += 1 / (x * x)
            x += 1
        }
        let inverse = 1 / (x * x)
        let series = (1 + inverse * (1.0 / 6 - inverse * (1.0 / 30 - inverse * (1.0 / 42 - inverse * (1.0 / 30 - inverse * 5.0 / 66))))) / x
        return result + series + 0.5 * inverse
    }
}
