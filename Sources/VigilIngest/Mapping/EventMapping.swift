public import VigilCore

/// A declarative description of how one source's rows become overdose events.
///
/// Mappings are data, written as JSON: Vigil ships mappings for its own format and for public
/// data sets (`vigil`, `ct-ocme`, `allegheny-me`, `tempe-ems`), and a user can write one for a new
/// source without changing Vigil. README's "Mappings" section documents every key.
public struct EventMapping: Hashable, Sendable, Codable {
    /// The mapping's name, as given to `--mapping`.
    public var name: String
    /// What source the mapping reads, for people.
    public var description: String?
    /// The source system name used when the import names none.
    public var sourceSystem: String?
    /// The IANA time zone of local times that carry no UTC offset, such as `America/New_York`.
    public var timeZone: String?
    /// The column holding the source's record identifier. Without it, or where a row leaves it
    /// blank, the identifier is a hash of the row's text.
    public var recordID: ValueRule?
    /// When the event happened.
    public var occurredAt: DateRule
    /// Where it happened, as coordinates.
    public var location: LocationRule?
    /// The region it happened in.
    public var region: RegionRule?
    /// Fatal, nonfatal or unknown.
    public var outcome: ValueRule
    /// Whether naloxone was given.
    public var naloxone: NaloxoneRule?
    /// The substances, from any number of columns.
    public var substances: [SubstanceRule]
    /// The kind of reporting system.
    public var sourceKind: ValueRule
    /// The person's age or age band.
    public var age: AgeRule?
    /// The person's sex.
    public var sex: ValueRule?
    /// Notes for people reading the mapping (which columns are left out and why).
    public var notes: [String]?
}

/// Where a coded value comes from: a column (or the first non-blank of several), or a constant,
/// optionally translated through a table of source codes.
public struct ValueRule: Hashable, Sendable, Codable {
    /// The columns to read, first non-blank wins.
    public var columns: [String]?
    /// The value for every row.
    public var constant: String?
    /// Source codes translated to Vigil codes; keys match case-insensitively. A value not in the
    /// table is passed through unchanged.
    public var values: [String: String]?
    /// The value when every column is blank.
    public var `default`: String?
}

/// How to read the time of an event.
public struct DateRule: Hashable, Sendable, Codable {
    /// The columns to read, first non-blank wins.
    public var columns: [String]
    /// `iso8601` (`YYYY-MM-DD` or a date-time) or `MM/dd/yyyy` (US order, leading zeros optional,
    /// optionally followed by a time).
    public var format: String
}

/// How to read coordinates: two columns, or a point written inside text as `(lat, lon)`.
public struct LocationRule: Hashable, Sendable, Codable {
    /// The latitude column.
    public var latitude: String?
    /// The longitude column.
    public var longitude: String?
    /// Columns holding text with an embedded `(lat, lon)`; first usable wins.
    public var pointColumns: [String]?
    /// With `pointColumns`: use a point only when its label names a place (has a comma, as in
    /// `HARTFORD, CT`), not when it is a bare state label whose point is the state's centre.
    public var requirePlaceLabel: Bool?
}

/// How to find the region: a code column, a constant code, or county names with their states,
/// tried in order, with a state-level fallback.
public struct RegionRule: Hashable, Sendable, Codable {
    /// Columns holding region codes (county FIPS, state FIPS or ISO country).
    public var columns: [String]?
    /// One region code for every row.
    public var constant: String?
    /// County name columns, each with the column (or default) of its state, tried in order.
    public var counties: [CountyColumns]?
    /// The state code (USPS, FIPS or name) to use as the region when no county resolves.
    public var fallbackState: String?

    /// A county name column and where its state comes from.
    public struct CountyColumns: Hashable, Sendable, Codable {
        /// The county name column.
        public var county: String
        /// The state column (USPS code, FIPS code or name).
        public var state: String?
        /// The state when the state column is blank or absent.
        public var defaultState: String?
    }
}

/// How to read naloxone: a dose count, or a given/not-given flag.
public struct NaloxoneRule: Hashable, Sendable, Codable {
    /// A column with the number of doses (0 means not given).
    public var dosesColumn: String?
    /// A column with a flag.
    public var givenColumn: String?
    /// Flag values that mean given (case-insensitive); default `true`, `yes`, `y`, `1`.
    public var given: [String]?
    /// Flag values that mean not given; default `false`, `no`, `n`, `0`.
    public var notGiven: [String]?
    /// Flag values that mean unknown; default `na`, `unknown`, `u`.
    public var unknown: [String]?
}

/// One source of substance mentions.
public struct SubstanceRule: Hashable, Sendable, Codable {
    /// A yes/no column for one substance: a value starting with `Y` (or `P`, positive) is a
    /// mention; blank, `N` or `No` is none; any other text is kept as a free-text mention.
    public var flagColumn: String?
    /// The substance a flag column stands for.
    public var substance: String?
    /// Columns each holding a list of free-text mentions.
    public var listColumns: [String]?
    /// The separators of a list column; default `;`.
    public var separators: String?
    /// A mention added to every row (for a source that only holds one kind of event).
    public var constant: String?
    /// `suspected` or `confirmed`.
    public var certainty: SubstanceMention.Certainty
}

/// How to read age: a whole number of years, or a band label.
public struct AgeRule: Hashable, Sendable, Codable {
    /// A column with the age in years.
    public var yearsColumn: String?
    /// A column with an age band such as `25-34`.
    public var bandColumn: String?
}

