import ArgumentParser
import Foundation
import VigilCore
import VigilStore

struct AlertsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "alerts", abstract: "List, acknowledge and close alerts.",
        subcommands: [AlertsList.self, AlertsAcknowledge.self, AlertsClose.self], defaultSubcommand: AlertsList.self)
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
            "id", "status", "severity", "method", "series", "region", "first_period", "last_period", "observed", "expected",
            "upperbound", "score", "p_value", "note",
        ])
        for alert in alerts {
            let signal = alert.latest
            let region = RegionCatalog.standard.region(signal.region)?.name ?? signal.region.rawValue
            table.rows.append([
                .integer(Int(alert.id.rawValue)), .text(alert.status.rawValue + (newIDs.contains(alert.id) ? " (new)" : "")),
                .text(alert.severity.rawValue), .text(signal.method), .text(signal.series), .text(region),
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
