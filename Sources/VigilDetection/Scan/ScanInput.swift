import Foundation
public import VigilCore

/// Where a scan location is: geographic coordinates (distances on the sphere) or planar x/y.
public enum ScanCoordinate: Hashable, Sendable, Codable {
    /// Latitude and longitude in degrees (WGS84).
    case geographic(latitude: Double, longitude: Double)
    /// Planar coordinates in kilometres.
    case cartesian(x: Double, y: Double)

    /// The point in 3-D, as SaTScan places it: geographic points on a sphere of radius 6367 km,
    /// planar points at z = 0. Distances between these points are chord (straight-line) distances.
    var point: SIMD3<Double> {
        switch self {
        case .geographic(let latitude, let longitude):
            let (phi, lambda) = (latitude * .pi / 180, longitude * .pi / 180)
            let radius = 6367.0
            return SIMD3(radius * cos(phi) * cos(lambda), radius * cos(phi) * sin(lambda), radius * sin(phi))
        case .cartesian(let x, let y):
            return SIMD3(x, y, 0)
        }
    }
}

/// The input of a space-time scan: locations, the study days and the case count of every location
/// on every day.
public struct ScanInput: Sendable {
    /// The location identifiers, in input order.
    public let locationIDs: [String]
    /// The location coordinates, in the same order.
    public let coordinates: [ScanCoordinate]
    /// The study days, consecutive, the last one being the "as of" day of a prospective analysis.
    public let days: [CalendarDate]
    /// Case counts, location-major: `counts[location * days.count + day]`.
    public let counts: [Int]
    /// The population at risk of each location, for the Poisson model.
    public let population: [Double]?

    /// Creates an input.
    /// - Precondition: the sizes agree and counts are not negative (readers check files first).
    public init(
        locationIDs: [String], coordinates: [ScanCoordinate], days: [CalendarDate], counts: [Int], population: [Double]? = nil
    ) {
        precondition(locationIDs.count == coordinates.count, "one coordinate per location")
        precondition(counts.count == locationIDs.count * days.count, "one count per location and day")
        precondition(counts.allSatisfy { $0 >= 0 }, "counts are never negative")
        self.locationIDs = locationIDs
        self.coordinates = coordinates
        self.days = days
        self.counts = counts
        self.population = population
    }

    /// The total number of cases.
    public var totalCases: Int { counts.reduce(0, +) }
}

