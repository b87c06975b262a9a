/// Arithmetic with R's missing-value rules, where matching R's results depends on them.
enum RArithmetic {
    /// R's `pmax(a, b)` without `na.rm`: NaN when either argument is NaN.
    static func max(_ a: Double, _ b: Double) -> Double { a.isNaN || b.isNaN ? .nan : Swift.max(a, b) }
}
