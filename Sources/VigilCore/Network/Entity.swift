/// The identifier of an entity, as its source gives it (`P17`, `caviar:n1`).
public struct EntityID: TypedIdentifier {
    /// The identifier.
    public let rawValue: String
    /// Accepts any non-empty text without leading or trailing spaces.
    public init?(rawValue: String) {
        guard !rawValue.isEmpty, rawValue.trimmingWhitespace().count == rawValue.count else { return nil }
        self.rawValue = rawValue
    }
}

/// Where a record came from: the data set or file, and the record within it.
public struct RecordSource: Hashable, Sendable, Codable {
    /// The data set or file.
    public var source: String
    /// The record or line within it.
    public var record: String?

    /// Creates a record source.
    public init(source: String, record: String? = nil) {
        self.source = source
        self.record = record
    }
}

/// A person, organisation, address, phone, account, vehicle, seizure or case of a network.
public struct Entity: Hashable, Sendable, Codable, Identifiable {
    /// The identifier.
    public var id: EntityID
    /// What kind of thing it is.
    public var schema: EntitySchema
    /// Its name or caption (a person's or company's name, a phone number, an address line).
    public var name: String
    /// Further properties, each with one or more values.
    public var properties: [EntityProperty: [String]]
    /// Where the record came from.
    public var provenance: RecordSource?

    /// Creates an entity.
    public init(id: EntityID, schema: EntitySchema, name: String, properties: [EntityProperty: [String]] = [:], provenance: RecordSource? = nil) {
        self.id = id
        self.schema = schema
        self.name = name
        self.properties = properties
        self.provenance = provenance
    }
}
