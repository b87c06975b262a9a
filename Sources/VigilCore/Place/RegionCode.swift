/// The code of a place at one of three levels: an ISO 3166-1 alpha-2 country (`US`), a US state
/// FIPS code (`09`), or a US county FIPS code (`09009`).
///
/// The level follows from the shape of the code, so one column can hold any of them. A code of
/// the right shape may still be unknown; ``RegionCatalog`` says which codes exist.
public struct RegionCode: RawRepresentable, Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    /// The administrative level of a region.
    public enum Level: String, Hashable, Sendable, Codable {
        /// A country (ISO 3166-1 alpha-2).
        case country
        /// A US state, DC or territory (2-digit FIPS).
        case state
        /// A US county or county-equivalent (5-digit FIPS).
        case county
    }

    /// The code as text.
    public let rawValue: String

    /// Accepts 2 upper-case ASCII letters, 2 ASCII digits or 5 ASCII digits; `nil` otherwise.
    public init?(rawValue: String) {
        let bytes = Array(rawValue.utf8)
        let allDigits = bytes.allSatisfy { $0 >= 48 && $0 <= 57 }
        let allUpper = bytes.allSatisfy { $0 >= 65 && $0 <= 90 }
        guard (bytes.count == 2 && (allDigits || allUpper)) || (bytes.count == 5 && allDigits) else { return nil }
        self.rawValue = rawValue
    }

    /// Parses a code, also accepting 4-digit county and 1-digit state codes whose leading zero a
    /// spreadsheet dropped, and lower-case country codes.
    /// - Throws: ``DomainError`` `invalidRegionCode` for any other text.
    public init(parsing text: some StringProtocol) throws(DomainError) {
        if let exact = RegionCode(rawValue: String(text)) {
            self = exact
            return
        }
        var trimmed = String(text.trimmingWhitespace())
        if trimmed.utf8.count == 4 || trimmed.utf8.count == 1, trimmed.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }) {
            trimmed = "0" + trimmed
        }
        guard let code = RegionCode(rawValue: trimmed.utf8.allSatisfy({ $0 < 128 }) ? trimmed.uppercased() : trimmed)
        else {
            throw DomainError(
                code: .invalidRegionCode,
                message: "region '\(text)' is not a region code: use a 5-digit county FIPS code (09009), "
                    + "a 2-digit state FIPS code (09) or a 2-letter ISO country code (US)")
        }
        self = code
    }

    /// The level the code's shape implies.
    public var level: Level {
        if rawValue.utf8.count == 5 { return .county }
        return rawValue.utf8.first.map { $0 >= 65 } == true ? .country : .state
    }

    /// For a county, the code of its state (the first two digits); for a state, itself.
    public var stateCode: RegionCode? {
        switch level {
        case .county: RegionCode(rawValue: String(rawValue.prefix(2)))
        case .state: self
        case .country: nil
        }
    }

    public var description: String { rawValue }

    public static func < (lhs: RegionCode, rhs: RegionCode) -> Bool { lhs.rawValue < rhs.rawValue }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        do {
            try self.init(parsing: text)
        } catch {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: error.message)
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}
