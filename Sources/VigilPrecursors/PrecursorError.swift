/// A watchlist or screening setting that cannot be used: an empty watchlist, an id used twice, a
/// weight that is not a number.
public struct PrecursorError: Error, Hashable, Sendable, CustomStringConvertible {
    /// A stable, extensible error code.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Base: String, Hashable, Sendable { case emptyWatchlist, duplicateID, invalidSetting }
        private let base: Base
        /// The watchlist has no entries.
        public static let emptyWatchlist = Code(base: .emptyWatchlist)
        /// Two watchlist entries share an id.
        public static let duplicateID = Code(base: .duplicateID)
        /// A screening setting (weight, tolerance, window) is out of range.
        public static let invalidSetting = Code(base: .invalidSetting)
        public var description: String { base.rawValue }
    }

    /// What kind of failure.
    public var code: Code
    /// What went wrong and what to change.
    public var message: String

    /// Creates an error.
    public init(code: Code, message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { message }
}
