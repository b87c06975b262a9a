import Testing
import VigilCore
import VigilReach

@Suite("Access analysis")
struct AccessAnalysisTests {
    let degree = ReachFixtures.kilometresPerDegree
    let countyA = RegionCode(rawValue: "09001")!
    let countyB = RegionCode(rawValue: "09003")!
    let countyC = RegionCode(rawValue: "09005")!

    /// Facilities on the equator: OTPs at 0° (county A) and 10° E (county C), naloxone at 0.1° E (county A).
    var facilities: [AccessFacility] {
        [
            AccessFacility(kind: .otp, location: ReachFixtures.point(0, 0), region: countyA),
            AccessFacility(kind: .naloxone, location: ReachFixtures.point(0, 0.1), region: countyA),
            AccessFacility(kind: .otp, location: ReachFixtures.point(0, 10), region: countyC),
        ]
    }

    /// Events 0.05°, 0.1°, 0.3° and 0.5° from the OTP at 0° (county A), and one 0.2° from the OTP at 10° E (county B).
    var events: [AccessEvent] {
        [
            AccessEvent(region: countyA, location: ReachFixtures.point(0, 0.05)),
            AccessEvent(region: countyA, location: ReachFixtures.point(0, -0.1)),
            AccessEvent(region: countyA, location: ReachFixtures.point(0.3, 0)),
            AccessEvent(region: countyA, location: ReachFixtures.point(0, -0.5)),
            AccessEvent(region: countyB, location: ReachFixtures.point(0, 10.2)),
        ]
    }

    @Test("a tiny hand-made case: per-event distances and per-county events, rates, median, 90th percentile and shares")
    func handMade() throws {
        let report = try AccessAnalysis().evaluate(
            events: events, facilities: facilities, populations: [countyA: 200_000])
        #expect(report.eventCount == 5)
        #expect(report.nearest.map(\.kind) == [.naloxone, .otp])
        let otp = try #require(report.nearest(.otp))
        #expect(otp.facilityCount == 2)
        #expect(otp.facilityIndices == [0, 0, 0, 0, 2])
        let expected = [0.05, 0.1, 0.3, 0.5, 0.2].map { $0 * degree }
        #expect(zip(otp.kilometres, expected).allSatisfy { abs($0 - $1) < 1e-9 })
        let naloxone = try #require(report.nearest(.naloxone))
        #expect(naloxone.facilityIndices == [1, 1, 1, 1, 1])
        #expect(abs(naloxone.kilometres[0] - 0.05 * degree) < 1e-9)

        #expect(report.regions.map(\.region) == [countyA, countyB, countyC])
        let a = report.regions[0]
        #expect(a.eventCount == 4)
        #expect(a.population == 200_000)
        #expect(a.eventsPerHundredThousand == 2)
        #expect(a.facilityCount == 1)
        #expect(a.facilitiesPerHundredThousand == 0.5)
        // Sorted distances 0.05°, 0.1°, 0.3°, 0.5°: median (0.1 + 0.3) / 2 = 0.2°; p90 at h = 2.7: 0.3 + 0.7 × 0.2 = 0.44°.
        #expect(abs(try #require(a.medianKilometres) - 0.2 * degree) < 1e-9)
        #expect(abs(try #require(a.percentile90Kilometres) - 0.44 * degree) < 1e-9)
        // 5.56, 11.12, 33.36 and 55.60 km: 3 beyond 10 km, 2 beyond 25 km, 1 beyond 50 km.
        #expect(a.beyond.map(\.thresholdKilometres) == [10, 25, 50])
        #expect(a.beyond.map(\.eventCount) == [3, 2, 1])
        #expect(a.beyond.map(\.share) == [0.75, 0.5, 0.25])

        let b = report.regions[1]
        #expect(b.eventCount == 1)
        #expect(b.population == nil && b.eventsPerHundredThousand == nil && b.facilitiesPerHundredThousand == nil)
        #expect(b.facilityCount == 0)
        #expect(abs(try #require(b.medianKilometres) - 0.2 * degree) < 1e-9)
        #expect(b.percentile90Kilometres == b.medianKilometres)
        #expect(b.beyond.map(\.share) == [1, 0, 0])

        let c = report.regions[2]
        #expect(c.eventCount == 0 && c.facilityCount == 1)
        #expect(c.medianKilometres == nil && c.percentile90Kilometres == nil)
        #expect(c.beyond.allSatisfy { $0.eventCount == 0 && $0.share == nil })
    }

    @Test("thresholds are a parameter, and the summary kind can be any kind present")
    func otherParameters() throws {
        let analysis = try AccessAnalysis(.init(summaryKind: .naloxone, thresholdsKilometres: [5, 100]))
        let report = try analysis.evaluate(events: events, facilities: facilities)
        let a = report.regions[0]
        #expect(a.facilityCount == 1)
        #expect(a.beyond.map(\.thresholdKilometres) == [5, 100])
        // Distances to naloxone at 0.1° E: 0.05°, 0.2°, ≈0.316°, 0.6° (5.6, 22.2, 35.2, 66.7 km).
        #expect(a.beyond.map(\.eventCount) == [4, 0])
        #expect(report.regions.map(\.region) == [countyA, countyB])
    }

    @Test("no facility of the summary kind is a noFacilities error naming the kind")
    func noFacilities() {
        let onlyNaloxone = facilities.filter { $0.kind == .naloxone }
        #expect {
            try AccessAnalysis().evaluate(events: events, facilities: onlyNaloxone)
        } throws: { error in
            guard let error = error as? ReachError else { return false }
            return error.code == .noFacilities && error.message.contains("'otp'")
                && error.message.contains("'naloxone'")
        }
        #expect(throws: ReachError.self) { try AccessAnalysis().evaluate(events: events, facilities: []) }
    }

    @Test("no events: empty per-event arrays, and regions from facilities and populations without distance statistics")
    func noEvents() throws {
        let report = try AccessAnalysis().evaluate(events: [], facilities: facilities, populations: [countyB: 50_000])
        #expect(report.eventCount == 0)
        #expect(report.nearest.allSatisfy { $0.facilityIndices.isEmpty && $0.kilometres.isEmpty })
        #expect(report.regions.map(\.region) == [countyA, countyB, countyC])
        let b = report.regions[1]
        #expect(b.eventsPerHundredThousand == 0)
        #expect(b.facilitiesPerHundredThousand == 0)
        #expect(b.medianKilometres == nil)
    }

    @Test("a negative or infinite threshold and a population below 1 are refused")
    func invalidParameters() {
        for threshold in [-1.0, .infinity, .nan] {
            #expect(throws: ReachError.self) { try AccessAnalysis(.init(thresholdsKilometres: [10, threshold])) }
        }
        #expect {
            try AccessAnalysis().evaluate(events: events, facilities: facilities, populations: [countyA: 0])
        } throws: { ($0 as? ReachError)?.code == .invalidParameter }
    }

    @Test(
        "per-event nearest facility of every kind equals brute force on synthetic data",
        arguments: 0..<4 as Range<UInt64>)
    func syntheticEqualsBruteForce(seed: UInt64) throws {
        var generator = SplitMix64(seed: seed)
        let data = SyntheticReachData(cityCount: 30, using: &generator)
        let facilities = data.facilities(count: 400, using: &generator)
        let events = data.events(count: 1000, using: &generator)
        let report = try AccessAnalysis().evaluate(
            events: events, facilities: facilities, populations: SyntheticReachData.populations(of: events))
        for nearest in report.nearest {
            let members = facilities.indices.filter { facilities[$0].kind == nearest.kind }
            let locations = members.map { facilities[$0].location }
            let wrong = events.indices.filter { index in
                let brute = ReachFixtures.bruteNearest(events[index].location, locations)
                return !ReachFixtures.agree(nearest.kilometres[index], brute.kilometres)
                    || facilities[nearest.facilityIndices[index]].kind != nearest.kind
            }
            #expect(wrong.isEmpty, "kind \(nearest.kind): events \(wrong.prefix(5))")
        }
        #expect(report.regions.reduce(0) { $0 + $1.eventCount } == events.count)
        let again = try AccessAnalysis().evaluate(
            events: events, facilities: facilities, populations: SyntheticReachData.populations(of: events))
        #expect(again == report)
    }
}
