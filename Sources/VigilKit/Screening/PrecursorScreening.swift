import Dispatch
import Foundation
public import VigilCore
public import VigilIngest
public import VigilPrecursors

/// Screens a manifest file against the watchlist, optionally reconciling it with a file of
/// pre-export notifications: the `vigil screen` use case.
///
/// The manifest is read and screened in chunks (matching on every core), so memory holds only the
/// lines reported: the flagged ones, or all with ``Options/includeAll``.
public struct PrecursorScreening: Sendable {
    /// What to screen and how.
    public struct Options: Sendable {
        /// The manifest (CSV or NDJSON).
        public var manifest: TableSource
        /// Pre-export notifications.
        public var notifications: TableSource?
        /// The manifest (and notification) layout: `vigil` or a mapping file.
        public var mapping: String
        /// Risk weights and rules (a JSON file), or the defaults.
        public var settings: RiskSettings
        /// Report every line, not only the flagged ones.
        public var includeAll: Bool
        /// Consignees already known, so not new.
        public var knownConsignees: [String]
        /// Lines per chunk.
        public var chunkSize: Int

        /// Creates options.
        public init(
            manifest: TableSource, notifications: TableSource? = nil, mapping: String = "vigil", settings: RiskSettings = .standard,
            includeAll: Bool = false, knownConsignees: [String] = [], chunkSize: Int = 20_000
        ) {
            self.manifest = manifest
            self.notifications = notifications
            self.mapping = mapping
            self.settings = settings
            self.includeAll = includeAll
            self.knownConsignees = knownConsignees
            self.chunkSize = chunkSize
        }
    }

    /// A reported line with the file line it came from.
    public struct Row: Hashable, Sendable, Codable {
        /// The manifest file line.
        public var fileLine: Int
        /// The line's description.
        public var description: String
        /// The line's consignee.
        public var consignee: String?
        /// The screening.
        public var screened: ScreenedLine
    }

    /// The outcome of a screening.
    public struct Report: Sendable {
        /// The watchlist version used.
        public var watchlistVersion: String
        /// Lines screened.
        public var linesScreened: Int
        /// Lines flagged.
        public var linesFlagged: Int
        /// The reported lines, highest risk first (then file order).
        public var rows: [Row]
        /// Problems in the manifest and notification files, line by line.
        public var issues: [LineIssue]
        /// Optional manifest fields the file has no column for.
        public var absentFields: [String]
        /// Whether notifications were checked.
        public var checkedNotifications: Bool
        /// Notifications no line matched.
        public var unusedNotifications: [PreExportNotification]
        /// Notifications whose substance is not on the watchlist.
        public var unrecognisedNotifications: [PreExportNotification]
        /// Flagged lines of listed chemicals that no notification covers.
        public var linesWithoutNotification: [Row]
        /// Every consignee the manifest names, once each.
        public var consignees: [String]
    }

    private let watchlist: Watchlist

    /// Screens a chunk while the next one is read, on another thread: reading is sequential, so
    /// overlapping it with matching keeps both cores busy.
    private static func screen(
        _ chunk: ManifestReader.Chunk, with screening: ManifestScreening, readingNextFrom reader: ManifestReader, limit: Int
    ) throws -> (screened: [ScreenedLine], next: ManifestReader.Chunk) {
        // Safe: the two iterations touch disjoint state (one the reader and `next`, the other the
        // screening and `screened`), and both are read only after concurrentPerform returns.
        nonisolated(unsafe) var next: Result<ManifestReader.Chunk, any Error>?
        nonisolated(unsafe) var screened: [ScreenedLine] = []
        nonisolated(unsafe) let (reader, screening) = (reader, screening)
        DispatchQueue.concurrentPerform(iterations: 2) { part in
            if part == 0 {
                next = Result { try reader.next(limit: limit) }
            } else {
                screened = screening.screen(chunk.lines)
            }
        }
        return (screened, try next!.get())
    }

    /// A screening against a watchlist.
    public init(watchlist: Watchlist) {
        self.watchlist = watchlist
    }

    /// Runs a screening.
    /// - Throws: ``VigilIngest/IngestError`` when the manifest or notifications are unusable as a
    ///   whole; line problems are in the report.
    public func run(_ options: Options) throws -> Report {
        let mapping = try ManifestMapping.load(options.mapping)
        let index = WatchlistIndex(watchlist)
        var issues: [LineIssue] = []
        var book: NotificationBook?
        if let source = options.notifications {
            let (notifications, problems) = try NotificationReader.read(source, mapping: mapping)
            issues += problems
            book = NotificationBook(notifications, index: index)
        }
        let reader = try ManifestReader(options.manifest, mapping: mapping)
        let screening = ManifestScreening(
            index: index, settings: options.settings, notifications: book, knownConsignees: options.knownConsignees)
        var rows: [Row] = []
        var consignees: Set<String> = []
        var screenedCount = 0
        var flaggedCount = 0
        var chunk = try reader.next(limit: options.chunkSize)
        while !(chunk.lines.isEmpty && chunk.issues.isEmpty) {
            issues += chunk.issues
            let (screened, next) = try Self.screen(chunk, with: screening, readingNextFrom: reader, limit: options.chunkSize)
            for (offset, line) in screened.enumerated() {
                if let consignee = chunk.lines[offset].consignee { consignees.insert(consignee) }
                if line.isFlagged { flaggedCount += 1 }
                if line.isFlagged || options.includeAll {
                    rows.append(
                        Row(
                            fileLine: chunk.fileLines[offset], description: chunk.lines[offset].description,
                            consignee: chunk.lines[offset].consignee, screened: line))
                }
            }
            screenedCount += chunk.lines.count
            chunk = next
        }
        rows.sort { ($0.screened.risk, -$0.fileLine) > ($1.screened.risk, -$1.fileLine) }
        let reconciliation = screening.reconciliation()
        return Report(
            watchlistVersion: watchlist.version, linesScreened: screenedCount, linesFlagged: flaggedCount, rows: rows, issues: issues,
            absentFields: reader.absentFields, checkedNotifications: book != nil, unusedNotifications: reconciliation.unused,
            unrecognisedNotifications: reconciliation.unrecognised,
            linesWithoutNotification: rows.filter { $0.screened.reasons.contains { $0.factor == .noPEN } }, consignees: consignees.sorted())
    }
}
