/// Sample quantiles by linear interpolation, as R's `quantile(x, probs, type = 7)` (R's default) computes them.
///
/// For *n* sorted values *x*₁ ≤ … ≤ *x*ₙ and a probability *p*, let *h* = (*n* − 1) *p* + 1, *j* = ⌊*h*⌋ and
/// *g* = *h* − *j*; the quantile is (1 − *g*) *x*ⱼ + *g* *x*ⱼ₊₁ (just *x*ⱼ when *g* = 0 or *x*ⱼ₊₁ = *x*ⱼ).
/// The median is *p* = 0.5, the 90th percentile *p* = 0.9; *p* = 0 gives the minimum and *p* = 1 the maximum.
/// This is definition 7 of Hyndman and Fan, "Sample quantiles in statistical packages", The American
/// Statistician 50(4), 1996, and the one numpy uses by default (`method="linear"`). The arithmetic follows R's
/// `quantile.default`, so results agree with R to the last bit.
public enum SampleQuantile {
    /// The type 7 quantile of sorted values.
    ///
    /// - Parameters:
    ///   - values: The sample, sorted in increasing order.
    ///   - probability: *p*, 0…1.
    /// - Returns: The quantile, or `nil` when `values` is empty.
    /// - Complexity: O(1).
    public static func type7(ofSorted values: some RandomAccessCollection<Double>, probability: Double) -> Double? {
        precondition((0...1).contains(probability), "a quantile's probability must be in 0…1, not \(probability)")
        guard !values.isEmpty else { return nil }
        let position = Double(values.count - 1) * probability
        let lower = Int(position.rounded(.down))
        let upper = Int(position.rounded(.up))
        let low = values[values.index(values.startIndex, offsetBy: lower)]
        let high = values[values.index(values.startIndex, offsetBy: upper)]
        guard position > Double(lower), high != low else { return low }
        let fraction = position - Double(lower)
        return (1 - fraction) * low + fraction * high
    }
}
