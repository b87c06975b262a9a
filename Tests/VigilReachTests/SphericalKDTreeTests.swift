import Testing
import VigilCore
import VigilReach

@Suite("Spherical k-d tree")
struct SphericalKDTreeTests {
    @Test(
        "nearest equals brute-force haversine worldwide, near the poles and across the antimeridian",
        arguments: 0..<24 as Range<UInt64>)
    func nearestEqualsBruteForce(seed: UInt64) {
        var generator = SplitMix64(seed: seed)
        let count = [1, 2, 7, 9, 50, 333, 2000][Int(seed) % 7]
        let points = ReachFixtures.worldPoints(count: count, using: &generator)
        let queries = ReachFixtures.worldPoints(count: 400, using: &generator)
        let tree = SphericalKDTree(points: points)
        let batch = tree.nearest(to: queries)
        let wrong = queries.indices.filter { number in
            let query = queries[number]
            let expected = ReachFixtures.bruteNearest(query, points)
            guard let found = tree.nearest(to: query) else { return true }
            // The same point, or an equally near one found by the other formula's rounding.
            let foundByHaversine = GreatCircle.haversineKilometres(from: query, to: points[found.index])
            return !ReachFixtures.agree(found.kilometres, expected.kilometres)
                || !(found.index == expected.index || ReachFixtures.agree(foundByHaversine, expected.kilometres))
                || batch.indices[number] != found.index || batch.kilometres[number] != found.kilometres
        }
        #expect(wrong.isEmpty, "\(count) points: queries \(wrong.prefix(5)) differ from brute force")
    }

    @Test(
        "points within a radius equal brute force, for radii from 0.5 km to the whole globe",
        arguments: 0..<8 as Range<UInt64>)
    func radiusEqualsBruteForce(seed: UInt64) {
        var generator = SplitMix64(seed: seed)
        let points = ReachFixtures.worldPoints(count: 1500, using: &generator)
        let tree = SphericalKDTree(points: points)
        for radius in [0.5, 50, 500, 3000, 12_000, 20_100] {
            for query in ReachFixtures.worldPoints(count: 30, using: &generator) {
                let distances = points.map { GreatCircle.haversineKilometres(from: query, to: $0) }
                let found = Set(tree.indices(within: radius, of: query))
                let wrong = points.indices.filter {
                    abs(distances[$0] - radius) > 1e-6 && found.contains($0) != (distances[$0] <= radius)
                }
                #expect(wrong.isEmpty, "radius \(radius): points \(wrong.prefix(5))")
                #expect(tree.indices(within: radius, of: query) == found.sorted())
            }
        }
    }

    @Test("a tree of 100,000 points, whose lower levels are built in parallel, answers like brute force")
    func largeTree() {
        var generator = SplitMix64(seed: 99)
        let points = ReachFixtures.worldPoints(count: 100_000, using: &generator)
        let queries = ReachFixtures.worldPoints(count: 30, using: &generator)
        let tree = SphericalKDTree(points: points)
        let nearest = tree.nearest(to: queries)
        let wrong = queries.indices.filter { number in
            let distances = points.map { GreatCircle.haversineKilometres(from: queries[number], to: $0) }
            let within = points.indices.filter { distances[$0] <= 300 && 300 - distances[$0] > 1e-6 }
            let found = tree.indices(within: 300, of: queries[number])
            return !ReachFixtures.agree(nearest.kilometres[number], distances.min()!)
                || !within.allSatisfy(Set(found).contains) || found.contains { distances[$0] > 300 + 1e-6 }
        }
        #expect(wrong.isEmpty, "queries \(wrong)")
    }

    @Test("1,000 points on the same spot: nearest is the lowest index, and radius 0 finds them all")
    func duplicates() throws {
        let spot = ReachFixtures.point(41.3, -72.9)
        let points = [ReachFixtures.point(0, 0)] + Array(repeating: spot, count: 1000)
        let tree = SphericalKDTree(points: points)
        let nearest = try #require(tree.nearest(to: spot))
        #expect(nearest.index == 1)
        #expect(nearest.kilometres == 0)
        #expect(tree.indices(within: 0, of: spot) == Array(1...1000))
        #expect(tree.indices(within: -1, of: spot).isEmpty)
    }

    @Test("hand-placed points: the nearest is found and its distance is whole degrees of arc")
    func handPlaced() throws {
        let points = [ReachFixtures.point(0, 0), ReachFixtures.point(0, 10), ReachFixtures.point(0, -179)]
        let tree = SphericalKDTree(points: points)
        let degree = ReachFixtures.kilometresPerDegree
        let east = try #require(tree.nearest(to: ReachFixtures.point(0, 7)))
        #expect(east.index == 1)
        #expect(abs(east.kilometres - 3 * degree) < 1e-9)
        let dateLine = try #require(tree.nearest(to: ReachFixtures.point(0, 178)))
        #expect(dateLine.index == 2)
        #expect(abs(dateLine.kilometres - 3 * degree) < 1e-9)
        #expect(tree.indices(within: 3 * degree + 1e-6, of: ReachFixtures.point(0, 7)) == [1])
        #expect(tree.indices(within: 7 * degree + 1e-6, of: ReachFixtures.point(0, 7)) == [0, 1])
    }

    @Test("an empty tree has no nearest point and nothing within any radius")
    func empty() {
        let tree = SphericalKDTree(points: [])
        #expect(tree.isEmpty)
        #expect(tree.count == 0)
        #expect(tree.nearest(to: ReachFixtures.point(0, 0)) == nil)
        #expect(tree.indices(within: 30_000, of: ReachFixtures.point(0, 0)).isEmpty)
    }

    @Test("many queries in parallel give the same arrays every time")
    func deterministic() {
        var generator = SplitMix64(seed: 7)
        let data = SyntheticReachData(cityCount: 50, using: &generator)
        let facilities = data.points(count: 3000, spreadKilometres: 15, using: &generator)
        let events = data.points(count: 50_000, using: &generator)
        let tree = SphericalKDTree(points: facilities)
        let first = tree.nearest(to: events)
        #expect(first.count == events.count)
        #expect(SphericalKDTree(points: facilities).nearest(to: events) == first)
    }
}
