public import VigilCore
public import VigilDetection
public import VigilStore

/// Detection on stored events: builds the series up to a date, judges their latest period with
/// each jurisdiction's rules, and records alarms as alerts (`vigil detect --from-store`).
///
/// Regions on watch (a dangerous substance appeared there recently, ``SubstanceWatch``) are judged with
/// lowered thresholds. With a sample store, each alarm carries the drug samples around it
/// (``AlertFusion``), which can raise it to red.
public struct StoreDetection: Sendable {
    /// One alarm and the alert it went into.
    public struct Outcome: Sendable {
        /// The alert, new or updated.
        public var alert: Alert
        /// Whether the alarm opened a new alert.
        public var isNew: Bool
    }

    private let events: any EventStore
    private let alerts: any AlertStore
    private let samples: (any SampleStore)?

    /// Creates the use case over a store; alarms are fused with drug samples when `samples` is given.
    public init(events: any EventStore, alerts: any AlertStore, samples: (any SampleStore)? = nil) {
        self.events = events
        self.alerts = alerts
        self.samples = samples
    }

    /// Judges the latest complete period on or before `asOf` for every series: the day `asOf`, or
    /// the last ISO week that ends on or before it.
    /// - Parameters:
    ///   - grouping: How events are split into series.
    ///   - interval: Days or weeks.
    ///   - asOf: The last day with complete data.
    ///   - configuration: The rules.
    ///   - now: The current time for the alert records (seconds since 1970, UTC).
    ///   - regions: Only the series of these regions; all when `nil`.
    /// - Returns: The alarms raised, in series and method order.
    public func run(
        _ grouping: SeriesGrouping, interval: CountSeries.Interval, asOf: CalendarDate,
        configuration: AlertingConfiguration = .standard, now: Int64, regions: Jurisdictions? = nil
    ) async throws -> [Outcome] {
        let lastDay = interval == .day || asOf.isoWeekday == 7 ? asOf : asOf.startOfISOWeek.adding(days: -1)
        let series = try await SeriesBuilder(store: events).build(
            grouping, interval: interval, filter: EventFilter(to: lastDay, jurisdictions: regions))
        let settings = configuration.drugMarket
        let watch = SubstanceWatch(alerts: try await alerts.fetchAlerts(status: nil), on: asOf, settings: settings)
        var byRules: [[AlertingConfiguration.Rule]: [CountSeries]] = [:]
        for one in series {
            guard let region = RegionCode(rawValue: String(one.name.prefix { $0 != ":" })) else { continue }
            let rules = configuration.rules(for: region)
            byRules[watch.entry(covering: region) == nil ? rules : rules.map(settings.watched), default: []].append(one)
        }
        var signals: [AlertSignal] = []
        for (rules, group) in byRules {
            for rule in rules { signals += try Self.signals(rule, group) }
        }
        signals.sort { ($0.series, $0.method) < ($1.series, $1.method) }
        let fusion = samples.map { AlertFusion(samples: $0, events: events, settings: settings) }
        var outcomes: [Outcome] = []
        for var signal in signals {
            if let entry = watch.entry(covering: signal.region) {
                signal.evidence = AlertEvidence(notes: [settings.watchNote(entry)])
            }
            if let fusion {
                let last = signal.period.adding(days: interval.days - 1)
                signal = try await fusion.fuse(
                    signal, area: AlertFusion.Area(regions: [signal.region], from: signal.period.adding(days: -settings.daysBefore), to: last))
            }
            let recorded = try await alerts.recordSignal(signal, continuationDays: configuration.continuationDays, at: now)
            outcomes.append(Outcome(alert: recorded.alert, isNew: recorded.isNew))
        }
        return outcomes
    }

    /// Runs detection for every period from `from` to `to`, as a daily or weekly job would have,
    /// and returns the alerts touched, newest first, without repeats.
    public func replay(
        _ grouping: SeriesGrouping, interval: CountSeries.Interval, from: CalendarDate, to: CalendarDate,
        configuration: AlertingConfiguration = .standard, now: Int64
    ) async throws -> [Alert] {
        var latest: [AlertID: Alert] = [:]
        var day = interval == .week ? from.startOfISOWeek.adding(days: 6) : from
        while day <= to {
            for outcome in try await run(grouping, interval: interval, asOf: day, configuration: configuration, now: now) {
                latest[outcome.alert.id] = outcome.alert
            }
            day = day.adding(days: interval.days)
        }
        return latest.values.sorted { $0.id > $1.id }
    }

    /// The alarms of one rule on the latest period of each series, with their severity.
    private static func signals(_ rule: AlertingConfiguration.Rule, _ series: [CountSeries]) throws -> [AlertSignal] {
        let yellow = rule.yellowOptions
        var red = yellow
        if rule.method == "ears-c3-cdc" {
            red.cdcThreshold = 4
        } else if rule.method == "cusum" || rule.method == "glrnb" {
            red.h = rule.redH ?? 2 * (rule.h ?? (rule.method == "cusum" ? 2.26 : 5))
        } else {
            let alpha = rule.alpha ?? DetectorCatalog.defaultAlpha(of: rule.method)
            // ESSENCE's detectors colour p < 0.01 red; the others use a tenth of their alpha.
            red.alpha = rule.redAlpha ?? (DetectorCatalog.dailyOnlyMethods.contains(rule.method) ? min(0.01, alpha / 5) : alpha / 10)
        }
        let minimum = rule.minimumObserved ?? 3
        let alarming = zip(series, try DetectorCatalog.run(method: rule.method, options: yellow, on: series, lastPeriods: 1))
            .compactMap { one, result in
                result.periods.last.flatMap { $0.isAlarm && $0.observed >= minimum ? (one, $0) : nil }
            }
        // The stricter run only on the series that alarmed.
        let strict = try DetectorCatalog.run(method: rule.method, options: red, on: alarming.map(\.0), lastPeriods: 1)
        return zip(alarming, strict).map { alarm, strictResult in
            let (one, period) = alarm
            let parts = one.name.split(separator: ":", maxSplits: 1)
            return AlertSignal(
                method: rule.method, series: one.name, region: RegionCode(rawValue: String(parts[0]))!,
                subgroup: parts.count > 1 ? String(parts[1]) : nil, interval: one.interval.rawValue, period: period.date,
                observed: period.observed, expected: period.expected, upperBound: period.upperBound, score: period.score,
                pValue: period.pValue, severity: strictResult.periods.last?.isAlarm == true ? .red : .yellow)
        }
    }
}
