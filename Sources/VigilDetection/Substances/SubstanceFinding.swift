public import VigilCore

/// A signal about one substance in one region: it appeared for the first time (or again after a
/// quiet period), it appeared together with an anchor substance for the first time, or its share of
/// samples rose.
///
/// Findings are values that can be stored and compared. ``EmergingSubstanceDetector`` returns them
/// sorted by ``day``, then ``region``, ``substance``, ``kind`` and ``anchor`` (no anchor first), so
/// the same samples and parameters always give the same list.
public struct SubstanceFinding: Hashable, Sendable, Codable {
    /// What kind of signal a finding is.
    public enum Kind: String, Hashable, Sendable, Codable, CaseIterable, Comparable {
        /// The first sample in the region containing the substance, ever (in the data given) or after
        /// a quiet period.
        case firstAppearance
        /// The first sample in the region containing both the substance and an anchor substance,
        /// ever or after a quiet period.
        case newCooccurrence
        /// A binomial CUSUM alarm on the substance's share of the region's samples in one period.
        case risingShare

        /// The order findings of one day, region and substance are listed in: appearances, then
        /// co-occurrences, then share alarms.
        public static func < (lhs: Kind, rhs: Kind) -> Bool { lhs.rank < rhs.rank }

        /// The position of the kind in that order, 0 ..< `allCases.count`.
        var rank: Int {
            switch self {
            case .firstAppearance: 0
            case .newCooccurrence: 1
            case .risingShare: 2
            }
        }
    }

    /// The evidence behind a ``Kind/risingShare`` finding: the baseline share, the share of the
    /// alarm period and the CUSUM statistic.
    public struct ShareEvidence: Hashable, Sendable, Codable {
        /// Samples of the context (all samples, or those with the anchor) in the region's baseline.
        public var baselineSamples: Int
        /// Baseline samples of the context that contain the substance.
        public var baselineSamplesWithSubstance: Int
        /// The observed baseline share, `baselineSamplesWithSubstance / baselineSamples`.
        public var baselineShare: Double
        /// The in-control share p0 the CUSUM used: the baseline share with half a pseudo-sample added
        /// to each side, `(x + 0.5) / (n + 1)`, so that it is never 0 or 1.
        public var inControlShare: Double
        /// The out-of-control share p1 the CUSUM was tuned to detect: p0 with its odds multiplied by
        /// the detector's odds ratio.
        public var outOfControlShare: Double
        /// The share in the alarm period, ``SubstanceFinding/samplesWithSubstance`` over
        /// ``SubstanceFinding/samples``.
        public var recentShare: Double
        /// The CUSUM statistic S_t at the alarm, before it is reset to 0; at least the threshold h.
        public var cusum: Double

        /// Creates share evidence.
        /// - Parameters:
        ///   - baselineSamples: Samples of the context in the baseline.
        ///   - baselineSamplesWithSubstance: Those that contain the substance.
        ///   - inControlShare: The smoothed baseline share p0.
        ///   - outOfControlShare: The share p1 the CUSUM detects.
        ///   - recentShare: The share in the alarm period.
        ///   - cusum: The CUSUM statistic at the alarm.
        public init(
            baselineSamples: Int, baselineSamplesWithSubstance: Int, inControlShare: Double, outOfControlShare: Double,
            recentShare: Double, cusum: Double
        ) {
            self.baselineSamples = baselineSamples
            self.baselineSamplesWithSubstance = baselineSamplesWithSubstance
            self.baselineShare =
                baselineSamples > 0 ? Double(baselineSamplesWithSubstance) / Double(baselineSamples) : 0
            self.inControlShare = inControlShare
            self.outOfControlShare = outOfControlShare
            self.recentShare = recentShare
            self.cusum = cusum
        }
    }

    /// What kind of signal this is.
    public var kind: Kind
    /// The region key, as given in the samples.
    public var region: String
    /// The substance the finding is about.
    public var substance: SubstanceID
    /// For ``Kind/newCooccurrence``, the anchor the substance appeared with; for ``Kind/risingShare``,
    /// the anchor whose samples the share is taken among, or `nil` for the share of all samples;
    /// `nil` for ``Kind/firstAppearance``.
    public var anchor: SubstanceID?
    /// The day of the appearance, or the first day of the alarm period (clipped to the evaluation
    /// window).
    public var day: CalendarDate
    /// The same as ``day`` for appearances; the last day of the alarm period (clipped to the
    /// evaluation window) for share alarms.
    public var lastDay: CalendarDate
    /// For appearances, the last earlier day with such a sample, when this is a re-appearance after
    /// a quiet period; `nil` when no earlier sample exists in the data. Always `nil` for share alarms.
    public var previousDay: CalendarDate?
    /// Samples of the context in the region from ``day`` through ``lastDay``: all samples for
    /// first appearances and overall shares, samples with the anchor otherwise.
    public var samples: Int
    /// Those of ``samples`` that contain the substance.
    public var samplesWithSubstance: Int
    /// The share statistics, for ``Kind/risingShare`` findings only.
    public var share: ShareEvidence?

    /// Creates a finding.
    /// - Parameters:
    ///   - kind: The kind of signal.
    ///   - region: The region key.
    ///   - substance: The substance.
    ///   - anchor: The anchor substance, if the kind has one.
    ///   - day: The appearance day or first day of the period.
    ///   - lastDay: The last day of the period (`day` for appearances).
    ///   - previousDay: The previous sighting before a quiet period, if any.
    ///   - samples: Samples of the context in the region over the days.
    ///   - samplesWithSubstance: Those containing the substance.
    ///   - share: Share statistics, for share alarms.
    public init(
        kind: Kind, region: String, substance: SubstanceID, anchor: SubstanceID? = nil, day: CalendarDate,
        lastDay: CalendarDate? = nil, previousDay: CalendarDate? = nil, samples: Int, samplesWithSubstance: Int,
        share: ShareEvidence? = nil
    ) {
        self.kind = kind
        self.region = region
        self.substance = substance
        self.anchor = anchor
        self.day = day
        self.lastDay = lastDay ?? day
        self.previousDay = previousDay
        self.samples = samples
        self.samplesWithSubstance = samplesWithSubstance
        self.share = share
    }

    /// Whether this appearance follows an earlier sighting and a quiet period, rather than being the
    /// first in the data.
    public var isReappearance: Bool { previousDay != nil }
}
