/// A failure of the store that is not a database error passed through: a database file that
/// cannot be opened, a schema newer than this program, a stored value that no longer decodes.
public struct StoreError: Error, Hashable, Sendable, CustomStringConvertible {
    /// A stable, extensible error code.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Base: String, Hashable, Sendable {
            case cannotOpen, schemaTooNew, corruptValue, unknownBatch, unknownAlert, invalidTransition, conflict, unknownScreeningLine, unknownEntity
        }
        private let base: Base
        /// The database could not be opened or created.
        public static let cannotOpen = Code(base: .cannotOpen)
        /// The database was written by a newer Vigil with migrations this one does not know.
        public static let schemaTooNew = Code(base: .schemaTooNew)
        /// A stored value could not be read back into the domain model.
        public static let corruptValue = Code(base: .corruptValue)
        /// A batch identifier that the store does not have.
        public static let unknownBatch = Code(base: .unknownBatch)
        /// An alert identifier that the store does not have.
        public static let unknownAlert = Code(base: .unknownAlert)
        /// A status change an alert does not allow (closed alerts stay closed).
        public static let invalidTransition = Code(base: .invalidTransition)
        /// A record with the same identity is already stored.
        public static let conflict = Code(base: .conflict)
        /// A screening run, or a line of it, that the store does not have.
        public static let unknownScreeningLine = Code(base: .unknownScreeningLine)
        /// A link whose ends are not stored entities.
        public static let unknownEntity = Code(base: .unknownEntity)
        public var description: String { base.rawValue }
    }

    /// What kind of failure.
    public var code: Code
    /// What happened and what to do. Never contains record contents.
    public var message: String

    /// Creates an error.
    public init(code: Code, message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { message }
}
