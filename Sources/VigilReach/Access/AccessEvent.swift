public import VigilCore

/// Where an overdose event happened, as the access analysis needs it: its region and its point.
///
/// Build these from ``VigilCore/OverdoseEvent`` values that have a location; events without a point cannot be
/// measured and are left out by the caller (and counted there).
public struct AccessEvent: Hashable, Sendable, Codable {
    /// The region the event is counted in, usually a county.
    public var region: RegionCode
    /// Where the event happened (often a randomised point or a centroid, for privacy).
    public var location: GeoPoint

    /// Creates an event.
    public init(region: RegionCode, location: GeoPoint) {
        self.region = region
        self.location = location
    }
}
