/// The identifier of an overdose event: its source system and the record's identifier there,
/// written `source:record`. Importing the same record again yields the same identifier, which is
/// what makes imports idempotent.
public struct EventID: TypedIdentifier {
    /// The text `source:record`.
    public let rawValue: String
    /// Wraps stored text.
    public init(rawValue: String) { self.rawValue = rawValue }
    /// The identifier of record `recordID` in source `source`.
    public init(source: SourceSystemID, recordID: String) { rawValue = source.rawValue + ":" + recordID }
}

/// The name of a source system, such as `ct-ocme` or `tempe-fire`: a short label chosen at import.
public struct SourceSystemID: TypedIdentifier {
    /// The label.
    public let rawValue: String
    /// Wraps a label. It must be non-empty and must not contain `:`.
    public init?(rawValue: String) {
        guard !rawValue.isEmpty, !rawValue.contains(":") else { return nil }
        self.rawValue = rawValue
    }
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let value = SourceSystemID(rawValue: text) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "source '\(text)' is empty or has ':'")
        }
        self = value
    }
}

/// The identifier of one import run.
public struct ImportBatchID: TypedIdentifier {
    /// The store's number for the batch.
    public let rawValue: Int64
    /// Wraps a stored number.
    public init(rawValue: Int64) { self.rawValue = rawValue }
}

/// Where an event came from: enough to find the original record, nothing about the person.
public struct Provenance: Hashable, Sendable, Codable {
    /// The source system.
    public var sourceSystem: SourceSystemID
    /// The record's identifier in the source, or a content hash (`sha256:…#n`) when the source has
    /// none.
    public var sourceRecordID: String
    /// The import run that first stored the event; `nil` before it is stored.
    public var importBatch: ImportBatchID?

    /// Creates provenance.
    public init(sourceSystem: SourceSystemID, sourceRecordID: String, importBatch: ImportBatchID?) {
        self.sourceSystem = sourceSystem
        self.sourceRecordID = sourceRecordID
        self.importBatch = importBatch
    }
}

/// One overdose: when and where it happened, how it ended, what was involved and who reported it.
///
/// By design it holds no name, address, birth date or narrative: only a place (a point a source
/// has already coarsened, and/or a region), an age band and sex. An event has at least one of
/// ``location`` and ``region``.
public struct OverdoseEvent: Hashable, Sendable, Codable, Identifiable {
    /// The stable identifier, derived from the provenance.
    public var id: EventID { EventID(source: provenance.sourceSystem, recordID: provenance.sourceRecordID) }
    /// When it happened.
    public var occurredAt: OccurrenceTime
    /// Where it happened, when the source gives coordinates.
    public var location: GeoPoint?
    /// The region it happened in, when known.
    public var region: RegionCode?
    /// Fatal, non-fatal or unknown.
    public var outcome: Outcome
    /// Whether naloxone was given; `nil` when the source does not say.
    public var naloxone: Naloxone?
    /// The substances suspected or confirmed, in source order, without repeats.
    public var substances: [SubstanceMention]
    /// The kind of system that reported it.
    public var sourceKind: SourceKind
    /// The person's age band, when known.
    public var ageBand: AgeBand?
    /// The person's sex, when known.
    public var sex: Sex?
    /// Where the record came from.
    public var provenance: Provenance

    /// Creates an event.
    /// - Precondition: `location` or `region` is present.
    public init(
        occurredAt: OccurrenceTime, location: GeoPoint?, region: RegionCode?, outcome: Outcome, naloxone: Naloxone?,
        substances: [SubstanceMention], sourceKind: SourceKind, ageBand: AgeBand?, sex: Sex?, provenance: Provenance
    ) {
        precondition(location != nil || region != nil, "an overdose event needs a location or a region")
        self.occurredAt = occurredAt
        self.location = location
        self.region = region
        self.outcome = outcome
        self.naloxone = naloxone
        self.substances = substances
        self.sourceKind = sourceKind
        self.ageBand = ageBand
        self.sex = sex
        self.provenance = provenance
    }
}
