import ArgumentParser
import Foundation
import VigilCore
import VigilKit

struct BenchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench", abstract: "Benchmarks (build with -c release).", subcommands: [ImportBench.self, DetectBench.self, ScanBench.self, SeriesBench.self, ScreenBench.self, ResolveBench.self, NetworkBench.self, SamplesBench.self, AccessBench.self])
}

struct ImportBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Time 'vigil import' of a seeded synthetic event CSV against sqlite3's .import (or psql's \\copy) of the same file.",
        discussion: """
            Both run as child processes, alternately, --rounds times; the median wall time of each is reported, \
            with Vigil's peak resident memory. Needs the sqlite3 command-line shell (Debian package sqlite3); with \
            --postgres, Vigil imports into that database (schema vigil_bench, emptied each round) and the references are \
            psql's \\copy into a plain table of text columns and into one that also keeps the keys Vigil keeps (the \
            record id unique, events by date and by region; Debian package postgresql-client).
            """)

    @Option(help: "Rows in the generated file.")
    var rows: Int = 1_000_000

    @Option(help: "Seed of the generated file.")
    var seed: UInt64 = 42

    @Option(help: "Alternating rounds of both imports.")
    var rounds: Int = 3

    @Option(help: "Folder for the generated file and databases.")
    var workDir: String = "bench-work"

    @Option(help: "The sqlite3 shell.")
    var sqlite3: String = "/usr/bin/sqlite3"

    @Option(help: "A PostgreSQL URL: import there, against psql's \\copy.")
    var postgres: String?

    @Option(help: "The psql shell.")
    var psql: String = "/usr/bin/psql"

    func validate() throws {
        guard rows > 0, rounds > 0 else { throw ValidationError("--rows and --rounds must be positive") }
    }

    func run() async throws {
        try await reportingErrors {
            let shell = postgres == nil ? sqlite3 : psql
            guard FileManager.default.isExecutableFile(atPath: shell) else {
                throw ValidationError("no shell at \(shell); install it (apt-get install sqlite3 postgresql-client) or pass --sqlite3/--psql PATH")
            }
            try FileManager.default.createDirectory(atPath: workDir, withIntermediateDirectories: true)
            let csv = workDir + "/events-\(rows)-\(seed).csv"
            if !FileManager.default.fileExists(atPath: csv) {
                var generator = SplitMix64(seed: seed)
                let started = Date()
                try SyntheticEventFile.write(rows: rows, to: csv, using: &generator)
                printError("generated \(csv) in \(String(format: "%.1f", Date().timeIntervalSince(started))) s")
            }
            let size = (try FileManager.default.attributesOfItem(atPath: csv)[.size] as? Int) ?? 0
            let vigil = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().path
            var vigilTimes: [Double] = []
            var referenceTimes: [(name: String, seconds: [Double])] = []
            var peakKilobytes = 0
            for round in 1...rounds {
                let (vigilRun, references) = try postgres.map { try roundOnPostgres($0, csv: csv, vigil: vigil) }
                    ?? roundOnSQLite(csv: csv, vigil: vigil)
                peakKilobytes = max(peakKilobytes, vigilRun.maxResidentKilobytes)
                vigilTimes.append(vigilRun.seconds)
                for (index, reference) in references.enumerated() {
                    if referenceTimes.count == index { referenceTimes.append((reference.name, [])) }
                    referenceTimes[index].seconds.append(reference.run.seconds)
                }
                let line = references.map { "\($0.name) \(format($0.run.seconds)) s" }.joined(separator: ", ")
                printError("round \(round): vigil \(format(vigilRun.seconds)) s, \(line)")
            }
            let vigilMedian = median(vigilTimes)
            print("rows: \(rows) (\(size / 1_048_576) MiB, seed \(seed)), rounds: \(rounds), store: \(postgres == nil ? "SQLite" : "PostgreSQL")")
            print("vigil import:   median \(format(vigilMedian)) s, \(Int(Double(rows) / vigilMedian)) rows/s, "
                  + "peak RSS \(peakKilobytes / 1024) MiB")
            for (name, seconds) in referenceTimes {
                let referenceMedian = median(seconds)
                print("\(name): median \(format(referenceMedian)) s, \(Int(Double(rows) / referenceMedian)) rows/s")
                print("ratio vigil / \(name): \(String(format: "%.2f", vigilMedian / referenceMedian))")
            }
        }
    }

    /// Vigil's run of one round and the reference runs, by name.
    private typealias Round = (vigil: Measurement, references: [(name: String, run: Measurement)])

    /// One round against SQLite: `vigil import` into a new file, then sqlite3's `.import`.
    private func roundOnSQLite(csv: String, vigil: String) throws -> Round {
        let vigilDatabase = workDir + "/vigil-bench.sqlite"
        let sqliteDatabase = workDir + "/sqlite3-bench.sqlite"
        for path in [vigilDatabase, vigilDatabase + "-wal", vigilDatabase + "-shm", sqliteDatabase] {
            try? FileManager.default.removeItem(atPath: path)
        }
        let vigilRun = try measure(vigil, ["import", csv, "--database", vigilDatabase])
        guard vigilRun.status == 0 else { throw ValidationError("vigil import exited with \(vigilRun.status)") }
        let sqliteRun = try measure(sqlite3, [sqliteDatabase, ".import --csv \(csv) events"])
        guard sqliteRun.status == 0 else { throw ValidationError("sqlite3 exited with \(sqliteRun.status)") }
        return (vigilRun, [("sqlite3 .import", sqliteRun)])
    }

    /// One round against PostgreSQL: `vigil import` into an emptied schema, then psql's `\copy` into
    /// emptied tables with one text column per CSV column (set up outside the timing): a plain one,
    /// and one with the keys Vigil keeps on its events (the first column, the record id, unique; the
    /// second and fifth, time and region, indexed as Vigil indexes date and region).
    private func roundOnPostgres(_ url: String, csv: String, vigil: String) throws -> Round {
        let file = try FileHandle(forReadingFrom: URL(fileURLWithPath: csv))
        let header = String(decoding: try file.read(upToCount: 1 << 16) ?? Data(), as: UTF8.self).prefix { $0 != "\n" && $0 != "\r\n" }
        try file.close()
        let columns = header.split(separator: ",").enumerated().map { "c\($0.offset) TEXT" }.joined(separator: ", ")
        let setup = try measure(psql, [
            url, "-q", "-v", "ON_ERROR_STOP=1", "-c", "DROP SCHEMA IF EXISTS vigil_bench CASCADE",
            "-c", "DROP TABLE IF EXISTS events_plain", "-c", "CREATE TABLE events_plain (\(columns))",
            "-c", "DROP TABLE IF EXISTS events_indexed", "-c", "CREATE TABLE events_indexed (\(columns))",
            "-c", "ALTER TABLE events_indexed ADD PRIMARY KEY (c0)", "-c", "CREATE INDEX ON events_indexed (c1, c0)",
            "-c", "CREATE INDEX ON events_indexed (c4, c1)",
        ])
        guard setup.status == 0 else { throw ValidationError("psql could not prepare the database at \(url)") }
        let separator = url.contains("?") ? "&" : "?"
        let vigilRun = try measure(vigil, ["import", csv, "--database", url + separator + "schema=vigil_bench"])
        guard vigilRun.status == 0 else { throw ValidationError("vigil import exited with \(vigilRun.status)") }
        var references: [(name: String, run: Measurement)] = []
        for table in ["events_plain", "events_indexed"] {
            let copyRun = try measure(psql, [url, "-q", "-v", "ON_ERROR_STOP=1", "-c", "\\copy \(table) FROM '\(csv)' CSV HEADER"])
            guard copyRun.status == 0 else { throw ValidationError("psql \\copy into \(table) exited with \(copyRun.status)") }
            references.append(("psql \\copy \(table)", copyRun))
        }
        return (vigilRun, references)
    }

    private func median(_ values: [Double]) -> Double { values.sorted()[values.count / 2] }
    private func format(_ seconds: Double) -> String { String(format: "%.2f", seconds) }
}

/// A child process's wall time, exit status and peak resident memory.
struct Measurement {
    var seconds: Double
    var status: Int32
    var maxResidentKilobytes: Int
}

/// Runs a child process to completion and returns its wall time, exit status and peak RSS.
func measure(_ executable: String, _ arguments: [String]) throws -> Measurement {
    var pid: pid_t = 0
    let argv = ([executable] + arguments).map { strdup($0) } + [nil]
    defer { argv.forEach { free($0) } }
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
    defer { posix_spawn_file_actions_destroy(&actions) }
    let started = Date()
    let spawned = posix_spawn(&pid, executable, &actions, nil, argv, environ)
    guard spawned == 0 else { throw ValidationError("cannot run \(executable): \(String(cString: strerror(spawned)))") }
    var status: Int32 = 0
    var usage = rusage()
    while wait4(pid, &status, 0, &usage) < 0 && errno == EINTR {}
    let seconds = Date().timeIntervalSince(started)
    let exitStatus = (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
    return Measurement(seconds: seconds, status: exitStatus, maxResidentKilobytes: usage.ru_maxrss)
}
