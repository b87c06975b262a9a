public import VigilCore

/// Finds substances emerging in a drug market: first appearances in a region, first co-occurrences
/// with an anchor substance such as fentanyl, and rising shares of samples.
///
/// The input is drug samples (seizures, forensic laboratory results, drug-checking results), each
/// with a collection day, a region and the substances found. Everything before the evaluation window
/// `from...to` is history; only findings inside the window are reported. Samples after `to` are
/// ignored. Three kinds of finding:
///
/// - **First appearance**: for each region and substance, the first sample containing it, and any
///   later sample that follows more than ``Parameters/quietDays`` days without one (a quiet period
///   of at least Q whole days). Several samples on that day give one finding.
/// - **New co-occurrence**: the same, for samples containing both the substance and an anchor
///   (each of ``Parameters/anchors``). When two anchors occur together, the pair is reported once,
///   under the anchor listed first.
/// - **Rising share**: for each region and substance, the share of samples containing it, per
///   ``Parameters/period``, is monitored with a ``BinomialCUSUM``. The share is taken among all
///   samples (``Parameters/monitorsOverallShare``) and among the samples with each anchor, such as
///   xylazine among fentanyl-positive samples (``Parameters/monitorsAnchoredShares``). The
///   in-control share p0 comes from the ``Parameters/baselineDays`` before the window, smoothed to
///   (x + 0.5)/(n + 1) (the Jeffreys prior's half pseudo-sample on each side) so that a substance
///   absent from the baseline gets a small positive p0 instead of 0; p1 has ``Parameters/oddsRatio``
///   times its odds. The chart starts at 0 at `from`, alarms at ``Parameters/threshold`` and restarts
///   at 0 after each alarm, so a rise that lasts alarms again each time it gathers h more evidence.
///   A region whose baseline has fewer than ``Parameters/minimumBaselineSamples`` samples (of all
///   samples, or of the anchor's) gives no share findings and is listed in
///   ``EmergingSubstanceReport/insufficientBaselines`` instead.
///
/// Assumptions: the samples are a consistent stream, so a change in a share reflects the market and
/// not a change in who sends samples or which substances a laboratory tests for; widen the
/// baseline or restart it after such a change. The first day of the data is not a market change: a
/// window that starts at the data's first day reports every substance as a first appearance, so
/// keep at least ``Parameters/quietDays`` of history before `from`. The share CUSUM treats samples
/// as independent, so count a batch of pills from one seizure once.
///
/// The detector interns regions and substances to integers once, packs each (region, context,
/// substance, day) into a 64-bit code and radix-sorts the codes, so every later step is a linear
/// pass over integers: a million samples over five years take well under a second.
public struct EmergingSubstanceDetector: Sendable {
    /// The validated parameters.
    public let parameters: Parameters

    /// Creates a detector.
    /// - Parameter parameters: The parameters; see ``Parameters`` for the defaults.
    /// - Throws: ``DetectionError`` `invalidParameter` when a parameter is outside its domain: a quiet
    ///   period, period, baseline length or minimum baseline below 1, an odds ratio not above 1, a
    ///   threshold not positive, or an empty or repeated anchor.
    public init(_ parameters: Parameters = Parameters()) throws(DetectionError) {
        try parameters.validate()
        self.parameters = parameters
    }

    /// The name of the method, as results record it.
    public var method: String { "emerging-substances" }

    /// Finds emerging substances in the evaluation window.
    ///
    /// - Parameters:
    ///   - samples: The samples, in any order; samples after `to` are ignored.
    ///   - from: The first day of the evaluation window.
    ///   - to: The last day of the evaluation window.
    /// - Returns: The findings in the window, sorted by day, region, substance, kind and anchor, and
    ///   the region contexts whose baseline was too small to monitor shares.
    /// - Precondition: `from <= to`.
    /// - Complexity: O(m + D + R·A·P + G·P) for m substance mentions (counted once per anchor the
    ///   sample contains, plus once), D days from the first sample to `to`, R regions, A anchors, P
    ///   evaluation periods and G (region, context, substance) series with a sample in the window.
    public func evaluate(_ samples: [SubstanceSample], from: CalendarDate, to: CalendarDate) -> EmergingSubstanceReport
    {
        evaluate(samples, from: from, to: to, codeBits: 64)
    }

    /// The findings of ``evaluate(_:from:to:)``.
    /// - Parameters:
    ///   - samples: The samples, in any order; samples after `to` are ignored.
    ///   - from: The first day of the evaluation window.
    ///   - to: The last day of the evaluation window.
    /// - Returns: The findings in the window, sorted by day, region, substance, kind and anchor.
    /// - Precondition: `from <= to`.
    public func findings(in samples: [SubstanceSample], from: CalendarDate, to: CalendarDate) -> [SubstanceFinding] {
        evaluate(samples, from: from, to: to).findings
    }

    /// ``evaluate(_:from:to:)`` with codes limited to `codeBits` bits; regions are processed in as
    /// many groups as it takes for every code of a group to fit. Tests lower it to check the grouping.
    func evaluate(_ samples: [SubstanceSample], from: CalendarDate, to: CalendarDate, codeBits: Int)
        -> EmergingSubstanceReport
    {
        precondition(from <= to, "the evaluation window must not end (\(to)) before it starts (\(from))")
        let interned = InternedSamples(samples, anchors: parameters.anchors, through: to.dayNumber)
        guard let dayRange = interned.dayRange else {
            return EmergingSubstanceReport(
                findings: [], insufficientBaselines: [], from: from, to: to, parameters: parameters)
        }
        let calendar = ShareCalendar(
            firstDay: min(dayRange.lowerBound, from.dayNumber), from: from, to: to, period: parameters.period,
            baselineDays: parameters.baselineDays)
        var scan = EmergingSubstanceScan(
            interned: interned, calendar: calendar, parameters: parameters, codeBits: codeBits)
        var first = 0
        while first < interned.regions.count {
            let last = min(interned.regions.count, first + scan.regionsPerGroup)
            scan.run(regions: first..<last)
            first = last
        }
        return report(scan, interned: interned, from: from, to: to, codeBits: codeBits)
    }

    /// Sorts the scan's findings and shortfalls by name and turns them into public values.
    private func report(
        _ scan: EmergingSubstanceScan, interned: InternedSamples, from: CalendarDate, to: CalendarDate, codeBits: Int
    ) -> EmergingSubstanceReport {
        let regionRank = Self.ranks(of: interned.regions)
        let substanceRank = Self.ranks(of: interned.substances.map(\.rawValue))
        // Context 0 (no anchor) sorts first; anchor k has substance index k.
        let anchorRank = { (context: Int) -> Int in context == 0 ? -1 : substanceRank[context - 1] }
        let order = Self.order(
            of: scan.findings, regionRank: regionRank, substanceRank: substanceRank, from: from, to: to,
            codeBits: codeBits)
        let findings = order.map { index in
            let raw = scan.findings[index]
            return SubstanceFinding(
                kind: raw.kind, region: interned.regions[Int(raw.region)],
                substance: interned.substances[Int(raw.substance)],
                anchor: raw.context == 0 ? nil : interned.substances[Int(raw.context) - 1],
                day: CalendarDate(dayNumber: Int(raw.day)),
                lastDay: CalendarDate(dayNumber: Int(raw.lastDay)),
                previousDay: raw.previousDay.map { CalendarDate(dayNumber: Int($0)) },
                samples: Int(raw.samples), samplesWithSubstance: Int(raw.samplesWithSubstance),
                share: raw.share.map { scan.shares[Int($0)] })
        }
        let shortfalls = scan.shortfalls.sorted { a, b in
            a.region != b.region
                ? regionRank[a.region] < regionRank[b.region] : anchorRank(a.context) < anchorRank(b.context)
        }
        .map { raw in
            EmergingSubstanceReport.InsufficientBaseline(
                region: interned.regions[raw.region],
                anchor: raw.context == 0 ? nil : interned.substances[raw.context - 1],
                baselineSamples: raw.baselineSamples, evaluationSamples: raw.evaluationSamples)
        }
        return EmergingSubstanceReport(
            findings: findings, insufficientBaselines: shortfalls, from: from, to: to, parameters: parameters)
    }

    /// The positions of the findings in report order: day, region, substance, kind, then anchor (none
    /// first). Anchor k has substance index k, so anchors rank among the substances.
    ///
    /// The sort key and the position are packed into one word of `codeBits` bits and radix-sorted
    /// when they fit (the findings of a whole country's year fit in 64); otherwise the keys are
    /// compared as tuples.
    private static func order(
        of findings: [EmergingSubstanceScan.RawFinding], regionRank: [Int], substanceRank: [Int], from: CalendarDate,
        to: CalendarDate, codeBits: Int
    ) -> [Int] {
        // Anchor rank + 1, so that "no anchor" is 0.
        let anchorKey = { (context: Int32) -> Int in context == 0 ? 0 : substanceRank[Int(context) - 1] + 1 }
        let bits = EmergingSubstanceScan.bits(toHold:)
        let widths = [
            bits(to.dayNumber - from.dayNumber + 1), bits(regionRank.count), bits(substanceRank.count),
            bits(SubstanceFinding.Kind.allCases.count), bits(substanceRank.count + 1), bits(findings.count),
        ].map(UInt64.init)
        let totalBits = Int(widths.reduce(0, +))
        guard totalBits <= codeBits else {
            let keys = findings.map { raw in
                (
                    raw.day, regionRank[Int(raw.region)], substanceRank[Int(raw.substance)], raw.kind.rank,
                    anchorKey(raw.context)
                )
            }
            return keys.indices.sorted { keys[$0] < keys[$1] }
        }
        var keys = findings.enumerated().map { index, raw in
            var key = UInt64(Int(raw.day) - from.dayNumber)
            key = key << widths[1] | UInt64(regionRank[Int(raw.region)])
            key = key << widths[2] | UInt64(substanceRank[Int(raw.substance)])
            key = key << widths[3] | UInt64(raw.kind.rank)
            key = key << widths[4] | UInt64(anchorKey(raw.context))
            return key << widths[5] | UInt64(index)
        }
        RadixSort.sort(&keys, bits: totalBits)
        let indexMask = (UInt64(1) << widths[5]) - 1
        return keys.map { Int($0 & indexMask) }
    }

    /// The rank of each name in byte-wise (UTF-8) order; names are distinct.
    private static func ranks(of names: [String]) -> [Int] {
        let order = names.indices.sorted { names[$0].utf8.lexicographicallyPrecedes(names[$1].utf8) }
        var rank = [Int](repeating: 0, count: names.count)
        for (position, index) in order.enumerated() { rank[index] = position }
        return rank
    }
}
