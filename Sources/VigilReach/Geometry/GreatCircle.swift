import Foundation
public import VigilCore

/// Great-circle distances on a spherical Earth.
///
/// Vigil measures access on a sphere of radius ``earthRadiusKilometres``, the IUGG mean Earth radius
/// R₁ = 6371.0088 km (Moritz, "Geodetic Reference System 1980", Journal of Geodesy 74, 2000). Latitudes are
/// used as given (geodetic, WGS84) as if they were spherical; the error against the ellipsoid is below 0.6 % of
/// the distance, far below the uncertainty of where an overdose or a facility is recorded.
///
/// Two forms are offered. ``haversineKilometres(from:to:)`` is the haversine formula on two points. The
/// spatial index instead works with unit vectors in 3D and the straight-line *chord* between them; a chord
/// *c* on the unit sphere and the great-circle distance *d* are related exactly by
/// *d* = 2 *R* asin(*c* / 2) and *c* = 2 sin(*d* / 2*R*), which ``kilometres(fromChord:)`` and
/// ``chord(fromKilometres:)`` compute.
public enum GreatCircle {
    /// The radius of the sphere, in kilometres: the IUGG mean Earth radius, 6371.0088 km.
    public static let earthRadiusKilometres = GeoPoint.earthRadiusKilometres

    /// Half the circumference of the sphere: no two points are farther apart, about 20,015.11 km.
    public static let maximumKilometres = Double.pi * earthRadiusKilometres

    /// The great-circle distance between two points by the haversine formula.
    ///
    /// - Parameters:
    ///   - start: One point.
    ///   - end: The other point.
    /// - Returns: The distance in kilometres on a sphere of radius ``earthRadiusKilometres``, 0…``maximumKilometres``.
    public static func haversineKilometres(from start: GeoPoint, to end: GeoPoint) -> Double { start.distanceKilometres(to: end) }

    /// The great-circle distance that a chord of the unit sphere spans.
    ///
    /// - Parameter chord: The straight-line distance between two unit vectors, 0…2 (larger values are treated
    ///   as 2).
    /// - Returns: 2 *R* asin(*chord* / 2), in kilometres.
    public static func kilometres(fromChord chord: Double) -> Double {
        2 * earthRadiusKilometres * asin(min(1, chord / 2))
    }

    /// The chord of the unit sphere that spans a great-circle distance.
    ///
    /// - Parameter kilometres: A distance along the sphere; values beyond ``maximumKilometres`` give the
    ///   diameter, 2.
    /// - Returns: 2 sin(*kilometres* / 2*R*), 0…2.
    public static func chord(fromKilometres kilometres: Double) -> Double {
        guard kilometres < maximumKilometres else { return 2 }
        return 2 * sin(max(0, kilometres) / (2 * earthRadiusKilometres))
    }
}
