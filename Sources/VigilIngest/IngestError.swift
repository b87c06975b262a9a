/// A failure that makes a whole input unusable: it cannot be read, it has no header, its header
/// lacks a column the mapping needs, or the mapping itself is invalid.
///
/// A bad *row* is not an `IngestError`: it becomes a ``VigilStore/RowIssue`` and the row goes to the
/// quarantine while the other rows are imported.
public struct IngestError: Error, Hashable, Sendable, CustomStringConvertible {
    /// A stable, extensible error code.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Base: String, Hashable, Sendable {
            case cannotRead, emptyInput, invalidHeader, missingColumn, invalidMapping, unknownMapping, invalidOption, invalidReference
        }
        private let base: Base
        /// The input could not be opened or read.
        public static let cannotRead = Code(base: .cannotRead)
        /// The input has no header line.
        public static let emptyInput = Code(base: .emptyInput)
        /// The header is not valid UTF-8, has an empty or repeated column name, or is malformed.
        public static let invalidHeader = Code(base: .invalidHeader)
        /// A column the mapping requires is not in the header.
        public static let missingColumn = Code(base: .missingColumn)
        /// The mapping file is not valid.
        public static let invalidMapping = Code(base: .invalidMapping)
        /// No built-in mapping has that name and no file exists at that path.
        public static let unknownMapping = Code(base: .unknownMapping)
        /// An import option is not valid (an unknown format, an empty source name).
        public static let invalidOption = Code(base: .invalidOption)
        /// A reference file (a watchlist) has a bad value or repeats an id.
        public static let invalidReference = Code(base: .invalidReference)
        public var description: String { base.rawValue }
    }

    /// What kind of failure.
    public var code: Code
    /// The file or other origin the error is about.
    public var origin: String
    /// The line, when the problem is on one line.
    public var line: Int?
    /// What went wrong and what to change.
    public var message: String

    /// Creates an error.
    public init(code: Code, origin: String, line: Int? = nil, message: String) {
        self.code = code
        self.origin = origin
        self.line = line
        self.message = message
    }

    public var description: String {
        line.map { "\(origin):\($0): \(message)" } ?? message
    }
}
