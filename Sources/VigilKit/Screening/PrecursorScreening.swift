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

    /// A row of a chunk made ready for assessment: its line (`nil` when it cannot be screened), its problems and
    /// its watchlist matches.
    private typealias Prepared = (line: ManifestLine?, issues: [LineIssue], matches: [PrecursorMatch])

    /// Turns a chunk's rows into lines and matches them on every worker, while one more thread
    /// reads the next chunk's cells (reading is sequential, so it overlaps the parallel work). The rows
    /// come in a buffer whose elements the caller moves out (sparing a copy of every line) and then frees.
    private static func prepare(
        _ cells: ManifestReader.Cells, with screening: ManifestScreening, readingNextFrom reader: ManifestReader, limit: Int
    ) throws -> (rows: UnsafeMutableBufferPointer<Prepared>, next: ManifestReader.Cells) {
        let count = cells.count
        // Safe: each worker writes only the slots of its own rows, the reader thread only `next`;
        // all are read after concurrentPerform returns. Matching worker `w` uses only matcher `w`.
        nonisolated(unsafe) var next: Result<ManifestReader.Cells, any Error>?
        nonisolated(unsafe) let (reader, screening) = (reader, screening)
        nonisolated(unsafe) let rows = UnsafeMutableBufferPointer<Prepared>.allocate(capacity: count)
        let workers = screening.workers
        DispatchQueue.concurrentPerform(iterations: workers + 1) { worker in
            guard worker < workers else {
                next = Result { try reader.nextCells(limit: limit) }
                return
            }
            for index in stride(from: worker, to: count, by: workers) {
                let (line, issues) = reader.line(at: index, in: cells)
                (rows.baseAddress! + index).initialize(to: (line, issues, line.map { screening.matches(of: $0, worker: worker) } ?? []))
            }
        }
        do {
            return (rows, try next!.get())
        } catch {
            rows.deinitialize().deallocate()
            throw error
        }
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
        // While this thread assesses a chunk (in order: risk depends on the lines before), the next chunk is
        // prepared in the background, and the one after it read.
        let limit = options.chunkSize
        let preparing = DispatchGroup()
        nonisolated(unsafe) var prepared: Result<(rows: UnsafeMutableBufferPointer<Prepared>, next: ManifestReader.Cells), any Error>?
        nonisolated(unsafe) let (sharedReader, sharedScreening) = (reader, screening)
        func startPreparing(_ cells: ManifestReader.Cells) {
            preparing.enter()
            DispatchQueue.global().async {
                prepared = Result { try Self.prepare(cells, with: sharedScreening, readingNextFrom: sharedReader, limit: limit) }
                preparing.leave()
            }
        }
        var cells = try reader.nextCells(limit: limit)
        if cells.count > 0 { startPreparing(cells) }
        while cells.count > 0 {
            preparing.wait()
            let (chunk, next) = try prepared!.get()
            defer { chunk.deallocate() }  // every element is moved out below
            if next.count > 0 { startPreparing(next) }
            for offset in chunk.indices {
                let (line, lineIssues, matches) = (chunk.baseAddress! + offset).move()
                issues += lineIssues
                guard let line else { continue }
                screenedCount += 1
                if let consignee = line.consignee { consignees.insert(consignee) }
                let screened = screening.assess(line, matches: matches)
                if screened.isFlagged { flaggedCount += 1 }
                if screened.isFlagged || options.includeAll {
                    rows.append(
                        Row(fileLine: cells.fileLine(at: offset), description: line.description, consignee: line.consignee, screened: screened))
                }
            }
            cells = next
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
