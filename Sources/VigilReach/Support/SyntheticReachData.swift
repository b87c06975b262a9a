import Foundation
public import VigilCore

/// Seeded synthetic events, facilities and candidate sites over the contiguous United States, for benchmarks.
///
/// Not data: points are drawn around made-up cities placed uniformly at random in the box 25°–49° N,
/// 124°–67° W (some fall in the sea), with city sizes following Zipf's law (weight 1 / rank), so that points
/// cluster the way overdoses and services do. Each point picks a city by weight and lies at a Gaussian offset
/// from it; a share of points is instead uniform over the box (rural background). Regions are 1° × 1° grid
/// cells with made-up 5-digit codes `9xxxx`, not counties.
///
/// The same generator state gives the same points on every platform. It is public so that the benchmark command
/// (`vigil bench access`) can make its inputs here and write them to CSV for the reference script
/// `Benchmarks/reach/ckdtree_baseline.py`; tests use it too.
public struct SyntheticReachData: Sendable {
    /// The southern edge of the box, in degrees.
    public static let south = 25.0
    /// The northern edge of the box, in degrees.
    public static let north = 49.0
    /// The western edge of the box, in degrees.
    public static let west = -124.0
    /// The eastern edge of the box, in degrees.
    public static let east = -67.0

    /// The city centres, largest first.
    public let cities: [GeoPoint]
    /// The running total of city weights, for drawing a city in proportion to its weight.
    let cumulativeWeights: [Double]

    /// Places the cities.
    ///
    /// - Parameters:
    ///   - cityCount: The number of cities (at least 1). Default 400.
    ///   - generator: The source of randomness; the caller owns its seed.
    public init(cityCount: Int = 400, using generator: inout some RandomNumberGenerator) {
        precondition(cityCount >= 1, "synthetic data needs at least one city")
        cities = (0..<cityCount).map { _ in Self.uniformPoint(using: &generator) }
        var total = 0.0
        cumulativeWeights = (1...cityCount).map { rank in
            total += 1 / Double(rank)
            return total
        }
    }

    /// Draws points around the cities.
    ///
    /// - Parameters:
    ///   - count: The number of points.
    ///   - spreadKilometres: The standard deviation of a point's offset from its city along each axis.
    ///     Default 25 km.
    ///   - backgroundShare: The share of points drawn uniformly over the box instead, 0…1. Default 0.1.
    ///   - generator: The source of randomness.
    /// - Returns: The points, all inside the box.
    public func points(
        count: Int, spreadKilometres: Double = 25, backgroundShare: Double = 0.1,
        using generator: inout some RandomNumberGenerator
    ) -> [GeoPoint] {
        var points: [GeoPoint] = []
        points.reserveCapacity(count)
        let kilometresPerDegree = GreatCircle.earthRadiusKilometres * Double.pi / 180
        let total = cumulativeWeights[cumulativeWeights.count - 1]
        for _ in 0..<count {
            if Double.random(in: 0..<1, using: &generator) < backgroundShare {
                points.append(Self.uniformPoint(using: &generator))
                continue
            }
            let draw = Double.random(in: 0..<total, using: &generator)
            let city = cities[min(cities.count - 1, cumulativeWeights.partitioningIndex { $0 > draw })]
            // Box–Muller: two independent standard normal offsets.
            let radius = (-2 * log(1 - Double.random(in: 0..<1, using: &generator))).squareRoot()
            let angle = 2 * Double.pi * Double.random(in: 0..<1, using: &generator)
            let north = radius * cos(angle) * spreadKilometres / kilometresPerDegree
            let east = radius * sin(angle) * spreadKilometres / kilometresPerDegree
            let latitude = city.latitude + north
            let longitude = city.longitude + east / cos(latitude * Double.pi / 180)
            points.append(Self.clampedPoint(latitude: latitude, longitude: longitude))
        }
        return points
    }

    /// Draws overdose events: ``points(count:spreadKilometres:backgroundShare:using:)`` with the defaults, each in
    /// its grid region.
    public func events(count: Int, using generator: inout some RandomNumberGenerator) -> [AccessEvent] {
        points(count: count, using: &generator).map { AccessEvent(region: Self.region(of: $0), location: $0) }
    }

    /// Draws facilities, closer to the cities than events (spread 15 km, 5 % background). Kinds are drawn with
    /// shares 1/8 `otp`, 3/8 `treatment`, 3/8 `naloxone`, 1/8 `outreach`.
    public func facilities(count: Int, using generator: inout some RandomNumberGenerator) -> [AccessFacility] {
        let kinds: [AccessFacility.Kind] = [
            .otp, .treatment, .treatment, .treatment, .naloxone, .naloxone, .naloxone, .outreach,
        ]
        return points(count: count, spreadKilometres: 15, backgroundShare: 0.05, using: &generator).map { point in
            AccessFacility(
                kind: kinds[Int.random(in: 0..<8, using: &generator)], location: point, region: Self.region(of: point))
        }
    }

    /// Made-up populations for the regions of some events: 10,000 plus 2,000 per event, so that rates are
    /// defined and vary.
    public static func populations(of events: [AccessEvent]) -> [RegionCode: Int] {
        var populations: [RegionCode: Int] = [:]
        for event in events { populations[event.region, default: 10_000] += 2_000 }
        return populations
    }

    /// The grid region of a point in the box: the 1° × 1° cell, as a made-up code `9xxxx`.
    public static func region(of point: GeoPoint) -> RegionCode {
        let row = min(23, max(0, Int((point.latitude - south).rounded(.down))))
        let column = min(56, max(0, Int((point.longitude - west).rounded(.down))))
        let cell = row * 57 + column
        return RegionCode(rawValue: "9" + String(repeating: "0", count: 4 - String(cell).count) + String(cell))!
    }

    private static func uniformPoint(using generator: inout some RandomNumberGenerator) -> GeoPoint {
        clampedPoint(
            latitude: Double.random(in: south...north, using: &generator),
            longitude: Double.random(in: west...east, using: &generator))
    }

    private static func clampedPoint(latitude: Double, longitude: Double) -> GeoPoint {
        // The clamp keeps both coordinates finite and inside the box, hence inside GeoPoint's ranges.
        try! GeoPoint(latitude: min(north, max(south, latitude)), longitude: min(east, max(west, longitude)))
    }
}

extension Array where Element == Double {
    /// The first index whose element satisfies `predicate`, for an array on which the predicate is false and then
    /// true (binary search).
    fileprivate func partitioningIndex(where predicate: (Double) -> Bool) -> Int {
        var low = 0
        var high = count
        while low < high {
            let middle = (low + high) / 2
            if predicate(self[middle]) { high = middle } else { low = middle + 1 }
        }
        return low
    }
}
