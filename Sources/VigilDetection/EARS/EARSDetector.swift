/// The CDC's Early Aberration Reporting System methods C1, C2 and C3, exactly as the R package
/// `surveillance` (`earsC`, version 1.20) computes them, plus C3 as the CDC published it.
///
/// For each period t, a baseline of `baseline` periods gives a mean m and a *sample* standard
/// deviation s (floored at `minSigma`):
/// - **C1**: the baseline is t−7…t−1; upper bound m + z·s, z = Φ⁻¹(1 − α), α = 0.001.
/// - **C2**: the baseline is t−9…t−3 (two guard periods); same bound.
/// - **C3** (`surveillance`): upper bound y_t + s_t·(z − max(0, C2_{t−1} − 1) − max(0, C2_{t−2} − 1)),
///   clipped at 0, α = 0.025, where C2_t = (y_t − m_t)/s_t. The alarm thus depends on the C2 values
///   of the two previous periods only. This is **not** the CDC's published C3.
/// - **C3, CDC** (`ears-c3-cdc`): C3_t = Σ_{i=0…2} max(0, C2_{t−i} − 1); alarm when C3_t > 2. Its
///   upper bound is the count at which C3_t would reach the threshold given the two previous
///   periods.
///
/// An alarm means observed > upper bound. Where the reference's arithmetic gives NaN (a flat
/// baseline whose C2 is 0/0 feeding C3), the period's status is `undefined` with no alarm, as R's
/// `NA`.
///
/// Reference: Hutwagner L. et al. (2003), "The bioterrorism preparedness and response Early
/// Aberration Reporting System (EARS)", J Urban Health 80(2 Suppl 1):i89–96; Fricker R. D. et al.
/// (2008), "Comparing syndromic surveillance detection methods: EARS' versus a CUSUM-based
/// methodology", Stat Med 27:3407–3429.
public struct EARSDetector: Detector {
    /// Which EARS method.
    public enum Variant: String, Hashable, Sendable, Codable, CaseIterable {
        /// C1: baseline t−7…t−1.
        case c1 = "ears-c1"
        /// C2: baseline t−9…t−3.
        case c2 = "ears-c2"
        /// C3 as `surveillance` computes it.
        case c3 = "ears-c3"
        /// C3 as the CDC published it.
        case c3CDC = "ears-c3-cdc"
    }

    /// EARS parameters, with `surveillance`'s defaults.
    public struct Parameters: Hashable, Sendable, Codable {
        /// The method.
        public var variant: Variant
        /// The one-sided significance level: 0.001 for C1 and C2, 0.025 for C3 (unused by C3-CDC).
        public var alpha: Double
        /// The number of baseline periods; at least 3, default 7.
        public var baseline: Int
        /// The smallest standard deviation used; default 0.
        public var minSigma: Double
        /// C3-CDC's alarm threshold on the C3 statistic; default 2.
        public var cdcThreshold: Double

        /// Parameters with the reference's defaults for a variant.
        public init(variant: Variant, alpha: Double? = nil, baseline: Int = 7, minSigma: Double = 0, cdcThreshold: Double = 2) {
            self.variant = variant
            self.alpha = alpha ?? (variant == .c1 || variant == .c2 ? 0.001 : 0.025)
            self.baseline = baseline
            self.minSigma = minSigma
            self.cdcThreshold = cdcThreshold
        }
    }

    public let parameters: Parameters
    private let z: Double

    /// Creates a detector.
    /// - Throws: ``DetectionError`` `invalidParameter` when alpha is not in (0, 1), the baseline is
    ///   shorter than 3 periods, or `minSigma` is negative.
    public init(_ parameters: Parameters) throws(DetectionError) {
        try DetectionError.checkAlpha(parameters.alpha)
        guard parameters.baseline >= 3 else {
            throw .parameter("the EARS baseline must be at least 3 periods, not \(parameters.baseline)")
        }
        guard parameters.minSigma >= 0 else { throw .parameter("minSigma \(parameters.minSigma) must not be negative") }
        self.parameters = parameters
        z = Normal.quantile(1 - parameters.alpha)
    }

    public var method: String { parameters.variant.rawValue }

    public var minimumHistory: Int {
        switch parameters.variant {
        case .c1: parameters.baseline
        case .c2: parameters.baseline + 2
        case .c3, .c3CDC: parameters.baseline + 4
        }
    }

    public func evaluate(_ series: CountSeries, lastPeriods count: Int) -> DetectionResult {
        let y = series.counts.map(Double.init)
        let firstReported = max(0, y.count - count)
        let lag = parameters.variant == .c1 ? 1 : 3
        // Baseline mean and floored sd for every t that has a full baseline, else NaN. The window
        // sums are kept rolling; counts are whole numbers, so the sums are exact and a flat
        // baseline gives a standard deviation of exactly 0, as R's two-pass `sd` does.
        let n = Double(parameters.baseline)
        var means = [Double](repeating: .nan, count: y.count)
        var sigmas = [Double](repeating: .nan, count: y.count)
        var sum = 0.0
        var squares = 0.0
        var windowEnd = -1
        for t in max(0, firstReported - 2)..<y.count where t - lag - parameters.baseline + 1 >= 0 {
            let end = t - lag
            if windowEnd < 0 || end - windowEnd >= parameters.baseline {
                sum = 0
                squares = 0
                for value in y[(end - parameters.baseline + 1)...end] {
                    sum += value
                    squares += value * value
                }
            } else {
                for index in (windowEnd + 1)...end {
                    let entering = y[index]
                    let leaving = y[index - parameters.baseline]
                    sum += entering - leaving
                    squares += entering * entering - leaving * leaving
                }
            }
            windowEnd = end
            let mean = sum / n
            let variance = Swift.max(0, (squares - sum * sum / n) / (n - 1))
            means[t] = mean
            sigmas[t] = RArithmetic.max(variance.squareRoot(), parameters.minSigma)
        }
        let c2 = y.indices.map { (y[$0] - means[$0]) / sigmas[$0] }
        let periods = (firstReported..<y.count).map { t -> PeriodResult in
            let date = series.dates[t]
            let observed = series.counts[t]
            guard t >= minimumHistory else { return .unjudged(date, observed, .notEnoughHistory) }
            let upperBound: Double
            let score: Double
            let isAlarm: Bool
            switch parameters.variant {
            case .c1, .c2:
                upperBound = means[t] + z * sigmas[t]
                score = c2[t]
                isAlarm = y[t] > upperBound
            case .c3:
                let lagged = RArithmetic.max(0, c2[t - 2] - 1) + RArithmetic.max(0, c2[t - 1] - 1)
                upperBound = RArithmetic.max(0, y[t] + sigmas[t] * (z - lagged))
                score = lagged + RArithmetic.max(0, c2[t] - 1)
                isAlarm = y[t] > upperBound
            case .c3CDC:
                let lagged = RArithmetic.max(0, c2[t - 2] - 1) + RArithmetic.max(0, c2[t - 1] - 1)
                score = lagged + RArithmetic.max(0, c2[t] - 1)
                upperBound = RArithmetic.max(0, means[t] + sigmas[t] * (1 + parameters.cdcThreshold - lagged))
                isAlarm = score > parameters.cdcThreshold
            }
            guard !upperBound.isNaN else { return .unjudged(date, observed, .undefined) }
            return PeriodResult(
                date: date, observed: observed, expected: means[t], upperBound: upperBound,
                score: score.isFinite ? score : nil, isAlarm: isAlarm, status: .evaluated)
        }
        return DetectionResult(series: series.name, method: method, periods: periods)
    }
}
