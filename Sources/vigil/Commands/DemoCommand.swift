import ArgumentParser
import VigilStore
import Foundation
import Hummingbird
import Logging
import VigilCore
import VigilDetection
import VigilKit
import VigilServer
import VigilStoreSQLite

struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Import the bundled public sample data and show what it holds.",
        discussion: """
            Imports Connecticut OCME accidental drug deaths (2012-2022), Allegheny County fatal overdoses \
            (2007-2025) and Tempe opioid EMS calls (2017-2024) into a local database, then prints counts by \
            year, county and substance. Running it again imports nothing new. With --serve it then serves the \
            dashboard and API on the demo database and prints the URL and an analyst token.
            """)

    @Option(help: "The SQLite database file for the demo.")
    var database: String = "vigil-demo.sqlite"

    @Option(help: "How many counties and substances to list.")
    var top: Int = 12

    @Flag(help: "Serve the dashboard on the demo data afterwards (until Ctrl-C).")
    var serve = false

    @Option(help: "The port for --serve.")
    var port = 8080

    func validate() throws {
        guard top >= 1 else { throw ValidationError("--top must be at least 1") }
        guard (1...65_535).contains(port) else { throw ValidationError("--port must be from 1 to 65535") }
    }

    func run() async throws {
        try await reportingErrors {
            let store = try SQLiteEventStore(path: database)
            let importer = EventImporter(store: store)
            print("Vigil demo: importing the bundled public sample data into \(database)\n")
            for dataset in SampleData.datasets {
                let path = try SampleData.path(of: dataset)
                let report = try await importer.run(
                    EventImporter.Options(path: path, mapping: dataset.mapping), asOf: Int64(Date().timeIntervalSince1970),
                    logger: .quiet)
                let totals = report.totals
                print("\(dataset.credit)")
                print("  \(totals.rowsRead) rows: \(totals.inserted) new, \(totals.alreadyStored) already stored, "
                      + "\(totals.rejected) quarantined; \(report.unknownMentions.count) substance names kept verbatim")
            }
            let summary = try await StoreSummary.make(store: store)
            print("\nThe database holds \(summary.total) overdose events.\n")
            print(section("Events by year", summary.byYear, limit: summary.byYear.count))
            print(section("Events by county (top \(top))", summary.byRegion, limit: top))
            print(section("Events by substance (top \(top); an event counts once per substance)", summary.bySubstance, limit: top))
            print(section("Events by outcome", summary.byOutcome, limit: summary.byOutcome.count))
            print(section("Events by source", summary.bySource, limit: summary.bySource.count))

            // Replay the weekly alerting job over the second half of 2022, the end of the Connecticut data.
            let alerts = try await StoreDetection(events: store, alerts: store).replay(
                .region, interval: .week, from: CalendarDate(iso: "2022-07-04")!, to: CalendarDate(iso: "2023-01-01")!,
                now: Int64(Date().timeIntervalSince1970))
            print("Weekly detection replayed over July–December 2022 (EARS C2 and Farrington–Noufaily, every county, "
                  + "at least 3 events): \(alerts.count) alerts")
            for alert in alerts.sorted(by: { ($0.firstPeriod, $0.id) < ($1.firstPeriod, $1.id) }).prefix(top) {
                print("  " + Self.explain(alert))
            }
            if alerts.count > top { print("  … and \(alerts.count - top) more: vigil alerts --database \(database)") }
            print("")
            print("Next: vigil events --database \(database) --region 09009 --substance xylazine --limit 5")
            print("      vigil series --database \(database) --by region --interval week --from 2022-01-01")
            guard serve else { return }
            let (_, secret) = try await TokenIssuer(store: store).create(
                name: "demo analyst", role: .analyst, jurisdictions: try Jurisdictions(parsing: "US"), now: Int64(Date().timeIntervalSince1970))
            print("\nServing the dashboard at http://127.0.0.1:\(port)/ — sign in with this analyst token (Ctrl-C stops):\n\(secret)")
            fflush(nil)
            var logger = Logger(label: "vigil.demo") { StreamLogHandler.standardError(label: $0) }
            logger.logLevel = .warning
            try await VigilService(store: store, logger: logger).application(port: port).runService()
        }
    }

    /// One line saying which county, which weeks, and why.
    static func explain(_ alert: Alert) -> String {
        let signal = alert.latest
        let place = RegionCatalog.standard.region(signal.region).map { region in
            region.stateUSPS.map { "\(region.name), \($0)" } ?? region.name
        } ?? signal.region.rawValue
        let weeks = alert.firstPeriod == signal.period
            ? "week of \(signal.period)" : "weeks of \(alert.firstPeriod) to \(signal.period)"
        var why = "\(signal.observed) event\(signal.observed == 1 ? "" : "s")"
        if let expected = signal.expected { why += ", expected \(String(format: "%.1f", expected))" }
        if let bound = signal.upperBound { why += ", threshold \(String(format: "%.1f", bound))" }
        return "#\(alert.id) [\(alert.severity.rawValue)] \(place), \(weeks): \(why) (\(signal.method))"
    }

    private func section(_ title: String, _ lines: [StoreSummary.Line], limit: Int) -> String {
        var table = OutputTable(columns: ["key", "name", "events"])
        for line in lines.prefix(limit) {
            table.rows.append([.text(line.key), .text(line.label == line.key ? "" : line.label), .integer(line.count)])
        }
        return title + "\n" + table.render(.table)
    }
}
