public import VigilCore

/// A watchlist entry found on a manifest line: which entry, by which rule, and how sure.
public struct PrecursorMatch: Hashable, Sendable, Codable {
    /// How the entry was recognised.
    public enum Rule: Hashable, Sendable, Codable, CustomStringConvertible {
        /// A listed CAS number, declared or written in the description.
        case cas
        /// A listed CAS number whose check digit is wrong: the digits before it are a listed number's.
        case casWithWrongCheckDigit
        /// The preferred name, spelled as listed (case aside).
        case exactName
        /// A synonym or abbreviation, spelled as listed (case aside).
        case synonym
        /// A name or synonym once case, spaces, hyphens and other punctuation are set aside.
        case normalizedName
        /// An ester or salt named from a listed acid's name, which the listing covers.
        case coverage(ControlledChemical.Coverage)
        /// A multi-word name with its words in another order.
        case wordOrder
        /// A name with misspelled words, within the allowed number of edits.
        case fuzzy(distance: Int)

        /// The rule as the screening output writes it.
        public var description: String {
            switch self {
            case .cas: "cas"
            case .casWithWrongCheckDigit: "cas-check-digit"
            case .exactName: "exact-name"
            case .synonym: "synonym"
            case .normalizedName: "normalised-name"
            case .coverage(let coverage): "coverage-\(coverage.rawValue)"
            case .wordOrder: "word-order"
            case .fuzzy(let distance): "fuzzy-\(distance)"
            }
        }
    }

    /// The entry.
    public var chemical: ChemicalID
    /// The rule.
    public var rule: Rule
    /// How likely the line really is this chemical, from 0 to 1 (see ``PrecursorMatcher``).
    public var confidence: Double
    /// The name, synonym or CAS number that matched.
    public var matchedForm: String
    /// Whether the line names a salt or hydrate of the chemical.
    public var isSaltForm: Bool

    /// Creates a match.
    public init(chemical: ChemicalID, rule: Rule, confidence: Double, matchedForm: String, isSaltForm: Bool = false) {
        self.chemical = chemical
        self.rule = rule
        self.confidence = confidence
        self.matchedForm = matchedForm
        self.isSaltForm = isSaltForm
    }
}
