import Foundation

/// A design matrix stored row by row in one contiguous array.
struct DesignMatrix {
    /// The number of rows (observations).
    let rows: Int
    /// The number of columns (coefficients).
    let columns: Int
    /// The entries, row-major.
    var values: [Double]

    init(rows: Int, columns: Int) {
        self.rows = rows
        self.columns = columns
        values = [Double](repeating: 0, count: rows * columns)
    }

    subscript(row: Int, column: Int) -> Double {
        get { values[row * columns + column] }
        set { values[row * columns + column] = newValue }
    }

    /// The same matrix without its first column.
    func droppingFirstColumn() -> DesignMatrix {
        var result = DesignMatrix(rows: rows, columns: columns - 1)
        for row in 0..<rows {
            for column in 1..<columns { result[row, column - 1] = self[row, column] }
        }
        return result
    }
}

/// A log-linear Poisson (or quasi-Poisson), or negative-binomial with known θ, regression fitted by
/// iteratively reweighted least squares, following R's `glm.fit`: starting values μ = y + 0.1
/// unless given, convergence when the relative change in deviance is below 1e-8, at most 25
/// iterations.
///
/// It is small on purpose: the Farrington methods fit a handful of columns to a few dozen or a
/// few thousand counts, so normal equations solved by Cholesky decomposition are accurate and fast.
struct PoissonRegression {
    /// The fitted coefficients, one per design column.
    var coefficients: [Double]
    /// The fitted means.
    var fitted: [Double]
    /// Whether IRLS converged.
    var converged: Bool
    /// The IRLS working weights of the last iteration (prior weight × μ²/V(μ) at the means before
    /// the final update), which R stores as the model's `weights` and uses for its QR.
    var workingWeights: [Double]
    /// (XᵀWX)⁻¹ with those working weights (R's `cov.unscaled`), row-major p × p.
    var unscaledCovariance: [Double]
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
    ///   - theta: The negative-binomial size θ (variance μ + μ²/θ); `nil` for Poisson.
    ///   - startingMeans: Starting fitted means (R's `etastart`), y + 0.1 by default.
    /// - Returns: `nil` when the normal equations are singular.
    static func fit(
        design: DesignMatrix, response: [Double], priorWeights: [Double]? = nil, offset: [Double]? = nil,
        theta: Double? = nil, startingMeans: [Double]? = nil
    ) -> PoissonRegression? {
        let n = response.count
        let p = design.columns
        let weights = priorWeights ?? [Double](repeating: 1, count: n)
        let offset = offset ?? [Double](repeating: 0, count: n)
        var mu = startingMeans ?? response.map { $0 + 0.1 }
        var eta = mu.map { log($0) }
        var deviance = Self.deviance(response, mu, weights, theta: theta)
        var beta = [Double](repeating: 0, count: p)
        var converged = false
        var workingWeights = [Double](repeating: 0, count: n)
        var workingResponse = [Double](repeating: 0, count: n)
        for _ in 0..<25 {
            // Working response and weights for the log link: z = η − offset + (y − μ)/μ, w = prior·μ²/V(μ).
            for i in 0..<n {
                workingWeights[i] = weights[i] * mu[i] / (theta.map { 1 + mu[i] / $0 } ?? 1)
                workingResponse[i] = eta[i] - offset[i] + (response[i] - mu[i]) / mu[i]
            }
            let (gram, rhs) = Self.normalEquations(design, workingWeights, workingResponse)
            guard let solution = Cholesky(gram, size: p)?.solve(rhs) else { return nil }
            beta = solution
            design.values.withUnsafeBufferPointer { x in
                for i in 0..<n {
                    var sum = offset[i]
                    for a in 0..<p { sum += x[i * p + a] * beta[a] }
                    eta[i] = sum
                    mu[i] = exp(sum)
                }
            }
            let previous = deviance
            deviance = Self.deviance(response, mu, weights, theta: theta)
            guard deviance.isFinite else { break }
            if abs(deviance - previous) / (abs(deviance) + 0.1) < 1e-8 {
                converged = true
                break
            }
        }
        // Like glm.fit, keep the weights (and so the covariance and leverages) of the last iteration.
        let (gram, _) = Self.normalEquations(design, workingWeights, workingResponse)
        guard let factor = Cholesky(gram, size: p) else { return nil }
        let covariance = factor.inverse()
        var leverages = [Double](repeating: 0, count: n)
        design.values.withUnsafeBufferPointer { x in
            for i in 0..<n {
                var quadratic = 0.0
                for a in 0..<p {
                    var inner = 0.0
                    for b in 0..<p { inner += covariance[a * p + b] * x[i * p + b] }
                    quadratic += x[i * p + a] * inner
                }
                leverages[i] = workingWeights[i] * quadratic
            }
        }
        return PoissonRegression(
            coefficients: beta, fitted: mu, converged: converged, workingWeights: workingWeights,
            unscaledCovariance: covariance, leverages: leverages,
            residualDegreesOfFreedom: n - p)
    }

    /// XᵀWX (full, row-major) and XᵀWz.
    private static func normalEquations(_ design: DesignMatrix, _ w: [Double], _ z: [Double]) -> ([Double], [Double]) {
        let p = design.columns
        var gram = [Double](repeating: 0, count: p * p)
        var rhs = [Double](repeating: 0, count: p)
        design.values.withUnsafeBufferPointer { x in
            gram.withUnsafeMutableBufferPointer { g in
                for i in 0..<design.rows {
                    let weight = w[i]
                    let row = i * p
                    for a in 0..<p {
                        let wa = weight * x[row + a]
                        guard wa != 0 else { continue }
                        rhs[a] += wa * z[i]
                        for b in 0...a { g[a * p + b] += wa * x[row + b] }
                    }
                }
                for a in 0..<p {
                    for b in 0..<a { g[b * p + a] = g[a * p + b] }
                }
            }
        }
        return (gram, rhs)
    }

    /// The deviance: Poisson 2 Σ w (y log(y/μ) − (y − μ)), or negative binomial
    /// 2 Σ w (y log(max(1, y)/μ) − (y + θ) log((y + θ)/(μ + θ))).
    private static func deviance(_ y: [Double], _ mu: [Double], _ weights: [Double], theta: Double?) -> Double {
        var sum = 0.0
        for i in y.indices {
            if let theta {
                sum += 2 * weights[i] * (y[i] * log(max(1, y[i]) / mu[i]) - (y[i] + theta) * log((y[i] + theta) / (mu[i] + theta)))
            } else {
                let term = y[i] > 0 ? y[i] * log(y[i] / mu[i]) : 0
                sum += 2 * weights[i] * (term - (y[i] - mu[i]))
            }
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
        let p = row.count
        var sum = 0.0
        for a in 0..<p {
            for b in 0..<p { sum += row[a] * unscaledCovariance[a * p + b] * row[b] }
        }
        return sum
    }

    /// The unscaled variance of coefficient `index`.
    func unscaledVariance(of index: Int) -> Double { unscaledCovariance[index * coefficients.count + index] }
}

/// The Cholesky factor L of a symmetric positive-definite matrix A = LLᵀ.
struct Cholesky {
    private var lower: [Double]
    private let size: Int

    /// Factors a row-major `size` × `size` matrix; `nil` when it is not positive definite.
    init?(_ matrix: [Double], size n: Int) {
        size = n
        lower = [Double](repeating: 0, count: n * n)
        for i in 0..<n {
            for j in 0...i {
                var sum = matrix[i * n + j]
                for k in 0..<j { sum -= lower[i * n + k] * lower[j * n + k] }
                if i == j {
                    // Relative test: a column of tiny weights (a group of zero counts) is not singular.
                    guard sum > 1e-13 * matrix[i * n + i], sum > 0, sum.isFinite else { return nil }
                    lower[i * n + i] = sum.squareRoot()
                } else {
                    lower[i * n + j] = sum / lower[j * n + j]
                }
            }
        }
    }

    func solve(_ b: [Double]) -> [Double] {
        let n = size
        var y = b
        for i in 0..<n {
            for k in 0..<i { y[i] -= lower[i * n + k] * y[k] }
            y[i] /= lower[i * n + i]
        }
        for i in stride(from: n - 1, through: 0, by: -1) {
            for k in (i + 1)..<n { y[i] -= lower[k * n + i] * y[k] }
            y[i] /= lower[i * n + i]
        }
        return y
    }

    /// A⁻¹, row-major.
    func inverse() -> [Double] {
        let n = size
        var result = [Double](repeating: 0, count: n * n)
        for column in 0..<n {
            var unit = [Double](repeating: 0, count: n)
            unit[column] = 1
            let solved = solve(unit)
            for row in 0..<n { result[row * n + column] = solved[row] }
        }
        return result
    }
}
