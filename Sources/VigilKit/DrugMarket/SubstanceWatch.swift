public import VigilCore

/// Regions on watch: where a dangerous substance first appeared (ever, after a quiet period, or with
/// an anchor such as fentanyl) within the last ``DrugMarketSettings/watchDays``, as recorded by
/// substance alerts. The overdose detectors of a watched region run with lowered thresholds
/// (``DrugMarketSettings/watched(_:)``), and their alerts say so.
public struct SubstanceWatch: Sendable {
    /// One region on watch.
    public struct Entry: Hashable, Sendable {
        /// The region the substance appeared in.
        public var region: RegionCode
        /// The substance's name.
        public var substance: String
        /// The day it appeared.
        public var since: CalendarDate
        /// The last day of the watch.
        public var until: CalendarDate
        /// The substance alert that started it.
        public var alert: AlertID
    }

    /// The watches in force, earliest first.
    public let entries: [Entry]

    /// The watches in force on `day`, from the stored alerts.
    public init(alerts: [Alert], on day: CalendarDate, settings: DrugMarketSettings) {
        entries = alerts.compactMap { alert -> Entry? in
            guard alert.latest.kind == "substance", alert.latest.method != "rising-share",
                let finding = alert.latest.evidence?.finding, finding.isDangerous
            else { return nil }
            let until = alert.latest.period.adding(days: settings.watchDays)
            guard alert.firstPeriod <= day, day <= until else { return nil }
            return Entry(region: alert.latest.region, substance: finding.substanceName, since: alert.firstPeriod, until: until, alert: alert.id)
        }.sorted { ($0.since, $0.alert) < ($1.since, $1.alert) }
    }

    /// The watch that covers a series region: one on the region itself, on its state, or on one of its
    /// counties.
    public func entry(covering region: RegionCode) -> Entry? {
        entries.first { $0.region == region || region.stateCode == $0.region || $0.region.stateCode == region }
    }
}

extension DrugMarketSettings {
    /// A detector rule with the thresholds lowered for a watched region: alpha (and red alpha)
    /// multiplied by ``watchAlphaFactor`` up to 0.2, h multiplied by ``watchHFactor``, and at most
    /// ``watchMinimumObserved`` events needed.
    func watched(_ rule: AlertingConfiguration.Rule) -> AlertingConfiguration.Rule {
        var lowered = rule
        if rule.method == "cusum" || rule.method == "glrnb" {
            lowered.h = (rule.h ?? (rule.method == "cusum" ? 2.26 : 5)) * watchHFactor
            lowered.redH = rule.redH.map { $0 * watchHFactor }
        } else if rule.method != "ears-c3-cdc" {
            lowered.alpha = min(0.2, (rule.alpha ?? DetectorCatalog.defaultAlpha(of: rule.method)) * watchAlphaFactor)
            lowered.redAlpha = rule.redAlpha.map { min(0.2, $0 * watchAlphaFactor) }
        }
        lowered.minimumObserved = min(rule.minimumObserved ?? 3, watchMinimumObserved)
        return lowered
    }

    /// The sentence a watched region's alert carries.
    func watchNote(_ entry: SubstanceWatch.Entry) -> String {
        "On watch: \(entry.substance) appeared in \(entry.region.rawValue) on \(entry.since) (alert \(entry.alert.rawValue)); "
            + "thresholds lowered (alpha ×\(Self.plain(watchAlphaFactor)), h ×\(Self.plain(watchHFactor)), "
            + "at least \(watchMinimumObserved) events) until \(entry.until)."
    }

    /// A factor as people write it: `10`, `0.5`.
    private static func plain(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(value)
    }
}
