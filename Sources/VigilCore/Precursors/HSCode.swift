/// A Harmonized System commodity code: the 6-digit international subheading, optionally extended
/// by a country to 8 or 10 digits (`2933.39`, `293339`, `2933.39.99.01`).
public struct HSCode: RawRepresentable, Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    /// The code's digits, 6 to 10 of them, without dots or spaces.
    public let rawValue: String

    /// Accepts 6 to 10 ASCII digits.
    public init?(rawValue: String) {
        guard (6...10).contains(rawValue.utf8.count), rawValue.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }) else { return nil }
        self.rawValue = rawValue
    }

    /// Parses a code written with or without dots, spaces or hyphens between its digit groups.
    /// - Throws: ``DomainError`` `invalidValue` for anything but 6 to 10 digits.
    public init(parsing text: String) throws(DomainError) {
        var count = 0
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): count += 1
            case UInt8(ascii: "."), UInt8(ascii: " "), UInt8(ascii: "-"), UInt8(ascii: "\t"): continue
            default: throw Self.shapeError(text)
            }
        }
        guard (6...10).contains(count) else { throw Self.shapeError(text) }
        // The digits, written straight into the string (codes are parsed for every manifest line).
        rawValue = String(unsafeUninitializedCapacity: count) { buffer in
            var written = 0
            for byte in text.utf8 where byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") {
                buffer[written] = byte
                written += 1
            }
            return written
        }
    }

    /// The 2-digit chapter (`29`, organic chemicals).
    public var chapter: String { String(rawValue.prefix(2)) }

    /// The 4-digit heading (`2933`).
    public var heading: String { String(rawValue.prefix(4)) }

    /// The 6-digit international subheading (`293339`), the part every country shares.
    public var subheading: String { String(rawValue.prefix(6)) }

    /// The code with dots between its groups: `2933.39`, `2933.39.99.01`.
    public var dotted: String {
        var groups = [heading, String(rawValue.dropFirst(4).prefix(2))]
        var rest = rawValue.dropFirst(6)
        while !rest.isEmpty {
            groups.append(String(rest.prefix(2)))
            rest = rest.dropFirst(2)
        }
        return groups.joined(separator: ".")
    }

    public var description: String { dotted }

    public static func < (lhs: HSCode, rhs: HSCode) -> Bool { lhs.rawValue < rhs.rawValue }

    private static func shapeError(_ text: String) -> DomainError {
        DomainError(
            code: .invalidValue,
            message: "'\(text)' is not an HS code: write 6 to 10 digits, with or without dots (2933.39 or 2933399901)")
    }
}
