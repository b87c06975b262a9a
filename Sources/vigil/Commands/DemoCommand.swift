import ArgumentParser
import VigilStore
import Foundation
import Logging
import VigilCore
import VigilKit
import VigilStoreSQLite

struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Import the bundled public sample data and show what it holds.",
        discussion: """
            Imports Connecticut OCME accidental drug deaths (2012-2022), Allegheny County fatal overdoses \
            (2007-2025) and Tempe opioid EMS calls (2017-2024) into a local database, then prints counts by \
            year, county and substance. Running it again imports nothing new.
            """)

    @Option(help: "The SQLite database file for the demo.")
    var database: String = "vigil-demo.sqlite"

    @Option(help: "How many counties and substances to list.")
    var top: Int = 12

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
            print("Next: vigil events --database \(database) --region 09009 --substance xylazine --limit 5")
            print("      vigil series --database \(database) --by region --interval week --from 2022-01-01")
        }
    }

    private func section(_ title: String, _ lines: [StoreSummary.Line], limit: Int) -> String {
        var table = OutputTable(columns: ["key", "name", "events"])
        for line in lines.prefix(limit) {
            table.rows.append([.text(line.key), .text(line.label == line.key ? "" : line.label), .integer(line.count)])
        }
        return title + "\n" + table.render(.table)
    }
}
