import Foundation
import VigilCore

/// A point on the unit sphere in Earth-centred Cartesian coordinates: *x* towards (0°, 0°), *y* towards
/// (0°, 90° E), *z* towards the North Pole.
///
/// Straight-line distances between unit vectors are chords, which grow with the great-circle distance, so a
/// nearest neighbour by chord is a nearest neighbour on the sphere, near the poles and across the antimeridian
/// alike.
struct UnitVector: Hashable, Sendable {
    var x: Double
    var y: Double
    var z: Double

    init(x: Double, y: Double, z: Double) {
        self.x = x
        self.y = y
        self.z = z
    }

    /// The unit vector of a latitude and longitude.
    init(_ point: GeoPoint) {
        let radians = Double.pi / 180
        let latitude = point.latitude * radians
        let longitude = point.longitude * radians
        let cosLatitude = cos(latitude)
        self.init(x: cosLatitude * cos(longitude), y: cosLatitude * sin(longitude), z: sin(latitude))
    }

    /// The squared straight-line distance to another vector.
    @inline(__always) func squaredChord(to other: UnitVector) -> Double {
        let dx = x - other.x
        let dy = y - other.y
        let dz = z - other.z
        return dx * dx + dy * dy + dz * dz
    }
}
