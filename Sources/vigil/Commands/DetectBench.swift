import ArgumentParser
import Foundation
import VigilCore
import VigilDetection
import VigilKit

struct DetectBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "detect",
        abstract: "Time the temporal detectors on every US county against R surveillance on a sample.",
        discussion: """
            Generates one seeded daily series per county (3,142 counties × --days), runs EARS C1–C3 and CUSUM \
            over the full history and for the latest day, and Farrington (original and Noufaily) for the latest \
            week of the weekly aggregation. Then, if Rscript and Benchmarks/detection-reference.R are found, \
            times R surveillance on the first --r-sample series and reports seconds per series for both.
            """)

    @Option(help: "Days per series.")
    var days: Int = 3650

    @Option(help: "Seed of the generated series.")
    var seed: UInt64 = 42

    @Option(help: "How many series R runs (0 skips R).")
    var rSample: Int = 20

    @Option(help: "The R script.")
    var script: String = "Benchmarks/detection-reference.R"

    @Option(help: "Rscript.")
    var rscript: String = "/usr/bin/Rscript"

    @Option(help: "Folder for the sample files.")
    var workDir: String = "bench-work"

    func validate() throws {
        guard (2 * 365 + 60...36_500).contains(days) else {
            throw ValidationError("--days must be from 790 (the CUSUM training year and Farrington) to 36500")
        }
    }

    func run() async throws {
        try await reportingErrors {
            var generator = SplitMix64(seed: seed)
            var started = Date()
            let daily = SyntheticCountSeries.daily(days: days, lastDay: CalendarDate(year: 2025, month: 12, day: 31)!, using: &generator)
            let weekly = daily.map(SyntheticCountSeries.weekly)
            let points = daily.count * days
            printError("generated \(daily.count) daily series (\(points) points) in \(format(Date().timeIntervalSince(started))) s")

            func time(_ body: () throws -> Void) rethrows -> Double {
                started = Date()
                try body()
                return Date().timeIntervalSince(started)
            }
            let methods = ["ears-c1", "ears-c2", "ears-c3", "cusum"]
            var alarms = 0
            let full = try time {
                for method in methods {
                    alarms += try DetectorCatalog.run(method: method, options: .init(), on: daily)
                        .reduce(0) { $0 + $1.periods.filter(\.isAlarm).count }
                }
            }
            let latest = try time {
                for method in methods { _ = try DetectorCatalog.run(method: method, options: .init(), on: daily, lastPeriods: 1) }
            }
            let farrington = try time { _ = try DetectorCatalog.run(method: "farrington", options: .init(), on: weekly, lastPeriods: 1) }
            let noufaily = try time { _ = try DetectorCatalog.run(method: "noufaily", options: .init(), on: weekly, lastPeriods: 1) }

            print("series: \(daily.count) counties × \(days) days (\(points) points), weekly \(weekly[0].counts.count) weeks, seed \(seed)")
            print("EARS C1+C2+C3 + CUSUM, full history, all counties: \(format(full)) s (\(alarms) alarms)")
            print("EARS C1+C2+C3 + CUSUM, latest day, all counties:   \(format(latest)) s")
            print("Farrington (original), latest week, all counties:   \(format(farrington)) s")
            print("Noufaily (flexible), latest week, all counties:     \(format(noufaily)) s")
            guard rSample > 0 else { return }
            guard FileManager.default.isExecutableFile(atPath: rscript), FileManager.default.fileExists(atPath: script) else {
                print("R reference skipped: no \(rscript) or no \(script) (install r-base-core and r-cran-surveillance)")
                return
            }
            try FileManager.default.createDirectory(atPath: workDir, withIntermediateDirectories: true)
            let dailyFile = workDir + "/detect-daily-sample.csv"
            let weeklyFile = workDir + "/detect-weekly-sample.csv"
            try Self.write(Array(daily.prefix(rSample)), to: dailyFile)
            try Self.write(Array(weekly.prefix(rSample)), to: weeklyFile)
            let output = try Self.runR(rscript, [script, dailyFile, weeklyFile])
            var perSeriesR: [String: Double] = [:]
            for line in output.split(separator: "\n") {
                let parts = line.split(separator: " ")
                if parts.count == 3, let seconds = Double(parts[2]) { perSeriesR[String(parts[0])] = seconds }
            }
            let vigilFull = full / Double(daily.count)
            let vigilNoufaily = noufaily / Double(weekly.count)
            if let r = perSeriesR["ears_cusum_full_history"] {
                print("per series, EARS C1–C3 + CUSUM full history: Vigil \(scientific(vigilFull)) s, R \(scientific(r)) s, "
                      + "Vigil \(Int(r / vigilFull))× faster (R on \(min(rSample, daily.count)) series)")
            }
            if let r = perSeriesR["noufaily_latest_week"] {
                print("per series, Noufaily latest week: Vigil \(scientific(vigilNoufaily)) s, R \(scientific(r)) s, "
                      + "Vigil \(Int(r / vigilNoufaily))× faster")
            }
        }
    }

    private static func write(_ series: [CountSeries], to path: String) throws {
        var text = "series,date,count\n"
        for one in series {
            for (date, count) in zip(one.dates, one.counts) { text += "\(one.name),\(date),\(count)\n" }
        }
        try text.write(toFile: path, atomically: true, encoding: .utf8)
    }

    private static func runR(_ rscript: String, _ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: rscript)
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw ValidationError("Rscript exited with \(process.terminationStatus)") }
        return String(decoding: data, as: UTF8.self)
    }

    private func format(_ seconds: Double) -> String { String(format: "%.3f", seconds) }
    private func scientific(_ seconds: Double) -> String { String(format: "%.2e", seconds) }
}
