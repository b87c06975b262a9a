import ArgumentParser
import Foundation
import VigilStore
import VigilCore
import VigilDetection
import VigilKit

struct DetectCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "detect",
        abstract: "Run a temporal spike detector on count series.",
        discussion: """
            Input: a series,date,count CSV (the output of 'vigil series'). Output columns: \
            series,date,method,observed,expected,upperbound,score,alarm; upperbound is empty where the method \
            has too little history or too few cases to judge. Methods and their defaults follow R surveillance: \
            ears-c1, ears-c2 (alpha 0.001), ears-c3 (0.025, surveillance's C3), ears-c3-cdc (CDC's published C3), \
            cusum (k 1.04, h 2.26, training one year), glrnb (negative-binomial GLR CUSUM, threshold 5, \
            in-control model fitted on the training year), farrington (original, b ≤ 5 years, w 3, alpha 0.05), \
            noufaily (Farrington flexible with Noufaily's settings); for daily series, CDC NSSP-ESSENCE's \
            regression (28-day baseline, 2-day guard band, day-of-week terms and trend), ewma (weights 0.4 and \
            0.9) and switch (regression when its adjusted R² ≥ 0.60, else EWMA), alarming at p < 0.05.

            With --from-store, series are built from the database up to --as-of (the last day with complete \
            data, default today), the last complete day or ISO week is judged with the rules of --config (default: ears-c2 and noufaily \
            everywhere), and alarms are recorded as alerts ('vigil alerts'); an alarm within 7 days of an \
            alert's last period updates that alert instead of opening another. Regions where a dangerous substance \
            appeared within the configuration's drugMarket.watchDays are judged with lowered thresholds, and every alarm \
            carries the drug samples of its region and days (raising it to red when one holds a dangerous or new substance).

            With --from-store --kind substance, the stored drug samples are judged instead: substances new to a region (or \
            new after --quiet-days), newly found with an anchor, or in a rising share of samples, for --since to --as-of; \
            findings in regions with a region code are recorded as alerts of kind substance (red for a dangerous substance).
            """)

    @Option(help: "With --from-store: temporal (overdose events, the default) or substance (drug samples).")
    var kind: String = "temporal"

    @Option(help: "With --kind substance: the first day judged (YYYY-MM-DD, default 6 days before --as-of).")
    var since: String?

    @OptionGroup var substanceOptions: SubstanceDetectionOptions

    @Option(help: "ears-c1, ears-c2, ears-c3, ears-c3-cdc, cusum, glrnb, farrington, noufaily, regression, ewma or switch.")
    var method: String?

    @Option(help: "The series file (series,date,count).")
    var input: String?

    @Flag(help: "Detect on the stored events and record alerts.")
    var fromStore = false

    @Option(help: "With --from-store: region, region,substance or region,outcome.")
    var by: String = SeriesGrouping.region.rawValue

    @Option(help: "day or week: the series to build with --from-store (default day); with --input, forces the interval.")
    var interval: String?

    @Option(help: "With --from-store: the last day with complete data (YYYY-MM-DD, default yesterday in UTC).")
    var asOf: String?

    @Option(help: "With --from-store: an alerting configuration JSON file.")
    var config: String?

    @OptionGroup var storeOptions: StoreOptions

    @Option(help: "Significance level (EARS, Farrington).")
    var alpha: Double?

    @Option(help: "EARS baseline length in periods (default 7).")
    var baseline: Int?

    @Option(name: .customLong("guard"), help: "Regression, EWMA, switch: days between baseline and judged day (default 2).")
    var guardBand: Int?

    @Option(help: "Farrington: years back, b (default: as many as fit, at most 5).")
    var years: Int?

    @Option(name: .customLong("half-window"), help: "Farrington: window half-width w (default 3).")
    var halfWindow: Int?

    @Option(help: "CUSUM reference value (default 1.04).")
    var k: Double?

    @Option(help: "CUSUM decision interval (default 2.26), or the glrnb threshold c.ARL (default 5).")
    var h: Double?

    @Option(help: "CUSUM and glrnb training periods at the start of each series (default one year).")
    var training: Int?

    @Option(help: "Only judge the last N periods of each series.")
    var last: Int?

    @Option(help: "csv or json.")
    var format: OutputFormat = .csv

    func validate() throws {
        guard fromStore != (input != nil) else { throw ValidationError("give either --input FILE or --from-store") }
        if let interval, CountSeries.Interval(rawValue: interval) == nil {
            throw ValidationError("--interval '\(interval)' is not day or week")
        }
        guard kind == "temporal" || kind == "substance" else { throw ValidationError("--kind '\(kind)' is not temporal or substance") }
        if kind == "substance", !fromStore { throw ValidationError("--kind substance works on stored samples: add --from-store") }
        if since != nil, kind != "substance" { throw ValidationError("--since is for --kind substance") }
        if fromStore {
            guard SeriesGrouping(rawValue: by) != nil else { throw ValidationError("--by '\(by)' is not region, region,substance or region,outcome") }
            if let asOf, (CalendarDate(iso: asOf)?.year ?? 0) < 1900 {
                throw ValidationError("--as-of '\(asOf)' is not a date of the form YYYY-MM-DD from 1900 on")
            }
            let detectorOptions: [Any?] = [method, alpha, baseline, guardBand, years, halfWindow, k, h, training, last]
            if detectorOptions.contains(where: { $0 != nil }) {
                throw ValidationError("--from-store takes its methods and thresholds from --config; drop --method and the detector options")
            }
        } else {
            guard let method else { throw ValidationError("--input needs --method") }
            guard DetectorCatalog.methods.contains(method) else {
                throw ValidationError("unknown method '\(method)'; use one of \(DetectorCatalog.methods.joined(separator: ", "))")
            }
        }
        if let last, last < 1 { throw ValidationError("--last must be at least 1") }
        if format == .table, !fromStore { throw ValidationError("detect --input writes csv or json") }
    }

    func run() async throws {
        try await reportingErrors {
            if fromStore { return try await runOnStore() }
            guard let input, let method else { return }
            let series = try SeriesFileReader.read(path: input, interval: interval.flatMap(CountSeries.Interval.init(rawValue:)))
            let options = DetectorCatalog.Options(
                alpha: alpha, baseline: baseline, years: years, halfWindow: halfWindow, k: k, h: h, training: training,
                guardBand: guardBand)
            let results = try DetectorCatalog.run(
                method: method, options: options, on: series, lastPeriods: last, requireHistory: true)
            var table = OutputTable(columns: ["series", "date", "method", "observed", "expected", "upperbound", "score", "alarm"])
            for result in results {
                for period in result.periods {
                    table.rows.append([
                        .text(result.series), .text(period.date.description), .text(result.method), .integer(period.observed),
                        period.expected.map(Cell.number) ?? .null, period.upperBound.map(Cell.number) ?? .null,
                        period.score.map(Cell.number) ?? .null, .integer(period.isAlarm ? 1 : 0),
                    ])
                }
            }
            print(table.render(format), terminator: "")
        }
    }

    private func runOnStore() async throws {
        let store = try await storeOptions.openStore()
        let now = Date()
        let day = lastCompleteDay(asOf, now: now)
        let configuration = try config.map(AlertingConfiguration.load(path:)) ?? .standard
        if kind == "substance" {
            let first = try since.map { try FilterOptions.date($0, option: "--since") } ?? day.adding(days: -6)
            guard first <= day else { throw ValidationError("--since \(first) is after --as-of \(day)") }
            let outcome = try await SubstanceAlerts(samples: store, alerts: store).run(
                from: first, to: day, parameters: try substanceOptions.parameters(), configuration: configuration,
                now: Int64(now.timeIntervalSince1970))
            if !outcome.unplacedFindings.isEmpty {
                printError(
                    "note: \(outcome.unplacedFindings.count) findings are in places without a region code and raise no alert; "
                        + "'vigil samples emerging' lists them")
            }
            let newIDs = Set(outcome.alerts.filter(\.isNew).map(\.alert.id))
            print(AlertTable.render(outcome.alerts.map(\.alert), format: format, newIDs: newIDs), terminator: "")
            return
        }
        let outcomes = try await StoreDetection(events: store, alerts: store, samples: store).run(
            SeriesGrouping(rawValue: by)!, interval: CountSeries.Interval(rawValue: interval ?? "day")!, asOf: day,
            configuration: configuration, now: Int64(now.timeIntervalSince1970))
        let newIDs = Set(outcomes.filter(\.isNew).map(\.alert.id))
        print(AlertTable.render(outcomes.map(\.alert), format: format, newIDs: newIDs), terminator: "")
    }
}
