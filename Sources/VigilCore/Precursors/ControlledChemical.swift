/// The identifier of a watchlist entry: a stable lower-case slug such as `npp` or `4-ap`.
public struct ChemicalID: TypedIdentifier {
    /// The slug.
    public let rawValue: String
    /// Accepts lower-case ASCII letters, digits and hyphens, starting with a letter or digit.
    public init?(rawValue: String) {
        let bytes = rawValue.utf8
        guard let first = bytes.first, first != UInt8(ascii: "-"),
            bytes.allSatisfy({ ($0 >= 97 && $0 <= 122) || ($0 >= 48 && $0 <= 57) || $0 == UInt8(ascii: "-") })
        else { return nil }
        self.rawValue = rawValue
    }
}

/// One entry of the controlled-precursor watchlist: a chemical, the names it goes by, its
/// identifiers and what controls it. Facts only: names, identifiers, legal status, dates and
/// citations.
public struct ControlledChemical: Hashable, Sendable, Codable {
    /// The international control of the UN 1988 Convention.
    public enum UNTable: String, Hashable, Sendable, Codable {
        /// Table I.
        case tableI = "I"
        /// Table II.
        case tableII = "II"
    }

    /// What a listing says it also covers besides the chemical itself.
    public enum Coverage: String, Hashable, Sendable, Codable, CaseIterable {
        case salts, esters, ethers, isomers, halides, carbamates, amides, acetals
        case opticalIsomers = "optical-isomers"
    }

    /// A country's extension of the HS code, as a listing or tariff states it.
    public struct NationalCode: Hashable, Sendable, Codable {
        /// The national code.
        public var code: HSCode
        /// Whose tariff it is (`UK`, `EU`, `CN`, `US`).
        public var system: String

        /// Creates a national code.
        public init(code: HSCode, system: String) {
            self.code = code
            self.system = system
        }
    }

    /// The entry's identifier.
    public var id: ChemicalID
    /// The preferred name, as the regulation writes it.
    public var name: String
    /// Other names, systematic names and abbreviations.
    public var synonyms: [String]
    /// CAS numbers: the parent compound first, then listed salts, hydrates or isomers.
    public var casNumbers: [CASNumber]
    /// The 6-digit HS subheading the chemical is declared under.
    public var hsSubheading: HSCode?
    /// National extensions of the HS code.
    public var nationalCodes: [NationalCode]
    /// The UN 1988 Convention table, if listed there.
    public var unTable: UNTable?
    /// The US control (`List I`, `List II`, `Schedule II`), if any.
    public var usControl: String?
    /// The DEA chemical code number.
    public var usCode: String?
    /// What the listing also covers.
    public var coverage: Set<Coverage>
    /// What the chemical is a precursor or reagent for, where a source says so.
    public var family: String?
    /// When the controls took effect.
    public var since: String?
    /// The legal citations.
    public var citation: String?
    /// The watchlist's source ids.
    public var sources: [String]

    /// Creates an entry.
    public init(
        id: ChemicalID, name: String, synonyms: [String] = [], casNumbers: [CASNumber] = [], hsSubheading: HSCode? = nil,
        nationalCodes: [NationalCode] = [], unTable: UNTable? = nil, usControl: String? = nil, usCode: String? = nil,
        coverage: Set<Coverage> = [], family: String? = nil, since: String? = nil, citation: String? = nil, sources: [String] = []
    ) {
        self.id = id
        self.name = name
        self.synonyms = synonyms
        self.casNumbers = casNumbers
        self.hsSubheading = hsSubheading
        self.nationalCodes = nationalCodes
        self.unTable = unTable
        self.usControl = usControl
        self.usCode = usCode
        self.coverage = coverage
        self.family = family
        self.since = since
        self.citation = citation
        self.sources = sources
    }

    /// The controls in one phrase: `UN Table I; US List I`.
    public var controlSummary: String {
        var parts: [String] = []
        if let unTable { parts.append("UN Table \(unTable.rawValue)") }
        if let usControl { parts.append("US \(usControl)") }
        return parts.isEmpty ? "other listing (see citation)" : parts.joined(separator: "; ")
    }
}
