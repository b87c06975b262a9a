/// An ordinary least-squares fit with an intercept, as R's `lm.fit` gives it for a full-rank
/// design: coefficients, fitted values and residuals.
struct LinearFit {
    /// The intercept, then one coefficient per design column.
    var coefficients: [Double]
    /// The fitted values.
    var fitted: [Double]
    /// The residuals y − fitted.
    var residuals: [Double]

    /// Fits `y ~ 1 + X`; `nil` when the design is rank-deficient.
    init?(design: DesignMatrix, response: [Double]) {
        var withIntercept = DesignMatrix(rows: design.rows, columns: design.columns + 1)
        for row in 0..<design.rows {
            withIntercept[row, 0] = 1
            for column in 0..<design.columns { withIntercept[row, column + 1] = design[row, column] }
        }
        let p = withIntercept.columns
        var gram = [Double](repeating: 0, count: p * p)
        var rhs = [Double](repeating: 0, count: p)
        for row in 0..<withIntercept.rows {
            for a in 0..<p {
                let xa = withIntercept[row, a]
                rhs[a] += xa * response[row]
                for b in 0..<p { gram[a * p + b] += xa * withIntercept[row, b] }
            }
        }
        guard let beta = Cholesky(gram, size: p)?.solve(rhs) else { return nil }
        coefficients = beta
        fitted = (0..<withIntercept.rows).map { row in (0..<p).reduce(0) { $0 + withIntercept[row, $1] * beta[$1] } }
        residuals = zip(response, fitted).map { $0 - $1 }
    }

    /// The adjusted R² of the fit, 0 where it is undefined (R's NaN).
    func adjustedRSquared(residualDegreesOfFreedom df: Int) -> Double {
        let mean = fitted.reduce(0, +) / Double(fitted.count)
        let modelSquares = fitted.reduce(0) { $0 + ($1 - mean) * ($1 - mean) }
        let residualSquares = residuals.reduce(0) { $0 + $1 * $1 }
        let r2 = modelSquares / (residualSquares + modelSquares)
        let adjusted = 1 - (1 - r2) * Double(fitted.count - 1) / Double(df)
        return adjusted.isNaN ? 0 : adjusted
    }
}
