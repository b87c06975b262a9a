import Foundation

extension GeoPoint {
    /// The mean Earth radius (IUGG), in kilometres, that great-circle distances use.
    public static let earthRadiusKilometres = 6371.0088

    /// The great-circle distance to another point on a sphere of ``earthRadiusKilometres``, by the
    /// haversine formula (accurate for antipodes and for points metres apart).
    public func distanceKilometres(to other: GeoPoint) -> Double {
        let radians = Double.pi / 180
        let halfLatitude = (other.latitude - latitude) * radians / 2
        let halfLongitude = (other.longitude - longitude) * radians / 2
        let a = sin(halfLatitude) * sin(halfLatitude)
            + cos(latitude * radians) * cos(other.latitude * radians) * sin(halfLongitude) * sin(halfLongitude)
        return 2 * Self.earthRadiusKilometres * asin(min(1, a.squareRoot()))
    }
}
