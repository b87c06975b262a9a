import Testing
import VigilCore
import VigilDetection

@Suite("Farrington and Noufaily")
struct FarringtonDetectorTests {
    static let expected = ReferenceFixtures.expected("expected_farrington.csv")

    @Test("upper bounds match R surveillance to 1e-4 and alarms exactly", arguments: ["farrington", "noufaily"])
    func matchesSurveillance(method: String) throws {
        let detector = try FarringtonDetector(method == "farrington" ? .original : .noufaily, method: method)
        var total = 0
        var allMismatches: [String] = []
        for series in ReferenceFixtures.series.values.sorted(by: { $0.name < $1.name }) {
            // The reference judged only the last 120 days of the daily series with Noufaily's settings.
            let periods = series.interval == .day && method == "noufaily" ? 120 : series.counts.count
            let result = detector.evaluate(series, lastPeriods: periods)
            let (mismatches, compared) = ReferenceFixtures.compare(result, with: Self.expected, relativeTolerance: 1e-4)
            allMismatches += mismatches
            total += compared
        }
        #expect(allMismatches.isEmpty, "\(allMismatches.count) mismatches: \(allMismatches.prefix(8))")
        #expect(total > 2_900)
    }

    @Test("parameters outside their domain are refused")
    func invalidParameters() {
        var parameters = FarringtonDetector.Parameters.original
        parameters.alpha = 1
        #expect(throws: DetectionError.self) { try FarringtonDetector(parameters, method: "farrington") }
        parameters = .noufaily
        parameters.years = 0
        #expect(throws: DetectionError.self) { try FarringtonDetector(parameters, method: "noufaily") }
    }
}
