/// A detection input or parameter that cannot be used, with what to change.
public struct DetectionError: Error, Hashable, Sendable, CustomStringConvertible {
    /// A stable, extensible error code.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Base: String, Hashable, Sendable { case invalidParameter, invalidSeries, invalidInput }
        private let base: Base
        /// A parameter is outside its domain (alpha not in (0, 1), a negative k…).
        public static let invalidParameter = Code(base: .invalidParameter)
        /// A series is malformed (negative counts, gaps, mismatched lengths).
        public static let invalidSeries = Code(base: .invalidSeries)
        /// A series file cannot be read (a bad date, a duplicate date, mixed intervals).
        public static let invalidInput = Code(base: .invalidInput)
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

    static func parameter(_ message: String) -> DetectionError { DetectionError(code: .invalidParameter, message: message) }

    /// Checks a significance level: in [1e-12, 1), so that 1 − alpha stays representable.
    static func checkAlpha(_ alpha: Double) throws(DetectionError) {
        guard alpha >= 1e-12, alpha < 1 else {
            throw .parameter("alpha \(alpha) must be at least 1e-12 and below 1 (a probability such as 0.05)")
        }
    }
}
