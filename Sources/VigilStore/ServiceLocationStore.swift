public import VigilCore

/// Stores service locations: treatment facilities, opioid treatment programmes, naloxone points and outreach
/// sites. Locations are keyed by their ids, so importing a file again adds nothing.
public protocol ServiceLocationStore: Sendable {
    /// Stores locations whose ids are new, in one transaction; those already stored are left as they are.
    /// - Returns: How many were new.
    func insertServiceLocations(_ locations: [ServiceLocation]) async throws -> Int
    /// The locations of a kind (all kinds when `nil`) in a region (a state includes its counties; everywhere
    /// when `nil`), by id.
    func fetchServiceLocations(kind: ServiceKind?, region: RegionCode?) async throws -> [ServiceLocation]
}

/// How both backends read a service location back.
public enum ServiceLocationCoding {
    /// A location from its stored columns.
    /// - Throws: ``StoreError`` `corruptValue` for a value that does not decode.
    public static func location(
        id: String, kind: String, name: String, latitude: Double, longitude: Double, region: String?, address: String?, capacity: Int?,
        hours: String?
    ) throws -> ServiceLocation {
        guard let kind = ServiceKind(rawValue: kind), let point = try? GeoPoint(latitude: latitude, longitude: longitude) else {
            throw StoreError(code: .corruptValue, message: "stored service location \(id) does not decode")
        }
        return ServiceLocation(
            id: ServiceLocationID(rawValue: id), kind: kind, name: name, location: point, region: region.flatMap(RegionCode.init(rawValue:)),
            address: address, capacity: capacity, hours: hours)
    }
}
