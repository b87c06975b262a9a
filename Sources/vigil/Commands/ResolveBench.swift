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
            reading the file, normalising, blocking, training the model, scoring the pairs, clustering and naming.
            """)

    @Option(help: "Records to generate.") var records: Int = 1_000_000
    @Option(help: "Seed of the records.") var seed: UInt64 = 42
    @Option(help: "Folder for the generated file.") var workDir: String = "bench-work"

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
            print("records: \(outcome.table.ids.count) (seed \(seed)); pairs compared: \(outcome.result.pairs.count); entities: \(Set(outcome.names).count)")
            print(String(format: "time: %.2f s end to end, %.0f records/s", seconds, Double(outcome.table.ids.count) / seconds))
            print(String(format: "precision %.4f, recall %.4f, F1 %.4f", quality.precision, quality.recall, quality.f1))
        }
    }
}
