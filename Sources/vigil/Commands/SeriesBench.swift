import ArgumentParser
import Foundation
import VigilCore
import VigilKit
import VigilStore
import VigilStorePostgres

/// `vigil bench series`: daily count series over years of events in PostgreSQL.
struct SeriesBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "series",
        abstract: "Time the daily count series of every county over ten years of seeded synthetic events in PostgreSQL.",
        discussion: """
            Fills schema vigil_series_bench of the database with --events synthetic events (ten years, every US county; \
            imported once with 'vigil import' and kept for later runs), then times the series of all counties, of one \
            state's counties, and the same aggregation done by psql from the events themselves as the reference.
            """)

    @Option(help: "A PostgreSQL URL.")
    var postgres: String

    @Option(help: "Events stored.")
    var events: Int = 10_000_000

    @Option(help: "Seed of the generated events.")
    var seed: UInt64 = 42

    @Option(help: "Rounds of each query.")
    var rounds: Int = 3

    @Option(help: "Folder for the generated file.")
    var workDir: String = "bench-work"

    @Option(help: "The psql shell.")
    var psql: String = "/usr/bin/psql"

    func run() async throws {
        try await reportingErrors {
            let url = postgres + (postgres.contains("?") ? "&" : "?") + "schema=vigil_series_bench"
            let store = try await PostgresStore.connect(url: url)
            if try await store.status().rows["event", default: 0] < events {
                try FileManager.default.createDirectory(atPath: workDir, withIntermediateDirectories: true)
                let csv = workDir + "/events-\(events)-\(seed).csv"
                if !FileManager.default.fileExists(atPath: csv) {
                    var generator = SplitMix64(seed: seed)
                    try SyntheticEventFile.write(rows: events, to: csv, using: &generator)
                }
                let vigil = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().path
                let load = try measure(vigil, ["import", csv, "--database", url])
                guard load.status == 0 || load.status == 3 else { throw ValidationError("vigil import exited with \(load.status)") }
                printError("imported \(events) events in \(String(format: "%.1f", load.seconds)) s")
            }
            let stored = try await store.status().rows["event", default: 0]
            var cases: [(name: String, filter: EventFilter)] = [("all counties", EventFilter())]
            cases.append(("Pennsylvania's counties", EventFilter(jurisdictions: try Jurisdictions(parsing: "42"))))
            print("events stored: \(stored), rounds: \(rounds)")
            for (name, filter) in cases {
                var times: [Double] = []
                var cells = 0
                for _ in 0..<rounds {
                    let started = ContinuousClock.now
                    cells = try await store.fetchDailyCounts(.region, filter: filter).count
                    let elapsed = ContinuousClock.now - started
                    times.append(Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
                }
                print("vigil series, \(name): median \(String(format: "%.3f", times.sorted()[times.count / 2])) s, \(cells) region-days")
            }
            let reference = try measure(psql, [
                postgres, "-q", "-o", "/dev/null", "-c",
                "SELECT region, local_date, COUNT(*) FROM vigil_series_bench.event WHERE region IS NOT NULL GROUP BY 1, 2",
            ])
            print("psql GROUP BY region, day over the events: \(String(format: "%.3f", reference.seconds)) s")
            await store.close()
        }
    }
}
