import Testing
import VigilCore
import VigilDetection

@Suite("EARS C1, C2, C3")
struct EARSDetectorTests {
    static let expected = ReferenceFixtures.expected("expected_ears.csv")

    @Test("upper bounds match R surveillance to 1e-6 and alarms exactly", arguments: [EARSDetector.Variant.c1, .c2, .c3])
    func matchesSurveillance(variant: EARSDetector.Variant) throws {
        let detector = try EARSDetector(.init(variant: variant))
        var total = 0
        for series in ReferenceFixtures.series.values.sorted(by: { $0.name < $1.name }) {
            let (mismatches, compared) = ReferenceFixtures.compare(detector.evaluate(series), with: Self.expected, relativeTolerance: 1e-6)
            #expect(mismatches.isEmpty, "\(mismatches.prefix(5))")
            total += compared
        }
        #expect(total > 7_000)
    }

    @Test("first judged period: C1 the 8th, C2 the 10th, C3 the 12th")
    func minimumHistory() throws {
        let series = try CountSeries(
            name: "s", interval: .day, dates: (0..<20).map { CalendarDate(dayNumber: 19_000 + $0) }, counts: (0..<20).map { $0 % 3 })
        for (variant, first) in [(EARSDetector.Variant.c1, 7), (.c2, 9), (.c3, 11), (.c3CDC, 11)] {
            let periods = try EARSDetector(.init(variant: variant)).evaluate(series).periods
            #expect(periods.firstIndex { $0.status != .notEnoughHistory } == first)
        }
    }

    @Test("a flat all-zero series gives no alarm and no NaN")
    func allZero() throws {
        let series = try CountSeries(
            name: "zero", interval: .day, dates: (0..<30).map { CalendarDate(dayNumber: 19_000 + $0) }, counts: Array(repeating: 0, count: 30))
        for variant in EARSDetector.Variant.allCases {
            for period in try EARSDetector(.init(variant: variant)).evaluate(series).periods {
                #expect(!period.isAlarm)
                #expect(period.upperBound.map { !$0.isNaN } ?? true)
                #expect(period.score.map { !$0.isNaN } ?? true)
            }
        }
    }

    @Test("CDC's C3 sums three days of C2 excess and alarms above 2")
    func cdcC3() throws {
        // Baseline of 7 ones and twos (mean 1.43, sd 0.53); then three rising days.
        let counts = [1, 2, 1, 2, 1, 2, 1, 1, 1, 2, 2, 1, 3, 3, 4]
        let series = try CountSeries(
            name: "s", interval: .day, dates: counts.indices.map { CalendarDate(dayNumber: 19_000 + $0) }, counts: counts)
        let periods = try EARSDetector(.init(variant: .c3CDC)).evaluate(series).periods
        let last = try #require(periods.last)
        // C2 on days 13, 14, 15 (each over days t−9…t−3) is 2.940, 2.940, 4.811 (computed with Python's
        // statistics module), so C3 = 1.940 + 1.940 + 3.811 = 7.690.
        #expect(abs((last.score ?? 0) - 7.6904) < 1e-3)
        #expect(last.isAlarm)
    }

    @Test("parameters outside their domain are refused")
    func invalidParameters() {
        #expect(throws: DetectionError.self) { try EARSDetector(.init(variant: .c1, alpha: 0)) }
        #expect(throws: DetectionError.self) { try EARSDetector(.init(variant: .c1, alpha: 1.5)) }
        #expect(throws: DetectionError.self) { try EARSDetector(.init(variant: .c2, baseline: 2)) }
        #expect(throws: DetectionError.self) { try EARSDetector(.init(variant: .c3, minSigma: -1)) }
    }
}
