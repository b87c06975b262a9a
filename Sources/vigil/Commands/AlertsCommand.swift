import ArgumentParser
import Foundation
import VigilCore
import VigilDetection
import VigilKit
import VigilStore

struct AlertsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "alerts", abstract: "List, acknowledge and close alerts.",
        subcommands: [AlertsList.self, AlertsAcknowledge.self, AlertsClose.self, AlertsEvaluate.self],
        defaultSubcommand: AlertsList.self)
}

struct AlertsList: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List alerts, newest first.")

    @Option(help: "open, acknowledged or closed.")
    var status: String?

    @Option(help: "table, csv or json.")
    var format: OutputFormat = .table

    @OptionGroup var storeOptions: StoreOptions

    func validate() throws {
        if let status, Alert.Status(rawValue: status) == nil { throw ValidationError("--status '\(status)' is not open, acknowledged or closed") }
    }

    func run() async throws {
        try await reportingErrors {
            let alerts = try await storeOptions.openStore().fetchAlerts(status: status.flatMap(Alert.Status.init(rawValue:)))
            print(AlertTable.render(alerts, format: format), terminator: "")
        }
    }
}

struct AlertsAcknowledge: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "ack", abstract: "Acknowledge an open alert.")

    @OptionGroup var change: AlertStatusChange

    func run() async throws { try await change.apply(.acknowledged) }
}

struct AlertsClose: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "close", abstract: "Close an alert.")

    @OptionGroup var change: AlertStatusChange

    func run() async throws { try await change.apply(.closed) }
}

struct AlertsEvaluate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "evaluate",
        abstract: "Replay detection over stored history with known outbreaks and compare methods.",
        discussion: """
            The outbreaks file has columns series,start,end (series as 'vigil series' names them, dates \
            YYYY-MM-DD, inclusive). For each method: alarms and alerts per week (all series together), \
            sensitivity (outbreaks with an alarm during them), positive predictive value (alerts that overlap \
            an outbreak of their series) and median days from an outbreak's start to its first alarm.
            """)

    @Option(help: "The known outbreaks (series,start,end).")
    var outbreaks: String

    @Option(help: "The first day judged (YYYY-MM-DD).")
    var from: String

    @Option(help: "The last day judged (YYYY-MM-DD).")
    var to: String

    @Option(help: "Comma-separated methods (default: every method that fits the interval).")
    var methods: String?

    @Option(help: "region, region,substance or region,outcome.")
    var by: String = SeriesGrouping.region.rawValue

    @Option(help: "day or week.")
    var interval: String = CountSeries.Interval.day.rawValue

    @Option(help: "table, csv or json.")
    var format: OutputFormat = .table

    @OptionGroup var storeOptions: StoreOptions

    func validate() throws {
        guard let start = CalendarDate(iso: from), let end = CalendarDate(iso: to), start <= end else {
            throw ValidationError("--from and --to must be dates YYYY-MM-DD with --from not after --to")
        }
        guard SeriesGrouping(rawValue: by) != nil, CountSeries.Interval(rawValue: interval) != nil else {
            throw ValidationError("--by must be region, region,substance or region,outcome and --interval day or week")
        }
        for method in chosenMethods where !DetectorCatalog.methods.contains(method) {
            throw ValidationError("unknown method '\(method)'; use \(DetectorCatalog.methods.joined(separator: ", "))")
        }
    }

    private var chosenMethods: [String] {
        if let methods { return methods.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) } }
        return DetectorCatalog.methods.filter { interval == "day" || !DetectorCatalog.dailyOnlyMethods.contains($0) }
    }

    func run() async throws {
        try await reportingErrors {
            let rows = try await AlertQualityReport(events: storeOptions.openStore()).evaluate(
                methods: chosenMethods, outbreaks: AlertQualityReport.readOutbreaks(path: outbreaks),
                grouping: SeriesGrouping(rawValue: by)!, interval: CountSeries.Interval(rawValue: interval)!,
                from: CalendarDate(iso: from)!, to: CalendarDate(iso: to)!)
            var table = OutputTable(columns: [
                "method", "alarms_per_week", "alerts_per_week", "detected", "outbreaks", "sensitivity", "ppv",
                "median_days_to_detection",
            ])
            let rounded = { (value: Double?) -> Cell in value.map { .number(($0 * 1000).rounded() / 1000) } ?? .null }
            for row in rows {
                table.rows.append([
                    .text(row.method), rounded(row.alarmsPerWeek), rounded(row.alertsPerWeek), .integer(row.detectedOutbreaks),
                    .integer(row.outbreaks), rounded(row.sensitivity), rounded(row.positivePredictiveValue),
                    rounded(row.medianDaysToDetection),
                ])
            }
            print(table.render(format), terminator: "")
        }
    }
}

/// The arguments of `alerts ack` and `alerts close`, and the change they make.
struct AlertStatusChange: ParsableArguments {
    @Argument(help: "The alert's id.")
    var id: Int64

    @Option(help: "What is being done, or why it is closed.")
    var note: String?

    @OptionGroup var storeOptions: StoreOptions

    func apply(_ status: Alert.Status) async throws {
        try await reportingErrors {
            let alert = try await storeOptions.openStore().updateAlert(
                AlertID(rawValue: id), to: status, note: note, at: Int64(Date().timeIntervalSince1970))
            print("alert \(alert.id) is \(alert.status.rawValue)")
        }
    }
}

/// Alerts as a table, CSV or JSON.
enum AlertTable {
    static func render(_ alerts: [Alert], format: OutputFormat, newIDs: Set<AlertID> = []) -> String {
        var table = OutputTable(columns: [
            "id", "status", "severity", "kind", "method", "series", "region", "first_period", "last_period", "observed", "expected",
            "upperbound", "score", "p_value", "note",
        ])
        for alert in alerts {
            let signal = alert.latest
            let region = RegionCatalog.standard.region(signal.region)?.name ?? signal.region.rawValue
            table.rows.append([
                .integer(Int(alert.id.rawValue)), .text(alert.status.rawValue + (newIDs.contains(alert.id) ? " (new)" : "")),
                .text(alert.severity.rawValue), .text(signal.kind), .text(signal.method), .text(signal.series), .text(region),
                .text(alert.firstPeriod.description), .text(signal.period.description), .integer(signal.observed),
                signal.expected.map { .number(($0 * 100).rounded() / 100) } ?? .null,
                signal.upperBound.map { .number(($0 * 100).rounded() / 100) } ?? .null,
                signal.score.map { .number(($0 * 100).rounded() / 100) } ?? .null, signal.pValue.map(Cell.number) ?? .null,
                alert.note.map(Cell.text) ?? .null,
            ])
        }
        return table.render(format)
    }
}
