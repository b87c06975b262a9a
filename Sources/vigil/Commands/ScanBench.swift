import ArgumentParser
import Foundation
import VigilCore
import VigilDetection
import VigilKit

struct ScanBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scan",
        abstract: "Time the space-time permutation scan against a NumPy implementation of the same statistic.",
        discussion: """
            Seeded synthetic data (--locations × --days, each --cases count), SaTScan's default limits (50 % of cases, \
            50 % of the period), --replications replications. Both programs time the scan and its replications \
            only, on the same files; the most likely cluster's LLR of both is printed as a cross-check.
            """)

    @Option(help: "Locations.")
    var locations: Int = 300

    @Option(help: "Days.")
    var days: Int = 365

    @Option(help: "Comma-separated case counts.")
    var cases: String = "10000,50000,100000"

    @Option(help: "Monte Carlo replications.")
    var replications: Int = 999

    @Option(help: "Seed.")
    var seed: UInt64 = 42

    @Option(help: "Python with NumPy (empty skips the reference).")
    var python: String = "/usr/bin/env"

    @Option(help: "The NumPy script.")
    var script: String = "Benchmarks/scan_numpy.py"

    @Option(help: "Folder for the generated files.")
    var workDir: String = "bench-work"

    func validate() throws {
        guard (2...5_000).contains(locations), (2...3_650).contains(days), (9...100_000).contains(replications) else {
            throw ValidationError("--locations 2…5000, --days 2…3650 and --replications 9…100000")
        }
        guard cases.split(separator: ",").allSatisfy({ Int($0).map { (1...5_000_000).contains($0) } == true }) else {
            throw ValidationError("--cases takes comma-separated whole numbers from 1 to 5,000,000")
        }
    }

    func run() async throws {
        try await reportingErrors {
            try FileManager.default.createDirectory(atPath: workDir, withIntermediateDirectories: true)
            print("locations \(locations), days \(days), replications \(replications), seed \(seed)")
            print("cases     vigil_s   numpy_s   ratio   vigil_llr    numpy_llr")
            for total in cases.split(separator: ",").compactMap({ Int($0) }) {
                var generator = SplitMix64(seed: seed &+ UInt64(total))
                let input = SyntheticScanData.make(locations: locations, days: days, cases: total, using: &generator)
                let scan = try SpaceTimeScan(.init(replications: replications, seed: seed))
                let started = Date()
                let result = scan.run(input)
                let vigilSeconds = Date().timeIntervalSince(started)
                let llr = result.clusters.first?.logLikelihoodRatio ?? 0
                var numpy = (seconds: Double.nan, llr: Double.nan)
                if !python.isEmpty, FileManager.default.fileExists(atPath: script) {
                    let (casesFile, locationsFile) = (workDir + "/scan-cases-\(total).csv", workDir + "/scan-locations-\(total).csv")
                    try SyntheticScanData.write(input, cases: casesFile, locations: locationsFile)
                    numpy = try Self.runNumPy(python, [script, casesFile, locationsFile, String(replications), String(seed)])
                }
                print(String(format: "%-9d %-9.3f %-9.3f %-7.1f %-12.6f %.6f", total, vigilSeconds, numpy.seconds,
                             numpy.seconds / vigilSeconds, llr, numpy.llr))
            }
        }
    }

    private static func runNumPy(_ python: String, _ arguments: [String]) throws -> (seconds: Double, llr: Double) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: python)
        process.arguments = (python.hasSuffix("env") ? ["python3"] : []) + arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        var values: [String: Double] = [:]
        for line in output.split(separator: "\n") {
            let parts = line.split(separator: " ")
            if parts.count == 2 { values[String(parts[0])] = Double(parts[1]) }
        }
        return (values["seconds"] ?? .nan, values["most_likely_llr"] ?? .nan)
    }
}
