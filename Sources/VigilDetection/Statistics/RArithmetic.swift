/// Arithmetic with R's missing-value rules, where matching R's results depends on them.
enum RArithmetic {
    /// R's `pmax(a, b)` without `na.rm`: NaN when either argument is NaN.
    static func max(_ a: Double, _ b: Double) -> Double { a.isNaN || b.isNaN ? .nan : Swift.max(a, b) }

    /// The arithmetic mean.
    static func mean(_ values: ArraySlice<Double>) -> Double { values.reduce(0, +) / Double(values.count) }

    /// The sample standard deviation (divisor n − 1), as R's `sd`.
    static func standardDeviation(_ values: ArraySlice<Double>) -> Double {
        let average = mean(values)
        let squares = values.reduce(0) { $0 + ($1 - average) * ($1 - average) }
        return (squares / Double(values.count - 1)).squareRoot()
    }
}
