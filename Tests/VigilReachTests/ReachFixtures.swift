import Foundation
import VigilCore
import VigilReach

/// Seeded random points and brute-force references for the VigilReach tests.
enum ReachFixtures {
    /// Kilometres per degree along a great circle on the mean Earth sphere.
    static let kilometresPerDegree = GreatCircle.earthRadiusKilometres * Double.pi / 180

    static func point(_ latitude: Double, _ longitude: Double) -> GeoPoint {
        try! GeoPoint(latitude: latitude, longitude: longitude)
    }

    /// Points spread over the whole sphere, with a third of them crowded near the poles and a third along the
    /// antimeridian, where latitude–longitude indexes usually fail.
    static func worldPoints(count: Int, using generator: inout SplitMix64) -> [GeoPoint] {
        (0..<count).map { index in
            switch index % 3 {
            case 0:
                // Uniform on the sphere.
                let latitude = asin(Double.random(in: -1...1, using: &generator)) * 180 / Double.pi
                return point(latitude, Double.random(in: -180...180, using: &generator))
            case 1:
                let latitude = Double.random(in: 84...90, using: &generator)
                return point(
                    Bool.random(using: &generator) ? latitude : -latitude,
                    Double.random(in: -180...180, using: &generator))
            default:
                let longitude = Double.random(in: 178...180, using: &generator)
                return point(
                    Double.random(in: -70...70, using: &generator),
                    Bool.random(using: &generator) ? longitude : -longitude)
            }
        }
    }

    /// The nearest point by brute-force haversine: the lowest index among the nearest.
    static func bruteNearest(_ query: GeoPoint, _ points: [GeoPoint]) -> (index: Int, kilometres: Double) {
        var best = (index: -1, kilometres: Double.infinity)
        for (index, point) in points.enumerated() {
            let distance = GreatCircle.haversineKilometres(from: query, to: point)
            if distance < best.kilometres { best = (index, distance) }
        }
        return best
    }

    /// Whether two distances agree to within rounding of the two formulas.
    static func agree(_ a: Double, _ b: Double, absolute: Double = 1e-7) -> Bool {
        abs(a - b) <= absolute + 1e-12 * max(abs(a), abs(b))
    }

    /// All `k`-subsets of `0..<n`, in lexicographic order.
    static func subsets(_ n: Int, _ k: Int) -> [[Int]] {
        guard k > 0 else { return [[]] }
        guard n >= k else { return [] }
        return subsets(n - 1, k - 1).map { $0 + [n - 1] } + subsets(n - 1, k)
    }

    /// The weight a set of candidates covers.
    static func coveredWeight(_ chosen: [Int], _ sets: [[Int]], _ weights: [Double]) -> Double {
        var covered = Set<Int>()
        for candidate in chosen { covered.formUnion(sets[candidate]) }
        return covered.sorted().reduce(0) { $0 + weights[$1] }
    }

    /// A random set-cover instance: `candidates` lists over `demand` points, each point in a list with
    /// probability `density`.
    static func randomSets(candidates: Int, demand: Int, density: Double, using generator: inout SplitMix64) -> [[Int]]
    {
        (0..<candidates).map { _ in (0..<demand).filter { _ in Double.random(in: 0..<1, using: &generator) < density } }
    }
}
