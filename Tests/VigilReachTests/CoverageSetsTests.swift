import Testing
import VigilCore
import VigilReach

@Suite("Coverage lists")
struct CoverageSetsTests {
    @Test(
        "each candidate covers exactly the demand points within the radius (brute-force haversine)",
        arguments: 0..<6 as Range<UInt64>)
    func geographicEqualsBruteForce(seed: UInt64) throws {
        var generator = SplitMix64(seed: seed)
        let data = SyntheticReachData(cityCount: 20, using: &generator)
        let demand = data.points(count: 3000, using: &generator)
        let candidates = data.points(count: 300, spreadKilometres: 10, using: &generator)
        let radius = [5.0, 10, 25][Int(seed) % 3]
        let coverage = try MaximalCovering(.init(radiusKilometres: radius, budget: 1))
            .coverage(candidates: candidates, demand: demand)
        #expect(coverage.candidateCount == candidates.count)
        #expect(coverage.demandCount == demand.count)
        #expect(coverage.totalWeight == Double(demand.count))
        for (candidate, site) in candidates.enumerated() {
            let covered = coverage.covered(by: candidate)
            #expect(covered == covered.sorted())
            let found = Set(covered)
            let wrong = demand.indices.filter { index in
                let distance = GreatCircle.haversineKilometres(from: site, to: demand[index])
                return abs(distance - radius) > 1e-6 && found.contains(index) != (distance <= radius)
            }
            #expect(wrong.isEmpty, "candidate \(candidate): demand points \(wrong.prefix(5))")
        }
    }

    @Test("explicit lists are sorted and repeats merged; weights default to 1")
    func explicitLists() throws {
        let coverage = try CoverageSets(sets: [[3, 1, 3, 0], [], [2]], demandCount: 4)
        #expect(coverage.covered(by: 0) == [0, 1, 3])
        #expect(coverage.covered(by: 1) == [])
        #expect(coverage.candidateCount == 3)
        #expect(coverage.weights == [1, 1, 1, 1])
        #expect(coverage.totalWeight == 4)
    }

    @Test("no demand points, a list naming a missing point, and bad weights are refused with their codes")
    func invalid() {
        func code(_ body: () throws -> Void) -> ReachError.Code? {
            do { try body() } catch let error as ReachError { return error.code } catch { return nil }
            return nil
        }
        #expect(code { _ = try CoverageSets(sets: [[]], demandCount: 0) } == .noDemand)
        #expect(code { _ = try CoverageSets(sets: [[0, 4]], demandCount: 4) } == .invalidParameter)
        #expect(code { _ = try CoverageSets(sets: [[-1]], demandCount: 4) } == .invalidParameter)
        #expect(code { _ = try CoverageSets(sets: [[0]], demandCount: 2, weights: [1]) } == .invalidWeight)
        #expect(code { _ = try CoverageSets(sets: [[0]], demandCount: 2, weights: [1, -0.5]) } == .invalidWeight)
        #expect(code { _ = try CoverageSets(sets: [[0]], demandCount: 2, weights: [.nan, 1]) } == .invalidWeight)
        let covering = try! MaximalCovering(.init(radiusKilometres: 10, budget: 1))
        #expect(code { _ = try covering.coverage(candidates: [ReachFixtures.point(0, 0)], demand: []) } == .noDemand)
    }
}
