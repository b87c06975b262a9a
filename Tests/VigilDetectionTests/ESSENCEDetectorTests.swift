import Foundation
import Testing
import VigilCore
import VigilDetection
import VigilTestSupport

@Suite("NSSP-ESSENCE regression, EWMA and switch")
struct ESSENCEDetectorTests {
    /// Expected (expected count, statistic, p-value) by series, method and date.
    static let expected: [String: (Double, Double, Double)] = {
        let text = try! String(contentsOfFile: Fixtures.path("detection/expected_essence.csv"), encoding: .utf8)
        var rows: [String: (Double, Double, Double)] = [:]
        for line in text.split(separator: "\n").dropFirst() {
            let f = line.split(separator: ",").map(String.init)
            rows[f[0] + "|" + f[2] + "|" + f[1]] = (Double(f[3])!, Double(f[4])!, Double(f[5])!)
        }
        return rows
    }()

    static let series: [CountSeries] = {
        var result = [ReferenceFixtures.series["09009-day"]!]
        let text = try! String(contentsOfFile: Fixtures.path("detection/series_synthetic_dow.csv"), encoding: .utf8)
        let rows = text.split(separator: "\n").dropFirst().map { $0.split(separator: ",") }
        result.append(
            try! CountSeries(
                name: "synthetic-dow", interval: .day, dates: rows.map { CalendarDate(iso: $0[1])! }, counts: rows.map { Int($0[2])! }))
        return result
    }()

    static func detector(_ method: String) throws -> any Detector {
        switch method {
        case "regression": try AdaptiveRegressionDetector(.init())
        case "ewma": try EWMADetector(.init())
        default: try RegressionEWMASwitchDetector(.init())
        }
    }

    @Test("expected counts, statistics and p-values match R to 1e-6", arguments: ["regression", "ewma", "switch"])
    func matchesReference(method: String) throws {
        var compared = 0
        var mismatches: [String] = []
        for series in Self.series {
            for period in try Self.detector(method).evaluate(series).periods {
                guard let (expected, statistic, pValue) = Self.expected["\(series.name)|\(method)|\(period.date)"] else {
                    if period.status == .evaluated { mismatches.append("\(series.name) \(period.date): judged here, not by R") }
                    continue
                }
                compared += 1
                let close = { (a: Double, b: Double?) in b.map { abs(a - $0) <= 1e-6 * max(1, abs(a)) } ?? false }
                let statisticMatches = statistic.isFinite ? close(statistic, period.score) : period.score == nil || period.score!.isInfinite
                if !close(expected, period.expected) || !statisticMatches || !close(pValue, period.pValue)
                    || period.isAlarm != (pValue < 0.05 && (method != "switch" || statistic > 0))
                {
                    mismatches.append(
                        "\(series.name) \(period.date): R \(expected) \(statistic) \(pValue), Vigil \(period.expected ?? .nan) "
                            + "\(period.score ?? .nan) \(period.pValue ?? .nan) \(period.isAlarm)")
                }
            }
        }
        #expect(mismatches.isEmpty, "\(mismatches.count): \(mismatches.prefix(5))")
        #expect(compared > 2_500)
    }

    @Test("the upper bound is the count at which the day would alarm", arguments: ["regression", "ewma", "switch"])
    func upperBoundIsTheThreshold(method: String) throws {
        let series = Self.series[1]
        let detector = try Self.detector(method)
        for t in [120, 180, 250] {
            let period = try #require(detector.evaluate(series).periods[t])
            let bound = try #require(period.upperBound)
            for (count, shouldAlarm) in [(Int(bound.rounded(.down)), false), (Int(bound.rounded(.down)) + 1, true)] where count >= 0 {
                var changed = series.counts
                changed[t] = count
                let altered = try CountSeries(name: series.name, interval: .day, dates: series.dates, counts: changed)
                #expect(detector.evaluate(altered).periods[t].isAlarm == shouldAlarm, "\(method) day \(t) count \(count) bound \(bound)")
            }
        }
    }
}
