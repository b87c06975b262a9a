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
            Fills schema vigil_series_bench of the database with --events synthetic events (ten years, every US county) \
            and keeps them for later runs: --base events are imported with 'vigil import', then psql copies them under new \
            record ids until there are --events, and the store rebuilds its daily counts. Then it times the series of all counties, \
            of one state's counties, and the same aggregation done by psql from the events themselves as the reference.
            """)

    @Option(help: "A PostgreSQL URL.")
    var postgres: String

    @Option(help: "Events stored.")
    var events: Int = 10_000_000

    @Option(help: "Events imported with 'vigil import' before they are copied up to --events.")
    var base: Int = 1_000_000

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
                let csv = workDir + "/events-\(base)-\(seed).csv"
                if !FileManager.default.fileExists(atPath: csv) {
                    var generator = SplitMix64(seed: seed)
                    try SyntheticEventFile.write(rows: base, to: csv, using: &generator)
                }
                let vigil = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().path
                let load = try measure(vigil, ["import", csv, "--database", url])
                guard load.status == 0 || load.status == 3 else { throw ValidationError("vigil import exited with \(load.status)") }
                printError("imported \(base) events in \(String(format: "%.1f", load.seconds)) s")
                let copies = max(0, (events - 1) / base)
                let schema = "vigil_series_bench"
                let grow = try measure(psql, [
                    postgres, "-q", "-v", "ON_ERROR_STOP=1", "-c", "SET search_path = \(schema)",
                    "-c", """
                    INSERT INTO event_key (source_system, source_record_id)
                    SELECT source_system, source_record_id || '#' || n FROM event CROSS JOIN generate_series(1, \(copies)) n
                    """,
                    "-c", """
                    INSERT INTO event (id, source_system, source_record_id, batch_id, local_date, epoch_seconds, utc_offset_seconds,
                        latitude, longitude, region, outcome, naloxone_given, naloxone_doses, source_kind, age_band, sex)
                    SELECT k.id, e.source_system, k.source_record_id, e.batch_id, e.local_date, e.epoch_seconds, e.utc_offset_seconds,
                        e.latitude, e.longitude, e.region, e.outcome, e.naloxone_given, e.naloxone_doses, e.source_kind, e.age_band, e.sex
                    FROM event_key k JOIN event e
                        ON e.source_system = k.source_system AND e.source_record_id = split_part(k.source_record_id, '#', 1)
                    WHERE k.source_record_id LIKE '%#%'
                    """,
                    "-c", "ANALYZE event_key, event",
                ])
                guard grow.status == 0 else { throw ValidationError("psql could not copy the events (exit \(grow.status))") }
                // What a copy into the store ends with: daily counts and id sequences rebuilt from the rows.
                try await store.finishImport()
                printError("copied them \(copies) times in \(String(format: "%.1f", grow.seconds)) s")
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
