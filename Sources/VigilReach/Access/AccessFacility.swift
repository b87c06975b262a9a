public import VigilCore

/// A place that offers prevention or treatment: an opioid treatment program, a naloxone distribution point…
public struct AccessFacility: Hashable, Sendable, Codable {
    /// What a facility offers, as a short stable key.
    ///
    /// The four common kinds are predefined; any other key works the same way. Kinds sort by their keys, and
    /// analyses report them in that order.
    public struct Kind: TypedIdentifier {
        /// The key, such as `otp`.
        public let rawValue: String

        /// Creates a kind from its key.
        public init(rawValue: String) { self.rawValue = rawValue }

        /// An opioid treatment program: methadone and buprenorphine dispensed under SAMHSA certification
        /// (`otp`).
        public static let otp = Kind(rawValue: "otp")
        /// Another treatment provider, such as a buprenorphine prescriber or a residential program (`treatment`).
        public static let treatment = Kind(rawValue: "treatment")
        /// A naloxone distribution point, such as a pharmacy or a vending machine (`naloxone`).
        public static let naloxone = Kind(rawValue: "naloxone")
        /// A harm-reduction or outreach service, such as a syringe services program (`outreach`).
        public static let outreach = Kind(rawValue: "outreach")
    }

    /// What the facility offers.
    public var kind: Kind
    /// Where it is.
    public var location: GeoPoint
    /// The region it is counted in, usually a county.
    public var region: RegionCode

    /// Creates a facility.
    public init(kind: Kind, location: GeoPoint, region: RegionCode) {
        self.kind = kind
        self.location = location
        self.region = region
    }
}
