/// A graph input or analysis parameter that cannot be used, with what to change.
///
/// The message names the input (line, column, node) and says what to fix. It never quotes more of a
/// record than the offending value, and node names appear only where the caller gave them (a path endpoint).
public struct NetworkError: Error, Hashable, Sendable, CustomStringConvertible {
    /// A stable, extensible error code.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Base: String, Hashable, Sendable {
            case invalidWeight, missingWeight, invalidEdge, invalidParameter, unknownNode, tooManyLinkTypes
        }
        private let base: Base
        /// A weight is not a number, is negative or zero, or is not finite.
        public static let invalidWeight = Code(base: .invalidWeight)
        /// Some edges have a weight and others do not.
        public static let missingWeight = Code(base: .missingWeight)
        /// An edge lacks its source or target, or names it in bytes that are not text.
        public static let invalidEdge = Code(base: .invalidEdge)
        /// A parameter is outside its domain (a negative resolution, a damping factor outside (0, 1)…).
        public static let invalidParameter = Code(base: .invalidParameter)
        /// A node named by the caller is not in the graph.
        public static let unknownNode = Code(base: .unknownNode)
        /// The edges carry more distinct link types than a graph can hold.
        public static let tooManyLinkTypes = Code(base: .tooManyLinkTypes)
        public var description: String { base.rawValue }
    }

    /// What kind of failure.
    public var code: Code
    /// What went wrong, with which input, and what to change.
    public var message: String
    /// The 1-based line of the input the failure was found on, when the edges came from a file.
    public var line: Int?
    /// The column of the input, when the failure concerns one cell.
    public var column: String?

    /// Creates an error.
    public init(code: Code, message: String, line: Int? = nil, column: String? = nil) {
        self.code = code
        self.message = message
        self.line = line
        self.column = column
    }

    public var description: String {
        switch (line, column) {
        case (let line?, let column?): "line \(line), column '\(column)': \(message)"
        case (let line?, nil): "line \(line): \(message)"
        default: message
        }
    }

    static func parameter(_ message: String) -> NetworkError { NetworkError(code: .invalidParameter, message: message) }
}
