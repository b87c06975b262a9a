import ArgumentParser
import Foundation
import VigilCore
import VigilDetection
import VigilKit

struct SamplesBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "samples",
        abstract: "Time emerging-substance detection on seeded synthetic samples, against a pandas script of its first-appearance part.",
        discussion: """
            --samples samples over --counties counties, --substances substances and --years years (from 2020-01-01); the \
            last year is the evaluation window, the rest history. Vigil runs all three findings (first appearances, new \
            co-occurrences with fentanyl, rising shares by binomial CUSUM); the pandas script (Benchmarks/samples/\
            emerging_pandas.py) computes only the first appearances and co-occurrences, and their counts are compared. \
            The median of --rounds runs of each is reported; generation and file reading are not timed.
            """)

    @Option(help: "Samples.") var samples = 1_000_000
    @Option(help: "Counties.") var counties = 3_143
    @Option(help: "Substances.") var substances = 200
    @Option(help: "Years of samples.") var years = 5
    @Option(help: "Rounds.") var rounds = 3
    @Option(help: "Seed.") var seed: UInt64 = 42
    @Option(help: "The pandas script (empty skips it).") var script = "Benchmarks/samples/emerging_pandas.py"
    @Option(help: "Folder for the generated file.") var workDir = "bench-work"

    func validate() throws {
        guard samples > 0, (1...3_229).contains(counties), (2...100_000).contains(substances), (2...50).contains(years), rounds > 0 else {
            throw ValidationError("--samples and --rounds must be positive, --counties 1…3229, --substances 2…100000, --years 2…50")
        }
    }

    func run() async throws {
        try await reportingErrors {
            let first = CalendarDate(year: 2020, month: 1, day: 1)!
            let end = CalendarDate(year: 2020 + years, month: 1, day: 1)!.adding(days: -1)
            let from = CalendarDate(year: 2020 + years - 1, month: 1, day: 1)!
            var generator = SplitMix64(seed: seed)
            let input = SyntheticSamples.make(
                count: samples, counties: counties, substances: substances, first: first, days: end.dayNumber - first.dayNumber + 1,
                using: &generator)
            let detector = try EmergingSubstanceDetector()
            var times: [Double] = []
            var findings: [SubstanceFinding] = []
            for _ in 0..<rounds {
                let started = Date()
                findings = detector.evaluate(input, from: from, to: end).findings
                times.append(Date().timeIntervalSince(started))
            }
            let counts = Dictionary(grouping: findings, by: \.kind).mapValues(\.count)
            print("samples \(samples), counties \(counties), substances \(substances), \(first) to \(end), window from \(from), seed \(seed)")
            print(String(format: "vigil   median %.3f s  (first appearances %d, co-occurrences %d, rising shares %d)", median(times),
                         counts[.firstAppearance] ?? 0, counts[.newCooccurrence] ?? 0, counts[.risingShare] ?? 0))
            guard !script.isEmpty, FileManager.default.fileExists(atPath: script) else { return }
            try FileManager.default.createDirectory(atPath: workDir, withIntermediateDirectories: true)
            let file = workDir + "/samples-\(samples)-\(seed).csv"
            try SyntheticSamples.write(input, to: file)
            let reference = PythonReference(python: "python3", script: script, installHint: "install pandas (python3 -m pip install pandas)")
            let values = try reference.run([file, from.description, end.description, "180", String(rounds)])
            let pandas = values["seconds"] as? Double ?? .nan
            print(String(format: "pandas  median %.3f s  (first appearances %d, co-occurrences %d; no share monitoring)  ratio %.1f×",
                         pandas, values["first_appearances"] as? Int ?? -1, values["cooccurrences"] as? Int ?? -1, pandas / median(times)))
        }
    }

    private func median(_ values: [Double]) -> Double { values.sorted()[values.count / 2] }
}
