import Foundation
import Testing
import VigilCore
import VigilDetection
import VigilKit
import VigilTestSupport

@Suite("Series files")
struct SeriesFileReaderTests {
    func read(_ text: String) throws -> [CountSeries] {
        let folder = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("series.csv").path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return try SeriesFileReader.read(path: path)
    }

    @Test("series are split by name, intervals inferred, and missing periods count as zero")
    func reads() throws {
        let series = try read("series,date,count\nb,2024-01-01,1\na,2024-01-01,2\nb,2024-01-03,5\na,2024-01-02,0\n")
        #expect(series.map(\.name) == ["a", "b"])
        #expect(series[1].counts == [1, 0, 5])
        #expect(series[1].interval == .day)
        let weekly = try read("series,date,count\nw,2024-01-01,1\nw,2024-01-15,3\n")
        #expect(weekly[0].interval == .week && weekly[0].counts == [1, 0, 3])
        // A sparse daily series whose events happen to be two weeks apart, beside a daily one, stays daily.
        let sparse = try read("series,date,count\na,2024-01-01,1\na,2024-01-02,1\nb,2024-01-01,1\nb,2024-01-15,2\n")
        #expect(sparse.allSatisfy { $0.interval == .day } && sparse[1].counts.count == 15)
    }

    @Test("bad input is rejected with the line, the series and the reason", arguments: [
        ("series,date,count\na,2024-01-01,-1\n", ":2: series 'a': count -1 is negative"),
        ("series,date,count\na,2024-01-01,1\na,2024-01-01,2\n", ":3: series 'a': 2024-01-01 appears twice (also on line 2)"),
        ("series,date,count\na,2024-01-02,1\na,2024-01-01,2\n", ":3: series 'a': 2024-01-01 comes after 2024-01-02"),
        ("series,date,count\na,01/02/2024,1\n", ":2: series 'a': '01/02/2024' is not a date"),
        ("series,date,count\na,2024-01-01,1.5\n", ":2: series 'a': count '1.5' is not a whole number"),
        ("series,date,count\nd,2024-01-01,1\nd,2024-01-02,1\nw,2024-01-01,1\nw,2024-01-08,1\nw,2024-01-15,1\n",
         "series 'w' steps by exactly one week but series 'd' is daily"),
        ("series,date,count\na,2024-01-01,2000000000\n", ":2: series 'a': count 2000000000 is implausibly large"),
        ("region,day,n\n09009,2024-01-01,1\n", ":1: the header must name the columns series, date and count"),
    ])
    func rejects(text: String, message: String) throws {
        #expect {
            _ = try read(text)
        } throws: { error in
            (error as? DetectionError)?.code == .invalidInput && "\(error)".contains(message)
        }
    }

    @Test("the parallel runner loses no result under load (a copy-on-write race once dropped some)")
    func runnerUnderLoad() throws {
        let series = try ReferenceSeries.agonaLike(count: 400)
        for _ in 0..<5 {
            let results = try DetectorCatalog.run(method: "ears-c1", options: .init(), on: series, lastPeriods: 1)
            #expect(results.map(\.series) == series.map(\.name))
        }
    }

    @Test("the runner evaluates every series in parallel and keeps their order")
    func runner() throws {
        let series = try ReferenceSeries.agonaLike(count: 6)
        let results = try DetectorCatalog.run(method: "ears-c2", options: .init(), on: series)
        #expect(results.map(\.series) == series.map(\.name))
        #expect(results.allSatisfy { $0.periods.count == 100 })
        let last = try DetectorCatalog.run(method: "ears-c2", options: .init(), on: series, lastPeriods: 1)
        #expect(last.map { $0.periods.count } == Array(repeating: 1, count: 6))
        #expect(last[0].periods[0] == results[0].periods[99])
        #expect(throws: DetectionError.self) { try DetectorCatalog.run(method: "magic", options: .init(), on: series) }
        #expect(["ears-c1", "ears-c3", "noufaily", "switch", "cusum"].map(DetectorCatalog.defaultAlpha(of:)) == [0.001, 0.025, 0.05, 0.05, 0.05])
        #expect(throws: DetectionError.self) { try DetectorCatalog.run(method: "ears-c1", options: .init(alpha: 2), on: series) }
    }
}

enum ReferenceSeries {
    /// Seeded Poisson-like weekly series of 100 periods.
    static func agonaLike(count: Int) throws -> [CountSeries] {
        try (0..<count).map { index in
            var generator = VigilCore.SplitMix64(seed: UInt64(index))
            let counts = (0..<100).map { _ in Int.random(in: 0...6, using: &generator) }
            return try CountSeries(
                name: "s\(index)", interval: .week, dates: (0..<100).map { VigilCore.CalendarDate(dayNumber: 19_000 + 7 * $0) },
                counts: counts)
        }
    }
}
