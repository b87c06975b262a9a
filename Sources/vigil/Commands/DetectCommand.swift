import ArgumentParser
import VigilCore
import VigilDetection
import VigilKit

struct DetectCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "detect",
        abstract: "Run a temporal spike detector on count series.",
        discussion: """
            Input: a series,date,count CSV (the output of 'vigil series'). Output columns: \
            series,date,method,observed,expected,upperbound,score,alarm; upperbound is empty where the method \
            has too little history or too few cases to judge. Methods and their defaults follow R surveillance: \
            ears-c1, ears-c2 (alpha 0.001), ears-c3 (0.025, surveillance's C3), ears-c3-cdc (CDC's published C3), \
            cusum (k 1.04, h 2.26, training one year), farrington (original, b ≤ 5 years, w 3, alpha 0.05), \
            noufaily (Farrington flexible with Noufaily's settings).
            """)

    @Option(help: "ears-c1, ears-c2, ears-c3, ears-c3-cdc, cusum, farrington or noufaily.")
    var method: String

    @Option(help: "The series file (series,date,count).")
    var input: String

    @Option(help: "Significance level (EARS, Farrington).")
    var alpha: Double?

    @Option(help: "EARS baseline length in periods (default 7).")
    var baseline: Int?

    @Option(help: "Farrington: years back, b (default: as many as fit, at most 5).")
    var years: Int?

    @Option(name: .customLong("half-window"), help: "Farrington: window half-width w (default 3).")
    var halfWindow: Int?

    @Option(help: "CUSUM reference value (default 1.04).")
    var k: Double?

    @Option(help: "CUSUM decision interval (default 2.26).")
    var h: Double?

    @Option(help: "CUSUM training periods at the start of each series (default one year).")
    var training: Int?

    @Option(help: "Only judge the last N periods of each series.")
    var last: Int?

    @Option(help: "csv or json.")
    var format: OutputFormat = .csv

    func validate() throws {
        guard DetectorCatalog.methods.contains(method) else {
            throw ValidationError("unknown method '\(method)'; use one of \(DetectorCatalog.methods.joined(separator: ", "))")
        }
        if let last, last < 1 { throw ValidationError("--last must be at least 1") }
        if format == .table { throw ValidationError("detect writes csv or json") }
    }

    func run() async throws {
        try await reportingErrors {
            let series = try SeriesFileReader.read(path: input)
            let options = DetectorCatalog.Options(
                alpha: alpha, baseline: baseline, years: years, halfWindow: halfWindow, k: k, h: h, training: training)
            let results = try DetectorCatalog.run(method: method, options: options, on: series, lastPeriods: last)
            var table = OutputTable(columns: ["series", "date", "method", "observed", "expected", "upperbound", "score", "alarm"])
            for result in results {
                for period in result.periods {
                    table.rows.append([
                        .text(result.series), .text(period.date.description), .text(result.method), .integer(period.observed),
                        period.expected.map(Cell.number) ?? .null, period.upperBound.map(Cell.number) ?? .null,
                        period.score.map(Cell.number) ?? .null, .integer(period.isAlarm ? 1 : 0),
                    ])
                }
            }
            print(table.render(format), terminator: "")
        }
    }
}
