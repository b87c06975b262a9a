public import VigilCore

/// Which events a query covers. Every condition is optional; all given conditions must hold.
public struct EventFilter: Hashable, Sendable {
    /// A region; a state code also matches every county in that state.
    public var region: RegionCode?
    /// The first local date included.
    public var from: CalendarDate?
    /// The last local date included.
    public var to: CalendarDate?
    /// Events that mention this substance (suspected or confirmed).
    public var substance: SubstanceID?
    /// Events with this outcome.
    public var outcome: Outcome?
    /// Only events within these jurisdictions (a caller's reach); `nil` for no restriction.
    public var jurisdictions: Jurisdictions?
    /// Only events listed after this one (keyset pagination of event lists).
    public var after: EventCursor?
    /// At most this many events (queries that list events only).
    public var limit: Int?

    /// Creates a filter; with no arguments it matches every event.
    public init(
        region: RegionCode? = nil, from: CalendarDate? = nil, to: CalendarDate? = nil, substance: SubstanceID? = nil,
        outcome: Outcome? = nil, jurisdictions: Jurisdictions? = nil, after: EventCursor? = nil, limit: Int? = nil
    ) {
        self.jurisdictions = jurisdictions
        self.after = after
        self.region = region
        self.from = from
        self.to = to
        self.substance = substance
        self.outcome = outcome
        self.limit = limit
    }
}

/// Where an event stands in the order of event lists (local date, source system, source record),
/// for resuming a listing after it.
public struct EventCursor: Hashable, Sendable {
    /// The event's local date.
    public var localDate: CalendarDate
    /// The event's source system.
    public var sourceSystem: SourceSystemID
    /// The event's record identifier in its source.
    public var sourceRecordID: String

    /// The position of an event.
    public init(after event: OverdoseEvent) {
        localDate = event.occurredAt.localDate
        sourceSystem = event.provenance.sourceSystem
        sourceRecordID = event.provenance.sourceRecordID
    }

    /// Creates a cursor from its parts.
    public init(localDate: CalendarDate, sourceSystem: SourceSystemID, sourceRecordID: String) {
        self.localDate = localDate
        self.sourceSystem = sourceSystem
        self.sourceRecordID = sourceRecordID
    }
}

/// A dimension to count events by.
public enum TallyDimension: String, Hashable, Sendable, CaseIterable {
    /// The calendar year of the local date.
    case year
    /// The region code (events without a region are counted under the empty key).
    case region
    /// The catalogue substance; unrecognised mentions count under `unknown:<text>`.
    case substance
    /// The outcome.
    case outcome
    /// The source system.
    case sourceSystem
}

/// The number of events for one value of a dimension.
public struct Tally: Hashable, Sendable, Codable {
    /// The value (a year, region code, substance identifier…).
    public var key: String
    /// The number of events.
    public var count: Int

    /// Creates a tally row.
    public init(key: String, count: Int) {
        self.key = key
        self.count = count
    }
}

/// How events are split into count series.
public enum SeriesGrouping: String, Hashable, Sendable, CaseIterable {
    /// One series per region.
    case region
    /// One series per region and catalogue substance (an event counts once in each substance it
    /// mentions).
    case regionAndSubstance = "region,substance"
    /// One series per region and outcome.
    case regionAndOutcome = "region,outcome"
}

/// The number of events on one local day in one series.
public struct DailyCount: Hashable, Sendable {
    /// The region of the series.
    public var region: RegionCode
    /// The second key of the series (a substance identifier or outcome), when grouped by two.
    public var subgroup: String?
    /// The local date.
    public var date: CalendarDate
    /// The number of events.
    public var count: Int

    /// Creates a count.
    public init(region: RegionCode, subgroup: String?, date: CalendarDate, count: Int) {
        self.region = region
        self.subgroup = subgroup
        self.date = date
        self.count = count
    }
}
