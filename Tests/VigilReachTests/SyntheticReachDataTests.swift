import Testing
import VigilCore
import VigilReach

@Suite("Synthetic benchmark data")
struct SyntheticReachDataTests {
    @Test("the same seed gives the same points, all inside the contiguous-US box, in their grid regions")
    func seeded() {
        var first = SplitMix64(seed: 42)
        var second = SplitMix64(seed: 42)
        let a = SyntheticReachData(using: &first)
        let b = SyntheticReachData(using: &second)
        #expect(a.cities == b.cities)
        let events = a.events(count: 5000, using: &first)
        #expect(events == b.events(count: 5000, using: &second))
        #expect(a.facilities(count: 500, using: &first) == b.facilities(count: 500, using: &second))
        for event in events {
            #expect((25...49).contains(event.location.latitude) && (-124...(-67)).contains(event.location.longitude))
            #expect(event.region == SyntheticReachData.region(of: event.location))
            #expect(event.region.level == .county)
        }
    }

    @Test("facility kinds come in the documented shares (1/8, 3/8, 3/8, 1/8)")
    func kinds() {
        var generator = SplitMix64(seed: 3)
        let facilities = SyntheticReachData(using: &generator).facilities(count: 16_000, using: &generator)
        let shares = Dictionary(grouping: facilities, by: \.kind).mapValues { Double($0.count) / 16_000 }
        #expect(abs(shares[.otp]! - 0.125) < 0.01)
        #expect(abs(shares[.treatment]! - 0.375) < 0.015)
        #expect(abs(shares[.naloxone]! - 0.375) < 0.015)
        #expect(abs(shares[.outreach]! - 0.125) < 0.01)
    }
}
