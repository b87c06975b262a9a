import Foundation
import Testing
import VigilCore
import VigilDetection
import VigilTestSupport

@Suite("GLR negative-binomial CUSUM")
struct GLRNegativeBinomialDetectorTests {
    @Test("GLR statistics match R surveillance::glrnb to 1e-4, alarms exactly, with the fitted dispersion")
    func matchesSurveillance() throws {
        let text = try String(contentsOfFile: Fixtures.path("detection/expected_glrnb.csv"), encoding: .utf8)
        var expected: [String: (Double, Bool)] = [:]
        for line in text.split(separator: "\n").dropFirst() {
            let f = line.split(separator: ",").map(String.init)
            expected[f[0] + "|" + f[1]] = (Double(f[3])!, f[4] == "1")
        }
        var compared = 0
        var mismatches: [String] = []
        for series in ReferenceFixtures.series.values where series.interval == .week {
            let result = try GLRNegativeBinomialDetector(.init(training: 52)).evaluate(series)
            for period in result.periods where period.status == .evaluated {
                guard let (statistic, alarm) = expected[series.name + "|" + period.date.description] else {
                    mismatches.append("\(series.name) \(period.date): not in the reference")
                    continue
                }
                compared += 1
                let score = max(0, period.score ?? .nan)
                if abs(score - statistic) > 1e-4 * max(1, statistic) || alarm != period.isAlarm {
                    mismatches.append("\(series.name) \(period.date): R \(statistic)/\(alarm), Vigil \(score)/\(period.isAlarm)")
                }
            }
        }
        #expect(mismatches.isEmpty, "\(mismatches.count): \(mismatches.prefix(6))")
        #expect(compared == 4_949)
    }

    @Test("a given dispersion is used as is, and a steady series raises no alarm")
    func steady() throws {
        let counts = (0..<120).map { 5 + ($0 % 3) }
        let series = try CountSeries(
            name: "s", interval: .week, dates: counts.indices.map { CalendarDate(dayNumber: 19_000 + 7 * $0) }, counts: counts)
        let result = try GLRNegativeBinomialDetector(.init(training: 52, alpha: 0.1)).evaluate(series)
        #expect(result.periods.filter(\.isAlarm).isEmpty)
        #expect(result.periods.prefix(52).allSatisfy { $0.status == .notEnoughHistory })
        #expect(throws: DetectionError.self) { try GLRNegativeBinomialDetector(.init(training: 52, alpha: 0)) }
    }
}
