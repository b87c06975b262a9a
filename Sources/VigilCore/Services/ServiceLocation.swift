/// The identifier of a service location: its source and the record within it (`source:record`).
public struct ServiceLocationID: TypedIdentifier {
    /// The text of the identifier.
    public let rawValue: String
    /// Wraps a stored identifier.
    public init(rawValue: String) { self.rawValue = rawValue }
    /// The identifier of a record of a source.
    public init(source: SourceSystemID, recordID: String) { rawValue = source.rawValue + ":" + recordID }
}

/// What a service location offers.
public enum ServiceKind: String, Hashable, Sendable, Codable, CaseIterable {
    /// An opioid treatment programme (methadone and buprenorphine dispensed under SAMHSA certification).
    case otp
    /// Any other substance use treatment facility.
    case treatment
    /// A naloxone distribution point (pharmacy, vending machine, community site).
    case naloxone
    /// An outreach site (syringe services, mobile unit stop, drop-in centre).
    case outreach
}

/// A place where people at risk of overdose can get treatment, naloxone or outreach.
public struct ServiceLocation: Hashable, Sendable, Codable, Identifiable {
    /// The identifier.
    public var id: ServiceLocationID
    /// What it offers.
    public var kind: ServiceKind
    /// Its name.
    public var name: String
    /// Where it is.
    public var location: GeoPoint
    /// The county it is in, when known.
    public var region: RegionCode?
    /// Its street address, city and ZIP code, as the source gives them (ZIP codes with their leading zeros).
    public var address: String?
    /// How many people it can serve (slots, patients), when the source says.
    public var capacity: Int?
    /// Opening hours, as the source writes them.
    public var hours: String?

    /// Creates a service location.
    public init(
        id: ServiceLocationID, kind: ServiceKind, name: String, location: GeoPoint, region: RegionCode? = nil, address: String? = nil,
        capacity: Int? = nil, hours: String? = nil
    ) {
        self.id = id
        self.kind = kind
        self.name = name
        self.location = location
        self.region = region
        self.address = address
        self.capacity = capacity
        self.hours = hours
    }
}
