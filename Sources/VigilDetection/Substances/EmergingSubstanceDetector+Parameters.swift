public import VigilCore

extension EmergingSubstanceDetector {
    /// The length of the periods whose shares the CUSUM monitors.
    public enum Period: Hashable, Sendable, Codable {
        /// Calendar months. The first period starts on the evaluation window's first day and runs to
        /// the end of that month; the last ends on the window's last day.
        case calendarMonth
        /// Blocks of this many days, counted from the evaluation window's first day (start the window
        /// on a Monday for ISO weeks); the last block ends on the window's last day.
        case days(Int)

        /// Weeks of seven days, starting on the evaluation window's first day.
        public static let week = Period.days(7)
    }

    /// Emerging-substance parameters, with documented defaults.
    public struct Parameters: Hashable, Sendable, Codable {
        /// The quiet period Q in days: a sample is a re-appearance when the previous one with the
        /// substance (or the pair) in the region is more than Q days earlier, that is, when at least Q
        /// whole days without one lie between them. At least 1; default 180.
        public var quietDays: Int
        /// The anchor substances: co-occurrences with each are reported, and shares are also
        /// monitored among the samples that contain each. No duplicates; may be empty; default
        /// `["fentanyl"]`.
        public var anchors: [SubstanceID]
        /// The period of the share CUSUM; default ``Period/calendarMonth``.
        public var period: Period
        /// The length of the baseline, the days just before the evaluation window whose share is the
        /// in-control share; `nil` for all history before the window. At least 1; default 365.
        public var baselineDays: Int?
        /// The fewest samples a region's baseline (of all samples, or of samples with the anchor) must
        /// have for its shares to be monitored; smaller baselines give no share findings and are listed
        /// in ``EmergingSubstanceReport/insufficientBaselines``. At least 1; default 30.
        public var minimumBaselineSamples: Int
        /// The odds ratio r the CUSUM is tuned to detect: the out-of-control share p1 has r times the
        /// odds of the baseline share p0. Above 1; default 2 (5% → 9.5%, 20% → 33%).
        public var oddsRatio: Double
        /// The CUSUM decision interval h, in log-likelihood-ratio units. Positive; default 5.
        ///
        /// A stable share reaches h from 0 with probability at most e^−h per excursion, so the
        /// in-control run length is about e^h periods or more (see ``BinomialCUSUM``). In simulations
        /// with a one-year baseline, shares of 5–30% and 2–40 samples per period, h = 5 gave one false
        /// alarm per about 550 periods of one series, h = 4 one per 250 and h = 3 one per 100. Every
        /// region, substance and context is its own series, so raise h when many are watched at once.
        public var threshold: Double
        /// Whether to monitor each substance's share of all of a region's samples; default `true`.
        public var monitorsOverallShare: Bool
        /// Whether to monitor each substance's share of the region's samples that contain each
        /// anchor (xylazine among fentanyl-positive samples); default `true`.
        public var monitorsAnchoredShares: Bool

        /// Creates parameters; every argument has the documented default.
        /// - Parameters:
        ///   - quietDays: The quiet period Q in days.
        ///   - anchors: The anchor substances.
        ///   - period: The share period.
        ///   - baselineDays: The baseline length in days, or `nil` for all history.
        ///   - minimumBaselineSamples: The fewest baseline samples for share monitoring.
        ///   - oddsRatio: The odds ratio the CUSUM detects.
        ///   - threshold: The CUSUM decision interval h.
        ///   - monitorsOverallShare: Whether to monitor shares of all samples.
        ///   - monitorsAnchoredShares: Whether to monitor shares among samples with each anchor.
        public init(
            quietDays: Int = 180, anchors: [SubstanceID] = [SubstanceID(rawValue: "fentanyl")],
            period: Period = .calendarMonth,
            baselineDays: Int? = 365, minimumBaselineSamples: Int = 30, oddsRatio: Double = 2, threshold: Double = 5,
            monitorsOverallShare: Bool = true, monitorsAnchoredShares: Bool = true
        ) {
            self.quietDays = quietDays
            self.anchors = anchors
            self.period = period
            self.baselineDays = baselineDays
            self.minimumBaselineSamples = minimumBaselineSamples
            self.oddsRatio = oddsRatio
            self.threshold = threshold
            self.monitorsOverallShare = monitorsOverallShare
            self.monitorsAnchoredShares = monitorsAnchoredShares
        }

        /// Checks every parameter against its domain.
        func validate() throws(DetectionError) {
            guard quietDays >= 1 else {
                throw .parameter("quietDays must be at least 1 day (for example 180), not \(quietDays)")
            }
            if case .days(let days) = period, days < 1 {
                throw .parameter("the share period must be at least 1 day (7 for weeks), not \(days)")
            }
            if let baselineDays, baselineDays < 1 {
                throw .parameter("baselineDays must be at least 1 day, or nil for all history, not \(baselineDays)")
            }
            guard minimumBaselineSamples >= 1 else {
                throw .parameter(
                    "minimumBaselineSamples must be at least 1 (for example 30), not \(minimumBaselineSamples)")
            }
            guard oddsRatio > 1, oddsRatio.isFinite else {
                throw .parameter(
                    "oddsRatio must be above 1 and finite (2 doubles the odds of a substance), not \(oddsRatio)")
            }
            guard threshold > 0, threshold.isFinite else {
                throw .parameter("the CUSUM threshold must be positive and finite (for example 5), not \(threshold)")
            }
            var seen: Set<SubstanceID> = []
            for anchor in anchors {
                guard !anchor.rawValue.isEmpty else { throw .parameter("an anchor substance must not be empty") }
                guard seen.insert(anchor).inserted else {
                    throw .parameter("the anchor '\(anchor.rawValue)' is listed twice in anchors; list each once")
                }
            }
        }
    }
}
