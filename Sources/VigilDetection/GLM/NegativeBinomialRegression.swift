import Foundation

/// A negative-binomial log-linear regression with the size θ estimated by maximum likelihood,
/// following `MASS::glm.nb`: a Poisson fit, then alternately a fit with θ fixed and Newton
/// steps for θ (`theta.ml`) until the log-likelihood and θ settle.
struct NegativeBinomialRegression {
    /// The last fit with θ fixed.
    var regression: PoissonRegression
    /// The estimated size θ (variance μ + μ²/θ).
    var theta: Double

    /// Fits `y ~ X`; `nil` when a fit is singular or θ cannot be estimated (no overdispersion).
    static func fit(design: DesignMatrix, response y: [Double]) -> NegativeBinomialRegression? {
        guard var fit = PoissonRegression.fit(design: design, response: y) else { return nil }
        var mu = fit.fitted
        guard var theta = thetaML(y, mu) else { return nil }
        let d1 = (2 * Double(max(1, y.count - design.columns))).squareRoot()
        var change = 1.0
        var logLikelihood = Self.logLikelihood(y, mu, theta)
        var previous = logLikelihood + 2 * d1
        var iteration = 0
        while iteration < 25, abs(previous - logLikelihood) / d1 + abs(change) > 1e-8 {
            iteration += 1
            guard let next = PoissonRegression.fit(design: design, response: y, theta: theta, startingMeans: mu) else { return nil }
            fit = next
            let old = theta
            // As glm.nb does, θ is updated from the means of the previous fit.
            guard let updated = thetaML(y, mu) else { return nil }
            theta = updated
            mu = fit.fitted
            change = old - theta
            previous = logLikelihood
            logLikelihood = Self.logLikelihood(y, mu, theta)
        }
        return NegativeBinomialRegression(regression: fit, theta: theta)
    }

    /// MASS's `theta.ml`: Newton steps on the profile score of θ from the moment estimate.
    private static func thetaML(_ y: [Double], _ mu: [Double]) -> Double? {
        let n = Double(y.count)
        var theta = n / zip(y, mu).reduce(0) { $0 + pow($1.0 / $1.1 - 1, 2) }
        var change = 1.0
        var iteration = 0
        let tolerance = pow(Double.ulpOfOne, 0.25)
        while true {
            iteration += 1
            guard iteration < 25, abs(change) > tolerance else { break }
            theta = abs(theta)
            var score = 0.0
            var information = 0.0
            for (value, mean) in zip(y, mu) {
                score += Polygamma.digamma(theta + value) - Polygamma.digamma(theta) + log(theta) + 1 - log(theta + mean)
                    - (value + theta) / (mean + theta)
                information += -Polygamma.trigamma(theta + value) + Polygamma.trigamma(theta) - 1 / theta + 2 / (mean + theta)
                    - (value + theta) / ((mean + theta) * (mean + theta))
            }
            change = score / information
            theta += change
        }
        return theta.isFinite && theta > 0 ? theta : nil
    }

    private static func logLikelihood(_ y: [Double], _ mu: [Double], _ theta: Double) -> Double {
        zip(y, mu).reduce(0) { sum, pair in
            let (value, mean) = pair
            return sum + lgamma(theta + value) - lgamma(theta) - lgamma(value + 1) + theta * log(theta)
                + value * log(mean + (value == 0 ? 1 : 0)) - (theta + value) * log(theta + mean)
        }
    }
}
