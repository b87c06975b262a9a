import Testing
import VigilCore
import VigilDetection

@Suite("CUSUM")
struct CUSUMDetectorTests {
    @Test("upper bounds and alarms match R surveillance exactly")
    func matchesSurveillance() throws {
        let expected = ReferenceFixtures.expected("expected_cusum.csv")
        var total = 0
        for series in ReferenceFixtures.series.values.sorted(by: { $0.name < $1.name }) {
            let detector = try CUSUMDetector(.init(training: series.interval.periodsPerYear))
            let (mismatches, compared) = ReferenceFixtures.compare(detector.evaluate(series), with: expected, relativeTolerance: 1e-12)
            #expect(mismatches.isEmpty, "\(mismatches.prefix(5))")
            total += compared
        }
        #expect(total > 7_000)
    }

    @Test("hand-computed: m = 2, k = 1.04, h = 2.26, no reset after an alarm")
    func handComputed() throws {
        let counts = [2, 2, 2, 2, 6, 6, 2]
        let series = try CountSeries(
            name: "s", interval: .day, dates: counts.indices.map { CalendarDate(dayNumber: 19_000 + $0) }, counts: counts)
        let periods = try CUSUMDetector(.init(training: 4)).evaluate(series).periods
        // z = (6 − 2)/√2 = 2.828; S5 = 1.788; S6 = 3.577 ≥ 2.26; S7 = 3.577 + 0 − 1.04 = 2.537, still ≥ h.
        #expect(periods.prefix(4).allSatisfy { $0.status == .notEnoughHistory })
        #expect(abs(periods[4].score! - 1.7884) < 1e-3 && !periods[4].isAlarm)
        #expect(abs(periods[5].score! - 3.5768) < 1e-3 && periods[5].isAlarm)
        #expect(abs(periods[6].score! - 2.5368) < 1e-3 && periods[6].isAlarm)
        // Bound at t5: ⌈√2·(2.26 + 1.04 − 0) + 2⌉ = ⌈6.667⌉ = 7.
        #expect(periods[4].upperBound == 7)
    }

    @Test("an all-zero training period gives undefined sums, no crash and no NaN bound")
    func zeroMean() throws {
        let series = try CountSeries(
            name: "s", interval: .day, dates: (0..<10).map { CalendarDate(dayNumber: 19_000 + $0) }, counts: Array(repeating: 0, count: 10))
        for period in try CUSUMDetector(.init(training: 5)).evaluate(series).periods.dropFirst(5) {
            #expect(period.status == .undefined && !period.isAlarm && period.upperBound == 0)
        }
    }
}
