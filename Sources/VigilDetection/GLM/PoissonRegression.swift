import Foundation

/// A log-linear Poisson (or quasi-Poisson) regression fitted by iteratively reweighted least
/// squares, following R's `glm.fit`: starting values μ = y + 0.1, convergence when the relative
/// change in deviance is below 1e-8, at most 25 iterations.
///
/// It is small on purpose: the Farrington methods fit a handful of columns to a few dozen or a
/// few hundred counts, so normal equations solved by Cholesky decomposition are accurate and fast.
struct PoissonRegression {
    /// The fitted coefficients, one per design column.
    var coefficients: [Double]
    /// The fitted means.
    var fitted: [Double]
    /// Whether IRLS converged.
    var converged: Bool
    /// (XᵀWX)⁻¹ at the fitted means, W = prior weight × μ (R's `cov.unscaled`).
    var unscaledCovariance: [[Double]]
    /// The diagonal of the hat matrix W½X(XᵀWX)⁻¹XᵀW½.
    var leverages: [Double]
    /// The residual degrees of freedom, n − p.
    var residualDegreesOfFreedom: Int

    /// Fits `y ~ X` with a log link.
    /// - Parameters:
    ///   - design: The design matrix, one row per observation.
    ///   - response: The counts.
    ///   - priorWeights: Observation weights (R's `weights`), 1 by default.
    ///   - offset: A known term added to the linear predictor (log population), 0 by default.
    /// - Returns: `nil` when the normal equations are singular.
    static func fit(design: [[Double]], response: [Double], priorWeights: [Double]? = nil, offset: [Double]? = nil)
        -> PoissonRegression?
    {
        let n = response.count
        let p = design.first?.count ?? 0
        let weights = priorWeights ?? [Double](repeating: 1, count: n)
        let offset = offset ?? [Double](repeating: 0, count: n)
        var mu = response.map { $0 + 0.1 }
        var eta = mu.map { log($0) }
        var deviance = Self.deviance(response, mu, weights)
        var beta = [Double](repeating: 0, count: p)
        var converged = false
        for _ in 0..<25 {
            // Working response and weights for the log link: z = η − offset + (y − μ)/μ, w = prior·μ.
            var gram = [[Double]](repeating: [Double](repeating: 0, count: p), count: p)
            var rhs = [Double](repeating: 0, count: p)
            for i in 0..<n {
                let w = weights[i] * mu[i]
                let z = eta[i] - offset[i] + (response[i] - mu[i]) / mu[i]
                let row = design[i]
                for a in 0..<p {
                    let wa = w * row[a]
                    rhs[a] += wa * z
                    for b in 0...a { gram[a][b] += wa * row[b] }
                }
            }
            guard let solution = Cholesky(gram)?.solve(rhs) else { return nil }
            beta = solution
            for i in 0..<n {
                eta[i] = offset[i] + zip(design[i], beta).reduce(0) { $0 + $1.0 * $1.1 }
                mu[i] = exp(eta[i])
            }
            let previous = deviance
            deviance = Self.deviance(response, mu, weights)
            guard deviance.isFinite else { break }
            if abs(deviance - previous) / (abs(deviance) + 0.1) < 1e-8 {
                converged = true
                break
            }
        }
        var gram = [[Double]](repeating: [Double](repeating: 0, count: p), count: p)
        for i in 0..<n {
            let w = weights[i] * mu[i]
            for a in 0..<p {
                for b in 0...a { gram[a][b] += w * design[i][a] * design[i][b] }
            }
        }
        guard let factor = Cholesky(gram) else { return nil }
        let covariance = factor.inverse()
        let leverages = (0..<n).map { i -> Double in
            let row = design[i]
            var quadratic = 0.0
            for a in 0..<p {
                for b in 0..<p { quadratic += row[a] * covariance[a][b] * row[b] }
            }
            return weights[i] * mu[i] * quadratic
        }
        return PoissonRegression(
            coefficients: beta, fitted: mu, converged: converged, unscaledCovariance: covariance, leverages: leverages,
            residualDegreesOfFreedom: n - p)
    }

    /// The Poisson deviance 2 Σ w (y log(y/μ) − (y − μ)).
    private static func deviance(_ y: [Double], _ mu: [Double], _ weights: [Double]) -> Double {
        var sum = 0.0
        for i in y.indices {
            let term = y[i] > 0 ? y[i] * log(y[i] / mu[i]) : 0
            sum += 2 * weights[i] * (term - (y[i] - mu[i]))
        }
        return sum
    }

    /// The Pearson dispersion Σ v (y − μ)²/μ² / (n − p) with per-observation multipliers `v`
    /// (R's `summary.glm` uses the model's stored weights as `v`).
    func dispersion(response: [Double], multipliers: [Double]) -> Double {
        var sum = 0.0
        for i in response.indices {
            let residual = (response[i] - fitted[i]) / fitted[i]
            sum += multipliers[i] * residual * residual
        }
        return sum / Double(residualDegreesOfFreedom)
    }

    /// x₀ᵀ(XᵀWX)⁻¹x₀ for a new design row.
    func quadraticForm(_ row: [Double]) -> Double {
        var sum = 0.0
        for a in row.indices {
            for b in row.indices { sum += row[a] * unscaledCovariance[a][b] * row[b] }
        }
        return sum
    }
}

/// The Cholesky factor L of a symmetric positive-definite matrix A = LLᵀ (lower triangle read).
struct Cholesky {
    private var lower: [[Double]]

    init?(_ matrix: [[Double]]) {
        let n = matrix.count
        lower = [[Double]](repeating: [Double](repeating: 0, count: n), count: n)
        for i in 0..<n {
            for j in 0...i {
                var sum = matrix[i][j]
                for k in 0..<j { sum -= lower[i][k] * lower[j][k] }
                if i == j {
                    // Relative test: a column of tiny weights (a group of zero counts) is not singular.
                    guard sum > 1e-13 * matrix[i][i], sum > 0, sum.isFinite else { return nil }
                    lower[i][i] = sum.squareRoot()
                } else {
                    lower[i][j] = sum / lower[j][j]
                }
            }
        }
    }

    func solve(_ b: [Double]) -> [Double] {
        let n = b.count
        var y = b
        for i in 0..<n {
            for k in 0..<i { y[i] -= lower[i][k] * y[k] }
            y[i] /= lower[i][i]
        }
        for i in stride(from: n - 1, through: 0, by: -1) {
            for k in (i + 1)..<n { y[i] -= lower[k][i] * y[k] }
            y[i] /= lower[i][i]
        }
        return y
    }

    func inverse() -> [[Double]] {
        let n = lower.count
        return (0..<n).map { column in
            var unit = [Double](repeating: 0, count: n)
            unit[column] = 1
            return solve(unit)
        }
    }
}
