/// An input that breaks a rule of the domain model: a coordinate out of range, a region code of the
/// wrong shape, an unknown outcome code.
///
/// The message says what was wrong and what to change; it repeats the offending value, which is a
/// code or a number, never a person's data.
public struct DomainError: Error, Hashable, Sendable, CustomStringConvertible {
    /// A stable, extensible error code.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Base: String, Hashable, Sendable {
            case invalidCoordinate, invalidRegionCode, invalidValue
        }
        private let base: Base
        /// A latitude or longitude is not finite or out of range.
        public static let invalidCoordinate = Code(base: .invalidCoordinate)
        /// A region code is not 2 letters (country), 2 digits (state) or 5 digits (county).
        public static let invalidRegionCode = Code(base: .invalidRegionCode)
        /// A coded value (outcome, sex, source kind, age band) that is not one of the allowed codes.
        public static let invalidValue = Code(base: .invalidValue)
        public var description: String { base.rawValue }
    }

    /// What kind of rule was broken.
    public var code: Code
    /// What went wrong, with which value, and what to change.
    public var message: String

    /// Creates an error.
    public init(code: Code, message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { message }
}
