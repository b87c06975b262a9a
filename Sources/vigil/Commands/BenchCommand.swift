import ArgumentParser
import Foundation
import VigilCore
import VigilKit

struct BenchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench", abstract: "Benchmarks (build with -c release).", subcommands: [ImportBench.self, DetectBench.self, ScanBench.self])
}

struct ImportBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Time 'vigil import' of a seeded synthetic event CSV against sqlite3's .import of the same file.",
        discussion: """
            Both run as child processes, alternately, --rounds times; the median wall time of each is reported, \
            with Vigil's peak resident memory. Needs the sqlite3 command-line shell (Debian package sqlite3).
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

    func validate() throws {
        guard rows > 0, rounds > 0 else { throw ValidationError("--rows and --rounds must be positive") }
    }

    func run() async throws {
        try await reportingErrors {
            guard FileManager.default.isExecutableFile(atPath: sqlite3) else {
                throw ValidationError("no sqlite3 shell at \(sqlite3); install it (apt-get install sqlite3) or pass --sqlite3 PATH")
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
            var sqliteTimes: [Double] = []
            var peakKilobytes = 0
            for round in 1...rounds {
                let vigilDatabase = workDir + "/vigil-bench.sqlite"
                let sqliteDatabase = workDir + "/sqlite3-bench.sqlite"
                for path in [vigilDatabase, vigilDatabase + "-wal", vigilDatabase + "-shm", sqliteDatabase] {
                    try? FileManager.default.removeItem(atPath: path)
                }
                let vigilRun = try measure(vigil, ["import", csv, "--database", vigilDatabase])
                guard vigilRun.status == 0 else { throw ValidationError("vigil import exited with \(vigilRun.status)") }
                peakKilobytes = max(peakKilobytes, vigilRun.maxResidentKilobytes)
                let sqliteRun = try measure(sqlite3, [sqliteDatabase, ".import --csv \(csv) events"])
                guard sqliteRun.status == 0 else { throw ValidationError("sqlite3 exited with \(sqliteRun.status)") }
                vigilTimes.append(vigilRun.seconds)
                sqliteTimes.append(sqliteRun.seconds)
                printError("round \(round): vigil \(format(vigilRun.seconds)) s, sqlite3 \(format(sqliteRun.seconds)) s")
            }
            let vigilMedian = median(vigilTimes)
            let sqliteMedian = median(sqliteTimes)
            print("rows: \(rows) (\(size / 1_048_576) MiB, seed \(seed)), rounds: \(rounds)")
            print("vigil import:   median \(format(vigilMedian)) s, \(Int(Double(rows) / vigilMedian)) rows/s, "
                  + "peak RSS \(peakKilobytes / 1024) MiB")
            print("sqlite3 .import: median \(format(sqliteMedian)) s, \(Int(Double(rows) / sqliteMedian)) rows/s")
            print("ratio vigil / sqlite3: \(String(format: "%.2f", vigilMedian / sqliteMedian))")
        }
    }

    private struct Measurement {
        var seconds: Double
        var status: Int32
        var maxResidentKilobytes: Int
    }

    /// Runs a child process to completion and returns its wall time, exit status and peak RSS.
    private func measure(_ executable: String, _ arguments: [String]) throws -> Measurement {
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

    private func median(_ values: [Double]) -> Double { values.sorted()[values.count / 2] }
    private func format(_ seconds: Double) -> String { String(format: "%.2f", seconds) }
}
