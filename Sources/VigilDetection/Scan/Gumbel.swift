import Foundation

/// A Gumbel (extreme value) distribution fitted by the method of moments: scale β = s·√6/π and
/// location μ = mean − γβ, γ Euler's constant.
struct Gumbel {
    let location: Double
    let scale: Double

    init(fittedTo values: [Double]) {
        let n = Double(max(1, values.count))
        let mean = values.reduce(0, +) / n
        let variance = values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / max(1, n - 1)
        scale = max(variance.squareRoot() * 6.0.squareRoot() / .pi, 1e-12)
        location = mean - 0.57721566490153286 * scale
    }

    /// P(X ≥ x) = 1 − exp(−exp(−(x − μ)/β)).
    func upperTail(_ x: Double) -> Double { -expm1(-exp(-(x - location) / scale)) }
}
