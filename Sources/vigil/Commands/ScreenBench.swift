import ArgumentParser
import Foundation
import VigilCore
import VigilIngest
import VigilKit
import VigilPrecursors

struct ScreenBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "screen",
        abstract: "Time 'vigil screen' on a seeded synthetic manifest against a RapidFuzz baseline, and compare both on the labelled lines.",
        discussion: """
            The manifest perturbs the labelled fixture's lines and mixes in benign ones. 'vigil screen --format csv' runs \
            as a child process on the whole file (end to end: start, watchlist, reading, matching, risk, output); the \
            baseline (process.extractOne of each description against every watchlist name and synonym, RapidFuzz's WRatio \
            at the cutoff tuned on the labelled lines) runs on the first --baseline-lines lines, since it is two orders of \
            magnitude slower; lines per second compare the two (the baseline's counting its matching loop only). Precision and recall of both are measured on the labelled \
            lines. Needs python3 with rapidfuzz (python3 -m pip install rapidfuzz).
            """)

    @Option(help: "Lines in the synthetic manifest.") var lines: Int = 1_000_000
    @Option(help: "Seed of the synthetic manifest.") var seed: UInt64 = 42
    @Option(help: "Rounds of each run.") var rounds: Int = 3
    @Option(help: "Lines the baseline screens.") var baselineLines: Int = 20_000
    @Option(help: "The labelled manifest.") var labelled: String = "Tests/Fixtures/precursors/labelled-manifest.csv"
    @Option(help: "Python with rapidfuzz (found on PATH).") var python: String = "python3"
    @Option(help: "The baseline script.") var script: String = "Benchmarks/precursors/rapidfuzz_baseline.py"
    @Option(help: "Folder for the generated files.") var workDir: String = "bench-work"

    func validate() throws {
        guard lines > 0, rounds > 0, baselineLines > 0 else { throw ValidationError("--lines, --rounds and --baseline-lines must be positive") }
    }

    func run() async throws {
        try await reportingErrors {
            guard let watchlistPath = BundledWatchlist.path else { throw ValidationError("the bundled watchlist is missing; reinstall Vigil") }
            try FileManager.default.createDirectory(atPath: workDir, withIntermediateDirectories: true)
            let manifest = workDir + "/manifest-\(lines)-\(seed).csv"
            let sample = workDir + "/manifest-\(lines)-\(seed)-first-\(baselineLines).csv"
            if !FileManager.default.fileExists(atPath: manifest) {
                var generator = SplitMix64(seed: seed)
                try SyntheticManifest.write(lines: lines, from: labelled, to: manifest, using: &generator)
            }
            try writePrefix(of: manifest, lines: baselineLines, to: sample)

            let tuned = try baseline(["--watchlist", watchlistPath, "--manifest", labelled, "--tune"])
            let cutoff = tuned["cutoff"] as? Double ?? 89
            let vigil = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().path
            var vigilRates: [Double] = []
            var baselineRates: [Double] = []
            for round in 1...rounds {
                let run = try measure(vigil, ["screen", "--manifest", manifest, "--format", "csv"])
                guard run.status == 0 else { throw ValidationError("vigil screen exited with \(run.status)") }
                vigilRates.append(Double(lines) / run.seconds)
                // The baseline's own figure: its matching loop only, without Python's start and CSV reading.
                let report = try baseline(["--watchlist", watchlistPath, "--manifest", sample, "--cutoff", String(cutoff)])
                baselineRates.append(report["lines_per_second"] as? Double ?? .nan)
                printError(String(format: "round %d: vigil %.2f s (%.0f lines/s), baseline %.0f lines/s", round, run.seconds, vigilRates.last!, baselineRates.last!))
            }
            let quality = try labelledQuality()
            let vigilRate = vigilRates.sorted()[rounds / 2]
            let baselineRate = baselineRates.sorted()[rounds / 2]
            print("synthetic manifest: \(lines) lines (seed \(seed)); baseline on the first \(baselineLines); \(rounds) rounds, medians")
            print(String(format: "vigil screen:        %9.0f lines/s end to end", vigilRate))
            print(String(format: "rapidfuzz baseline:  %9.0f lines/s (WRatio, cutoff %.0f tuned on the labelled lines)", baselineRate, cutoff))
            print(String(format: "ratio:               %9.1f×", vigilRate / baselineRate))
            print(String(format: "labelled lines:      vigil precision %.3f recall %.3f; baseline precision %.3f recall %.3f",
                         quality.precision, quality.recall, tuned["precision"] as? Double ?? .nan, tuned["recall"] as? Double ?? .nan))
        }
    }

    /// Precision and recall of Vigil's screening on the labelled lines (a line counts when its best
    /// match is the labelled entry).
    private func labelledQuality() throws -> (precision: Double, recall: Double) {
        let report = try PrecursorScreening(watchlist: try WatchlistCatalog.load()).run(.init(manifest: .file(labelled), includeAll: true))
        let expected = try labels()
        var (truePositives, falsePositives, falseNegatives) = (0, 0, 0)
        for row in report.rows {
            let predicted = row.screened.match?.chemical.rawValue
            let wanted = expected[row.fileLine]
            if let predicted, predicted == wanted {
                truePositives += 1
            } else {
                if predicted != nil { falsePositives += 1 }
                if wanted != nil { falseNegatives += 1 }
            }
        }
        return (Double(truePositives) / Double(truePositives + falsePositives), Double(truePositives) / Double(truePositives + falseNegatives))
    }

    /// The labelled file's expected ids by file line.
    private func labels() throws -> [Int: String] {
        let rows = CSVRowSource(try FileInput(path: labelled), origin: labelled)
        guard try rows.bind(columns: ["expected_id"]) == [true] else { throw ValidationError("\(labelled) has no expected_id column") }
        var result: [Int: String] = [:]
        while try rows.next() {
            if case .text(let id) = rows.value(slot: 0) { result[rows.line] = id }
        }
        return result
    }

    private func writePrefix(of path: String, lines count: Int, to target: String) throws {
        let handle = try FileHandle(forReadingFrom: URL(fileURLWithPath: path))
        defer { try? handle.close() }
        var data = Data()
        var newlines = 0
        while newlines <= count, let chunk = try handle.read(upToCount: 1 << 20), !chunk.isEmpty {
            for (offset, byte) in chunk.enumerated() where byte == 0x0A {
                newlines += 1
                if newlines == count + 1 {
                    data.append(chunk.prefix(offset + 1))
                    try data.write(to: URL(fileURLWithPath: target))
                    return
                }
            }
            data.append(chunk)
        }
        try data.write(to: URL(fileURLWithPath: target))
    }

    /// Runs the baseline script and returns its JSON report.
    private func baseline(_ arguments: [String]) throws -> [String: Any] {
        try PythonReference(python: python, script: script, installHint: "install rapidfuzz: python3 -m pip install rapidfuzz").run(arguments)
    }
}
