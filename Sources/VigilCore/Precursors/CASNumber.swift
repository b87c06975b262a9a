/// A CAS Registry Number: two to seven digits, two digits and a check digit, written with hyphens
/// (`39742-60-4`).
///
/// The check digit is the sum of the other digits, each multiplied by its position counted from the
/// right starting at 1, modulo 10. Parsing separates the two ways a number can be wrong: text that
/// is not shaped like a CAS number at all (``init(parsing:)`` throws), and a well-shaped number
/// whose check digit does not add up (``hasValidCheckDigit`` is `false`), which on a manifest is a
/// reason for suspicion rather than an input error.
public struct CASNumber: RawRepresentable, Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    /// The number in its canonical form, `NNNNNNN-NN-N` without leading zeros.
    public let rawValue: String

    /// Accepts only the canonical form with a correct check digit.
    public init?(rawValue: String) {
        guard let parsed = try? CASNumber(parsing: rawValue), parsed.rawValue == rawValue, parsed.hasValidCheckDigit
        else { return nil }
        self = parsed
    }

    /// Parses a CAS number written with hyphens, or as 5 to 10 bare digits; surrounding spaces and
    /// leading zeros are ignored. The check digit is not required to be right.
    /// - Throws: ``DomainError`` `invalidValue` when the text is not shaped like a CAS number.
    public init(parsing text: String) throws(DomainError) {
        let trimmed = text.trimmingWhitespace()
        var digits: [UInt8] = []
        var groups: [Int] = [0]
        for byte in trimmed.utf8 {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                digits.append(byte - UInt8(ascii: "0"))
                groups[groups.count - 1] += 1
            case UInt8(ascii: "-"):
                groups.append(0)
            default:
                throw Self.shapeError(text)
            }
        }
        let hyphenated = groups.count == 3 && (2...7).contains(groups[0]) && groups[1] == 2 && groups[2] == 1
        guard hyphenated || (groups.count == 1 && (5...10).contains(digits.count)) else { throw Self.shapeError(text) }
        while digits.count > 5, digits.first == 0 { digits.removeFirst() }
        let body = digits.dropLast(3).map { String($0) }.joined()
        let middle = digits.dropFirst(digits.count - 3).prefix(2).map { String($0) }.joined()
        rawValue = "\(body)-\(middle)-\(digits[digits.count - 1])"
    }

    /// Whether the last digit is the check digit of the others.
    public var hasValidCheckDigit: Bool {
        let digits = rawValue.utf8.filter { $0 != UInt8(ascii: "-") }.map { Int($0 - UInt8(ascii: "0")) }
        return Self.checkDigit(of: digits.dropLast()) == digits.last
    }

    /// The check digit the other digits call for.
    public var expectedCheckDigit: Int {
        Self.checkDigit(of: rawValue.utf8.filter { $0 != UInt8(ascii: "-") }.map { Int($0 - UInt8(ascii: "0")) }.dropLast())
    }

    public var description: String { rawValue }

    public static func < (lhs: CASNumber, rhs: CASNumber) -> Bool { lhs.rawValue < rhs.rawValue }

    private static func checkDigit(of digits: some BidirectionalCollection<Int>) -> Int {
        var sum = 0
        for (position, digit) in digits.reversed().enumerated() { sum += (position + 1) * digit }
        return sum % 10
    }

    private static func shapeError(_ text: String) -> DomainError {
        DomainError(
            code: .invalidValue,
            message: "'\(text)' is not a CAS Registry Number: write it as digits-2 digits-1 check digit, such as 39742-60-4")
    }
}
