import Foundation

/// Distribution functions the detectors need, written for double precision and checked against R.
public enum Distributions {
    /// The regularised incomplete beta function I_x(a, b), by Lentz's continued fraction
    /// (Press et al., Numerical Recipes, 3rd ed., §6.4).
    public static func regularizedIncompleteBeta(_ x: Double, a: Double, b: Double) -> Double {
        precondition(a > 0 && b > 0, "incomplete beta needs positive a and b")
        if x <= 0 { return 0 }
        if x >= 1 { return 1 }
        let logFront = lgamma(a + b) - lgamma(a) - lgamma(b) + a * log(x) + b * log1p(-x)
        if x < (a + 1) / (a + b + 2) {
            return exp(logFront) * betaContinuedFraction(x, a: a, b: b) / a
        }
        return 1 - exp(logFront) * betaContinuedFraction(1 - x, a: b, b: a) / b
    }

    private static func betaContinuedFraction(_ x: Double, a: Double, b: Double) -> Double {
        let tiny = 1e-300
        var c = 1.0
        var d = 1 - (a + b) * x / (a + 1)
        if abs(d) < tiny { d = tiny }
        d = 1 / d
        var result = d
        for m in 1...10_000 {
            let m = Double(m)
            let even = m * (b - m) * x / ((a + 2 * m - 1) * (a + 2 * m))
            d = 1 + even * d
            if abs(d) < tiny { d = tiny }
            c = 1 + even / c
            if abs(c) < tiny { c = tiny }
            d = 1 / d
            result *= d * c
            let odd = -(a + m) * (a + b + m) * x / ((a + 2 * m) * (a + 2 * m + 1))
            d = 1 + odd * d
            if abs(d) < tiny { d = tiny }
            c = 1 + odd / c
            if abs(c) < tiny { c = tiny }
            d = 1 / d
            let delta = d * c
            result *= delta
            if abs(delta - 1) < 1e-16 { break }
        }
        return result
    }

    /// The cumulative distribution function of Student's t with `degreesOfFreedom`.
    public static func studentTCDF(_ t: Double, degreesOfFreedom df: Double) -> Double {
        let tail = 0.5 * regularizedIncompleteBeta(df / (df + t * t), a: df / 2, b: 0.5)
        return t < 0 ? tail : 1 - tail
    }

    /// The smallest count x with P(X ≤ x) ≥ p for a Poisson distribution with mean `mean`, as R's
    /// `qpois` (including its fuzz of 64 machine epsilons that keeps the quantile left-continuous).
    public static func poissonQuantile(_ p: Double, mean: Double) -> Double {
        guard mean > 0 else { return 0 }
        return discreteQuantile(p) { x in -mean + x * log(mean) - lgamma(x + 1) }
    }

    /// The upper tail P(X > x) of a Poisson distribution.
    public static func poissonUpperTail(_ x: Double, mean: Double) -> Double {
        guard x >= 0 else { return 1 }
        return max(0, 1 - discreteCDF(x) { k in -mean + k * log(mean) - lgamma(k + 1) })
    }

    /// The smallest count x with P(X ≤ x) ≥ p for a negative binomial with `size` and success
    /// probability `probability` (R's `qnbinom(p, size, prob)`).
    public static func negativeBinomialQuantile(_ p: Double, size: Double, probability: Double) -> Double {
        discreteQuantile(p) { x in negativeBinomialLogPMF(x, size: size, probability: probability) }
    }

    /// The upper tail P(X > x) of a negative binomial.
    public static func negativeBinomialUpperTail(_ x: Double, size: Double, probability: Double) -> Double {
        guard x >= 0 else { return 1 }
        return max(0, 1 - discreteCDF(x) { k in negativeBinomialLogPMF(k, size: size, probability: probability) })
    }

    private static func negativeBinomialLogPMF(_ x: Double, size: Double, probability: Double) -> Double {
        lgamma(x + size) - lgamma(size) - lgamma(x + 1) + size * log(probability) + x * log1p(-probability)
    }

    private static func discreteCDF(_ x: Double, logPMF: (Double) -> Double) -> Double {
        var sum = 0.0
        var k = 0.0
        while k <= x {
            sum += exp(logPMF(k))
            k += 1
        }
        return sum
    }

    private static func discreteQuantile(_ p: Double, logPMF: (Double) -> Double) -> Double {
        let target = p * (1 - 64 * Double.ulpOfOne)
        var sum = 0.0
        var x = 0.0
        while true {
            sum += exp(logPMF(x))
            if sum >= target || x > 1e7 { return x }
            x += 1
        }
    }
}

extension Distributions {
    /// The p-quantile of Student's t with `degreesOfFreedom`, by bisection on the CDF to 1e-12.
    public static func studentTQuantile(_ p: Double, degreesOfFreedom df: Double) -> Double {
        precondition(p > 0 && p < 1, "a t quantile needs p in (0, 1)")
        var low = -1.0
        var high = 1.0
        while studentTCDF(low, degreesOfFreedom: df) > p { low *= 2 }
        while studentTCDF(high, degreesOfFreedom: df) < p { high *= 2 }
        while high - low > 1e-12 * max(1, abs(low)) {
            let middle = (low + high) / 2
            if studentTCDF(middle, degreesOfFreedom: df) < p { low = middle } else { high = middle }
        }
        return (low + high) / 2
    }
}
