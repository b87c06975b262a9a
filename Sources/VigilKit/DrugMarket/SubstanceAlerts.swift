public import VigilCore
public import VigilDetection
public import VigilStore

/// Drug-market findings recorded as alerts of kind `substance` (`vigil detect --from-store --kind
/// substance`, and the service as samples arrive): each finding of ``EmergingSubstances`` in a region
/// with a region code becomes a signal whose evidence names the finding and the samples behind it; a
/// dangerous substance (``DrugMarketSettings``) makes it red.
public struct SubstanceAlerts: Sendable {
    /// What a run did.
    public struct Outcome: Sendable {
        /// The alerts recorded, new or updated, in finding order.
        public var alerts: [(alert: Alert, isNew: Bool)]
        /// Findings in places without a region code (samples with only a place name): reported, not
        /// recorded as alerts, since an alert belongs to a region.
        public var unplacedFindings: [SubstanceFinding]
        /// Samples read.
        public var samplesRead: Int
    }

    private let samples: any SampleStore
    private let alerts: any AlertStore

    /// The use case over a store.
    public init(samples: any SampleStore, alerts: any AlertStore) {
        self.samples = samples
        self.alerts = alerts
    }

    /// Detects on the samples collected up to `to`, judging `from` through `to`, and records the findings.
    /// - Parameters:
    ///   - configuration: The continuation days of alerts and the drug-market settings (which substances are dangerous).
    ///   - now: The time recorded on the alerts.
    public func run(
        from: CalendarDate, to: CalendarDate, parameters: EmergingSubstanceDetector.Parameters = EmergingSubstanceDetector.Parameters(),
        configuration: AlertingConfiguration = .standard, now: Int64
    ) async throws -> Outcome {
        let stored = try await samples.fetchSamples(SampleFilter(to: to))
        let report = try EmergingSubstances.evaluate(stored, from: from, to: to, parameters: parameters)
        var outcome = Outcome(alerts: [], unplacedFindings: [], samplesRead: stored.count)
        let byRegion = Dictionary(grouping: stored.filter { $0.collectedOn >= from }, by: EmergingSubstances.regionKey)
        for finding in report.findings {
            guard let region = RegionCode(rawValue: finding.region) else {
                outcome.unplacedFindings.append(finding)
                continue
            }
            let signal = Self.signal(finding, region: region, samples: byRegion[finding.region] ?? [], settings: configuration.drugMarket)
            outcome.alerts.append(try await alerts.recordSignal(signal, continuationDays: configuration.continuationDays, at: now))
        }
        return outcome
    }

    /// The method name an alert shows for a finding kind.
    static func method(_ kind: SubstanceFinding.Kind) -> String {
        switch kind {
        case .firstAppearance: "first-appearance"
        case .newCooccurrence: "new-cooccurrence"
        case .risingShare: "rising-share"
        }
    }

    /// The signal of one finding, with the region's samples of the finding's days that contain the substance.
    static func signal(_ finding: SubstanceFinding, region: RegionCode, samples: [DrugSample], settings: DrugMarketSettings) -> AlertSignal {
        let substance = finding.substance.rawValue
        let anchor = finding.anchor?.rawValue
        let matching = samples.filter { sample in
            sample.collectedOn >= finding.day && sample.collectedOn <= finding.lastDay
                && sample.substances.contains { $0.key == substance }
                && (finding.kind == .firstAppearance || anchor.map { key in sample.substances.contains { $0.key == key } } ?? true)
        }
        let dangerous = settings.isDangerous(substance)
        let evidence = SubstanceFindingEvidence(
            kind: finding.kind.rawValue, substance: substance, substanceName: DrugMarketSettings.name(of: substance), anchor: anchor,
            day: finding.day, lastDay: finding.lastDay, previousDay: finding.previousDay, samples: finding.samples,
            samplesWithSubstance: finding.samplesWithSubstance, baselineShare: finding.share?.baselineShare,
            recentShare: finding.share?.recentShare, isDangerous: dangerous, sampleIdentifiers: matching.prefix(50).map(\.id.rawValue))
        return AlertSignal(
            kind: "substance", method: method(finding.kind),
            series: "\(finding.region):\(substance)" + (anchor.map { ":with:\($0)" } ?? ""), region: region, subgroup: substance,
            interval: "day", period: finding.day, observed: finding.samplesWithSubstance,
            expected: finding.share.map { $0.baselineShare * Double(finding.samples) }, upperBound: nil, score: finding.share?.cusum,
            pValue: nil, severity: dangerous ? .red : .yellow, evidence: AlertEvidence(finding: evidence))
    }
}
