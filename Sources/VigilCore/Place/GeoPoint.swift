/// A point on the WGS84 ellipsoid, in decimal degrees.
///
/// Vigil stores only what a source gives, which for privacy is usually a randomised point or a
/// city centroid, never an address. A `GeoPoint` always holds a finite latitude in −90…90 and a
/// finite longitude in −180…180.
public struct GeoPoint: Hashable, Sendable, Codable {
    /// Degrees north of the equator, −90…90.
    public let latitude: Double
    /// Degrees east of Greenwich, −180…180.
    public let longitude: Double

    /// Creates a point after checking both coordinates.
    /// - Throws: ``DomainError`` with code `invalidCoordinate` when a coordinate is not finite or
    ///   outside its range.
    public init(latitude: Double, longitude: Double) throws(DomainError) {
        guard latitude.isFinite, (-90...90).contains(latitude) else {
            throw DomainError(
                code: .invalidCoordinate,
                message: "latitude \(latitude) is outside −90…90; check that latitude and longitude are not swapped")
        }
        guard longitude.isFinite, (-180...180).contains(longitude) else {
            throw DomainError(code: .invalidCoordinate, message: "longitude \(longitude) is outside −180…180")
        }
        self.latitude = latitude
        self.longitude = longitude
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        try self.init(
            latitude: container.decode(Double.self, forKey: .latitude),
            longitude: container.decode(Double.self, forKey: .longitude))
    }
}
