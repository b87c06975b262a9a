/// What a link between two entities says.
public enum LinkKind: String, Hashable, Sendable, Codable, CaseIterable {
    case ownership, directorship, employment, family, associate, communication, payment
    case shipmentSender = "shipment_sender"
    case shipmentReceiver = "shipment_receiver"
    /// The party a manifest names to be notified of a shipment's arrival.
    case shipmentNotify = "shipment_notify"
    case seizureInvolvement = "seizure_involvement"
    case locatedAt = "located_at"

    /// The schemata a link of this kind may start and end at; `nil` when any is allowed.
    public var allowedEnds: (source: Set<EntitySchema>, target: Set<EntitySchema>)? {
        let parties: Set<EntitySchema> = [.person, .organization, .company]
        let assets: Set<EntitySchema> = [.company, .organization, .vehicle, .vessel, .bankAccount, .cryptoWallet, .address, .phone, .email]
        let money: Set<EntitySchema> = parties.union([.bankAccount, .cryptoWallet])
        let channels: Set<EntitySchema> = parties.union([.phone, .email])
        switch self {
        case .ownership: return (parties, assets)
        case .directorship, .employment: return ([.person], [.organization, .company])
        case .family: return ([.person], [.person])
        case .associate: return (parties, parties)
        case .communication: return (channels, channels)
        case .payment: return (money, money)
        case .shipmentSender, .shipmentReceiver, .shipmentNotify: return (parties, [.seizure, .case, .shipment])
        case .seizureInvolvement: return (parties.union([.vehicle, .vessel, .address, .phone]), [.seizure, .case])
        case .locatedAt: return (parties.union([.vehicle, .vessel, .seizure, .phone]), [.address])
        }
    }
}

/// The identifier of a link.
public struct LinkID: TypedIdentifier {
    /// The identifier.
    public let rawValue: String
    /// Accepts any non-empty text.
    public init?(rawValue: String) {
        guard !rawValue.isEmpty else { return nil }
        self.rawValue = rawValue
    }
}

/// A typed, directed relationship between two entities, with an optional time interval, weight
/// (a count of calls, an amount) and provenance. Undirected relations (family, associate) are
/// stored in the direction given.
public struct Link: Hashable, Sendable, Codable, Identifiable {
    /// The identifier.
    public var id: LinkID
    /// What the link says.
    public var kind: LinkKind
    /// Where it starts.
    public var source: EntityID
    /// Where it ends.
    public var target: EntityID
    /// When it began.
    public var start: CalendarDate?
    /// When it ended.
    public var end: CalendarDate?
    /// Its weight, 0 or more.
    public var weight: Double?
    /// Where the record came from.
    public var provenance: RecordSource?

    /// Creates a link.
    public init(
        id: LinkID, kind: LinkKind, source: EntityID, target: EntityID, start: CalendarDate? = nil, end: CalendarDate? = nil,
        weight: Double? = nil, provenance: RecordSource? = nil
    ) {
        self.id = id
        self.kind = kind
        self.source = source
        self.target = target
        self.start = start
        self.end = end
        self.weight = weight
        self.provenance = provenance
    }
}
