import ArgumentParser
import Foundation
import VigilCore
import VigilIngest
import VigilKit
import VigilNetwork

struct ResolveBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "resolve",
        abstract: "Time entity resolution end to end on seeded synthetic person records, with its precision, recall and F1.",
        discussion: """
            The records (SyntheticPeople: typos, nicknames, swapped names, missing values, day and month swapped, a wrong \
            digit in a phone) are resolved with the settings Vigil chooses from the columns, as 'vigil resolve' does: \
            reading the file, normalising, blocking, training the model, scoring the pairs, clustering and naming. \
            Splink (DuckDB backend, Benchmarks/network/splink_baseline.py: blocking rules, comparisons and training \
            as its documentation teaches) then resolves the same file in the same run, timed from loading to \
            clustering. Needs python3 with splink (python3 -m pip install splink), unless --skip-splink.
            """)

    @Option(help: "Records to generate.") var records: Int = 1_000_000
    @Option(help: "Seed of the records.") var seed: UInt64 = 42
    @Option(help: "Folder for the generated file.") var workDir: String = "bench-work"
    @Flag(help: "Leave Splink out.") var skipSplink = false
    @Option(help: "Python with splink (found on PATH).") var python: String = "python3"
    @Option(help: "The Splink script.") var script: String = "Benchmarks/network/splink_baseline.py"

    func validate() throws {
        guard records > 1 else { throw ValidationError("--records must be at least 2") }
    }

    func run() async throws {
        try await reportingErrors {
            try FileManager.default.createDirectory(atPath: workDir, withIntermediateDirectories: true)
            let path = workDir + "/people-\(records)-\(seed).csv"
            if !FileManager.default.fileExists(atPath: path) {
                var generator = SplitMix64(seed: seed)
                try SyntheticPeople.write(records: records, to: path, using: &generator)
            }
            let started = Date()
            let outcome = try RecordResolution().run(path: path, idColumn: "id", settings: nil, truthColumn: "true_id")
            let seconds = Date().timeIntervalSince(started)
            let quality = outcome.quality!
            printError(outcome.choices.joined(separator: "\n"))
            print("vigil:")
            print("records: \(outcome.table.ids.count) (seed \(seed)); pairs compared: \(outcome.result.pairs.count); entities: \(Set(outcome.names).count)")
            print(String(format: "time: %.2f s end to end, %.0f records/s", seconds, Double(outcome.table.ids.count) / seconds))
            print(String(format: "precision %.4f, recall %.4f, F1 %.4f", quality.precision, quality.recall, quality.f1))
            guard !skipSplink else { return }
            let splink = try PythonReference(python: python, script: script, installHint: "install splink: python3 -m pip install splink")
                .run(["--records", path])
            let splinkSeconds = splink["seconds"] as? Double ?? .nan
            print(
                String(
                    format: "splink: %.2f s end to end, %.0f records/s, %d pairs scored; precision %.4f, recall %.4f, F1 %.4f",
                    splinkSeconds, Double(outcome.table.ids.count) / splinkSeconds, splink["pairs_scored"] as? Int ?? -1,
                    splink["precision"] as? Double ?? .nan, splink["recall"] as? Double ?? .nan, splink["f1"] as? Double ?? .nan))
            print(String(format: "ratio splink / vigil: %.2f×", splinkSeconds / seconds))
        }
    }
}
