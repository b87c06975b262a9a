/// An identifier with its own type, so that an event's identifier cannot be passed where a batch's
/// is expected. It orders, prints and encodes as its raw value (the standard library supplies the
/// single-value `Codable` conformance of `RawRepresentable` types).
public protocol TypedIdentifier: RawRepresentable, Hashable, Comparable, Sendable, Codable, CustomStringConvertible
where RawValue: Comparable & CustomStringConvertible {}

extension TypedIdentifier {
    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }
    public var description: String { rawValue.description }
}
