/// The places a token may see and write: the whole country, states or counties.
public struct Jurisdictions: Hashable, Sendable, Codable, CustomStringConvertible {
    /// The codes, sorted and without repeats: a country (`US`), 2-digit state or 5-digit county
    /// FIPS codes.
    public let codes: [RegionCode]

    /// Creates jurisdictions from codes.
    /// - Throws: ``DomainError`` when the list is empty or a code is not a country, state or county.
    public init(_ codes: [RegionCode]) throws(DomainError) {
        guard !codes.isEmpty else { throw DomainError(code: .invalidValue, message: "at least one jurisdiction is needed") }
        for code in codes where ![.country, .state, .county].contains(code.level) {
            throw DomainError(code: .invalidValue, message: "jurisdiction '\(code.rawValue)' is not the country, a state or a county")
        }
        self.codes = Array(Set(codes)).sorted()
    }

    /// Parses a comma-separated list such as `09,42003` or `US`.
    /// - Throws: ``DomainError`` naming the code that is not a region code.
    public init(parsing text: String) throws(DomainError) {
        var codes: [RegionCode] = []
        for part in text.split(separator: ",") { codes.append(try RegionCode(parsing: part)) }
        try self.init(codes)
    }

    /// Whether the whole country is covered (then events without a region are too).
    public var isNational: Bool { codes.contains { $0.level == .country } }

    /// Whether a region lies within these jurisdictions; a record without a region is national.
    public func covers(_ region: RegionCode?) -> Bool {
        if isNational { return true }
        guard let region else { return false }
        return codes.contains { code in
            code == region || (code.level == .state && region.level == .county && region.rawValue.hasPrefix(code.rawValue))
        }
    }

    public var description: String { codes.map(\.rawValue).joined(separator: ",") }
}
