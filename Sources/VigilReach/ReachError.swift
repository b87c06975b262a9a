/// An access or placement input that cannot be used, with what to change.
///
/// The message names the parameter or the input (a facility kind, a region code, a candidate or demand index)
/// and says what to fix. It never quotes coordinates of events, only counts, indices and codes.
public struct ReachError: Error, Hashable, Sendable, CustomStringConvertible {
    /// A stable, extensible error code.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Base: String, Hashable, Sendable {
            case invalidParameter, invalidWeight, noDemand, noFacilities, budgetExceedsCandidates, instanceTooLarge
        }
        private let base: Base
        /// A parameter is outside its domain: a radius that is not positive, a budget below 1, a distance
        /// threshold that is negative or not finite, a population below 1, a coverage list naming a demand point
        /// that does not exist.
        public static let invalidParameter = Code(base: .invalidParameter)
        /// A demand weight is negative or not finite, or the weights do not match the demand points in number.
        public static let invalidWeight = Code(base: .invalidWeight)
        /// A placement problem has no demand points to cover.
        public static let noDemand = Code(base: .noDemand)
        /// There is no facility of the kind an analysis needs.
        public static let noFacilities = Code(base: .noFacilities)
        /// The budget asks for more sites than there are candidates.
        public static let budgetExceedsCandidates = Code(base: .budgetExceedsCandidates)
        /// An instance is too large for the exact solver.
        public static let instanceTooLarge = Code(base: .instanceTooLarge)
        public var description: String { base.rawValue }
    }

    /// What kind of failure.
    public var code: Code
    /// What went wrong, with which input, and what to change.
    public var message: String

    /// Creates an error.
    public init(code: Code, message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { message }

    static func parameter(_ message: String) -> ReachError { ReachError(code: .invalidParameter, message: message) }
}
