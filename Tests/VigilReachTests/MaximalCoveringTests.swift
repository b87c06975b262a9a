import Foundation
import Testing
import VigilCore
import VigilReach

@Suite("Maximal covering placement")
struct MaximalCoveringTests {
    /// Candidate 0 covers 5 points across both halves; candidates 1 and 2 each cover one half of 8 points.
    static let trapSets = [[0, 1, 4, 5, 6], [0, 1, 2, 3], [4, 5, 6, 7]]

    @Test("greedy on a hand-solved instance takes the big site first and covers 7 of 8; the optimum covers 8")
    func handSolvedTrap() throws {
        let coverage = try CoverageSets(sets: Self.trapSets, demandCount: 8)
        let covering = try MaximalCovering(.init(radiusKilometres: 1, budget: 2))
        let greedy = try covering.greedy(coverage)
        #expect(greedy.method == .greedy)
        #expect(greedy.candidates == [0, 1])
        #expect(greedy.sites.map(\.newlyCoveredWeight) == [5, 2])
        #expect(greedy.sites.map(\.newlyCoveredCount) == [5, 2])
        #expect(greedy.sites.map(\.newlyCovered) == [[0, 1, 4, 5, 6], [2, 3]])
        #expect(greedy.coveredWeight == 7 && greedy.coveredCount == 7 && greedy.totalWeight == 8)
        #expect(greedy.upperBoundWeight >= 8)
        #expect(!greedy.isProvenOptimal)

        let exact = try covering.exact(coverage)
        #expect(exact.method == .exact)
        #expect(exact.candidates == [1, 2])
        #expect(exact.sites.map(\.newlyCoveredWeight) == [4, 4])
        #expect(exact.coveredWeight == 8 && exact.coveredCount == 8)
        #expect(exact.isProvenOptimal)
        #expect(exact.upperBoundWeight == 8)
        #expect(exact.coveredShare == 1)
    }

    @Test("weights change the choice: a heavy point makes the small site worth more")
    func weighted() throws {
        let coverage = try CoverageSets(sets: [[0, 1, 2], [3]], demandCount: 4, weights: [1, 1, 1, 10])
        let plan = try MaximalCovering(.init(radiusKilometres: 1, budget: 1)).greedy(coverage)
        #expect(plan.candidates == [1])
        #expect(plan.coveredWeight == 10)
        #expect(plan.coveredCount == 1)
    }

    @Test("ties go to the lowest candidate index, and greedy stops when nothing more can be covered")
    func tiesAndEarlyStop() throws {
        let coverage = try CoverageSets(sets: [[0, 1], [2, 3], [0, 1], [2, 3], [1]], demandCount: 4)
        let plan = try MaximalCovering(.init(radiusKilometres: 1, budget: 4)).greedy(coverage)
        #expect(plan.candidates == [0, 1])
        #expect(plan.coveredWeight == 4)
        #expect(plan.isProvenOptimal)
        #expect(plan.upperBoundWeight == 4)
        let exact = try MaximalCovering(.init(radiusKilometres: 1, budget: 4)).exact(coverage)
        #expect(exact.candidates == [0, 1])
    }

    @Test("a hand-placed geographic instance on the equator, radius 10 km")
    func geographic() throws {
        let point = ReachFixtures.point
        // Demand at 0°, 0.05°, 0.1° (5.56 km apart) and at 1°, 1.05°; candidates at 0.05°, 1.0° and 0.5°.
        let demand = [point(0, 0), point(0, 0.05), point(0, 0.1), point(0, 1), point(0, 1.05)]
        let candidates = [point(0, 0.5), point(0, 0.05), point(0, 1)]
        let covering = try MaximalCovering(.init(radiusKilometres: 10, budget: 2))
        let coverage = try covering.coverage(candidates: candidates, demand: demand)
        #expect(coverage.covered(by: 0).isEmpty)
        let plan = try covering.greedy(coverage)
        #expect(plan.candidates == [1, 2])
        #expect(plan.sites.map(\.newlyCovered) == [[0, 1, 2], [3, 4]])
        #expect(plan.isProvenOptimal)
        #expect(try covering.exact(coverage).candidates == [1, 2])
    }

    @Test(
        "exact equals brute force over all k-subsets, and greedy covers at least (1 − 1/e) of the optimum",
        arguments: 0..<60 as Range<UInt64>)
    func exactEqualsEnumeration(seed: UInt64) throws {
        var generator = SplitMix64(seed: seed)
        let candidates = Int.random(in: 4...12, using: &generator)
        let demand = Int.random(in: 5...40, using: &generator)
        let budget = Int.random(in: 1...min(5, candidates), using: &generator)
        let sets = ReachFixtures.randomSets(
            candidates: candidates, demand: demand, density: Double.random(in: 0.05...0.4, using: &generator),
            using: &generator)
        let weights: [Double]? =
            seed % 2 == 0 ? nil : (0..<demand).map { _ in Double.random(in: 0...5, using: &generator) }
        let coverage = try CoverageSets(sets: sets, demandCount: demand, weights: weights)
        let covering = try MaximalCovering(.init(radiusKilometres: 1, budget: budget))
        let optimum = ReachFixtures.subsets(candidates, budget).map {
            ReachFixtures.coveredWeight($0, sets, coverage.weights)
        }.max()!

        let exact = try covering.exact(coverage)
        #expect(abs(exact.coveredWeight - optimum) <= 1e-9 * max(1, optimum))
        #expect(abs(ReachFixtures.coveredWeight(exact.candidates, sets, coverage.weights) - exact.coveredWeight) < 1e-9)
        #expect(exact.isProvenOptimal)
        #expect(exact.candidates.count <= budget)

        let greedy = try covering.greedy(coverage)
        #expect(greedy.coveredWeight >= (1 - exp(-1)) * optimum - 1e-9)
        #expect(greedy.coveredWeight <= optimum + 1e-9)
        #expect(greedy.upperBoundWeight >= optimum - 1e-9)
        #expect(
            abs(ReachFixtures.coveredWeight(greedy.candidates, sets, coverage.weights) - greedy.coveredWeight) < 1e-9)
        #expect(greedy.sites.allSatisfy { $0.newlyCoveredWeight > 0 })
        #expect(Set(greedy.sites.flatMap(\.newlyCovered)).count == greedy.coveredCount)
    }

    @Test(
        "lazy greedy makes exactly the choices of plain greedy (lowest index among equal gains)",
        arguments: 0..<30 as Range<UInt64>)
    func lazyEqualsPlainGreedy(seed: UInt64) throws {
        var generator = SplitMix64(seed: seed)
        let demand = 400
        let sets = ReachFixtures.randomSets(candidates: 80, demand: demand, density: 0.03, using: &generator)
        let weights = seed % 3 == 0 ? nil : (0..<demand).map { _ in Double(Int.random(in: 0...3, using: &generator)) }
        let coverage = try CoverageSets(sets: sets, demandCount: demand, weights: weights)
        let budget = 25
        var covered = Set<Int>()
        var plain: [Int] = []
        for _ in 0..<budget {
            let gains = sets.map { set in set.filter { !covered.contains($0) }.reduce(0.0) { $0 + coverage.weights[$1] }
            }
            guard let best = gains.indices.max(by: { gains[$0] < gains[$1] || (gains[$0] == gains[$1] && $0 > $1) }),
                gains[best] > 0
            else { break }
            plain.append(best)
            covered.formUnion(sets[best])
        }
        let lazy = try MaximalCovering(.init(radiusKilometres: 1, budget: budget)).greedy(coverage)
        #expect(lazy.candidates == plain)
    }

    @Test("exact equals brute force on seeded geographic instances")
    func geographicExact() throws {
        for seed in 0..<8 as Range<UInt64> {
            var generator = SplitMix64(seed: seed)
            let data = SyntheticReachData(cityCount: 3, using: &generator)
            let demand = data.points(count: 300, spreadKilometres: 20, backgroundShare: 0, using: &generator)
            let candidates = data.points(count: 10, spreadKilometres: 20, backgroundShare: 0, using: &generator)
            let covering = try MaximalCovering(.init(radiusKilometres: 12, budget: 3))
            let coverage = try covering.coverage(candidates: candidates, demand: demand)
            let sets = (0..<candidates.count).map(coverage.covered(by:))
            let optimum = ReachFixtures.subsets(candidates.count, 3).map {
                ReachFixtures.coveredWeight($0, sets, coverage.weights)
            }.max()!
            #expect(try covering.exact(coverage).coveredWeight == optimum)
            #expect(try covering.greedy(coverage).coveredWeight >= (1 - exp(-1)) * optimum)
        }
    }

    @Test("a radius that is not positive or a budget below 1 is refused")
    func invalidParameters() {
        for radius in [0.0, -5, .nan, .infinity] {
            #expect { try MaximalCovering(.init(radiusKilometres: radius, budget: 1)) } throws: {
                ($0 as? ReachError)?.code == .invalidParameter
            }
        }
        for budget in [0, -3] {
            #expect { try MaximalCovering(.init(radiusKilometres: 10, budget: budget)) } throws: {
                ($0 as? ReachError)?.code == .invalidParameter && "\($0)".contains("budget")
            }
        }
    }

    @Test("a budget above the number of candidates is refused by both solvers")
    func budgetTooLarge() throws {
        let coverage = try CoverageSets(sets: Self.trapSets, demandCount: 8)
        let covering = try MaximalCovering(.init(radiusKilometres: 10, budget: 4))
        #expect { try covering.greedy(coverage) } throws: { ($0 as? ReachError)?.code == .budgetExceedsCandidates }
        #expect { try covering.exact(coverage) } throws: { ($0 as? ReachError)?.code == .budgetExceedsCandidates }
    }

    @Test("the exact solver refuses instances beyond its subset limit")
    func tooLarge() throws {
        var generator = SplitMix64(seed: 1)
        let sets = ReachFixtures.randomSets(candidates: 60, demand: 200, density: 0.1, using: &generator)
        let coverage = try CoverageSets(sets: sets, demandCount: 200)
        // C(60, 10) ≈ 7.5 × 10¹⁰ ways.
        let covering = try MaximalCovering(.init(radiusKilometres: 10, budget: 10))
        #expect { try covering.exact(coverage) } throws: { error in
            guard let error = error as? ReachError else { return false }
            return error.code == .instanceTooLarge && error.message.contains("greedy")
        }
        // A generous limit lets a small budget through.
        let small = try MaximalCovering(.init(radiusKilometres: 10, budget: 2, exactSubsetLimit: 2000))
        #expect(try small.exact(coverage).isProvenOptimal)
    }
}
