import Foundation
import Testing
import VigilCore
@testable import VigilDetection

/// The Monte Carlo replications prune cylinders by a bound against the running maximum; these
/// tests check that each replication's maximum is still the definition's maximum.
@Suite("Space-time scan pruning")
struct ScanPruningTests {
    /// An input of `locations` on a plane with counts up to `most` per location and day.
    static func input(locations: Int, days: Int, most: Int, poisson: Bool, using generator: inout SplitMix64) -> ScanInput {
        ScanInput(
            locationIDs: (0..<locations).map { "L\($0)" },
            coordinates: (0..<locations).map { _ in
                .cartesian(x: Double.random(in: 0...10, using: &generator), y: Double.random(in: 0...10, using: &generator))
            },
            days: (0..<days).map { CalendarDate(dayNumber: 20_000 + $0) },
            counts: (0..<(locations * days)).map { _ in Int.random(in: 0...most, using: &generator) },
            population: poisson ? (0..<locations).map { _ in Double.random(in: 100...10_000, using: &generator) } : nil)
    }

    /// The same cases with their days shuffled among them: location and day totals stay the same.
    static func permuted(_ input: ScanInput, using generator: inout SplitMix64) -> ScanInput {
        let days = input.days.count
        var cases: [(location: Int, day: Int)] = []
        for location in input.locationIDs.indices {
            for day in 0..<days { cases += repeatElement((location: location, day: day), count: input.counts[location * days + day]) }
        }
        let shuffledDays = cases.map(\.day).shuffled(using: &generator)
        var counts = [Int](repeating: 0, count: input.counts.count)
        for (index, item) in cases.enumerated() { counts[item.location * days + shuffledDays[index]] += 1 }
        return ScanInput(locationIDs: input.locationIDs, coordinates: input.coordinates, days: input.days, counts: counts,
                         population: input.population)
    }

    @Test("a replication's largest LLR is the brute-force maximum (permutation and Poisson)", arguments: 0..<80 as Range<UInt64>)
    func replicationMaximum(seed: UInt64) throws {
        var generator = SplitMix64(seed: 7_000 + seed)
        let poisson = seed % 2 == 1
        let observed = Self.input(
            locations: Int.random(in: 5...25, using: &generator), days: Int.random(in: 6...30, using: &generator),
            most: Int.random(in: 1...(seed % 4 == 0 ? 400 : 40), using: &generator), poisson: poisson, using: &generator)
        let replicate = poisson
            ? Self.input(locations: observed.locationIDs.count, days: observed.days.count, most: 40, poisson: false, using: &generator)
            : Self.permuted(observed, using: &generator)
        let replicateInput = ScanInput(
            locationIDs: observed.locationIDs, coordinates: observed.coordinates, days: observed.days, counts: replicate.counts,
            population: observed.population)
        let windows = observed.days.count / 2
        let scan = try SpaceTimeScan(.init(model: poisson ? .poisson : .permutation, replications: 9, seed: seed))
        // A Poisson replication keeps the observed total, as the Monte Carlo does, so here the
        // replicate is measured against its own total.
        let measure = Measure(scan.parameters.model, poisson ? replicateInput : observed, windows: windows)
        let counts = CylinderCounts(counts: replicate.counts, locations: observed.locationIDs.count, days: observed.days.count,
                                    windows: windows)
        var accumulator = [WindowCounts](repeating: .zero, count: counts.chunks)
        let zones = ScanZones(ScanGeometry(observed), measure, maxFraction: 0.5, maxRadiusKilometres: nil)
        let pruned = scan.largestLLR(zones, counts, measure, accumulator: &accumulator)
        let reference = BruteForceScan.mostLikely(replicateInput, maxFraction: 0.5, maxWindow: windows, minimumCases: 2)
        #expect(abs(pruned - (reference?.llr ?? 0)) <= 1e-9 * max(1, pruned))
    }
}
