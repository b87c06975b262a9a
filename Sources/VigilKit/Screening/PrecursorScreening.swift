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
    /// what it shows by itself.
    private typealias Prepared = (line: ManifestLine?, issues: [LineIssue], findings: ManifestScreening.Findings?)

    /// Turns a chunk's rows into lines and examines them on every worker, each taking blocks of rows as
    /// it comes free. The rows come in a buffer whose elements the caller moves out (sparing a copy of
    /// every line) and then frees.
    private static func prepare(
        _ cells: ManifestReader.Cells, with screening: ManifestScreening, from reader: ManifestReader
    ) -> UnsafeMutableBufferPointer<Prepared> {
        // Safe: each worker writes only the slots of the blocks it takes, all read after concurrentPerform
        // returns; `line(at:in:)` may run on several threads, and worker `w` uses only matcher `w`.
        nonisolated(unsafe) let rows = UnsafeMutableBufferPointer<Prepared>.allocate(capacity: cells.count)
        nonisolated(unsafe) let (reader, screening) = (reader, screening)
        let blocks = WorkBlocks(count: cells.count, size: 256)
        DispatchQueue.concurrentPerform(iterations: screening.workers) { worker in
            while let block = blocks.next() {
                for index in block {
                    let (line, issues) = reader.line(at: index, in: cells)
                    (rows.baseAddress! + index).initialize(to: (line, issues, line.map { screening.findings(of: $0, worker: worker) }))
                }
            }
        }
        return rows
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
        let screening = ManifestScreening(
            index: index, settings: options.settings, notifications: book, knownConsignees: options.knownConsignees)
        let reader = try ManifestReader(options.manifest, mapping: mapping, checkingOnly: screening.fieldsNotWeighed)
        var rows: [Row] = []
        var screenedCount = 0
        var flaggedCount = 0
        // The manifest is read on a thread of its own; while this thread assesses a chunk (in order: risk
        // depends on the lines before), the next one is prepared on every core.
        nonisolated(unsafe) let (sharedReader, sharedScreening) = (reader, screening)
        let limit = options.chunkSize
        let reading = ReadAhead<ManifestReader.Cells> {
            let cells = try sharedReader.nextCells(limit: limit)
            return cells.count > 0 ? cells : nil
        }
        defer { reading.abandon() }
        let preparing = DispatchGroup()
        nonisolated(unsafe) var prepared: UnsafeMutableBufferPointer<Prepared>?
        func startPreparing(_ cells: ManifestReader.Cells) {
            preparing.enter()
            DispatchQueue.global().async {
                prepared = Self.prepare(cells, with: sharedScreening, from: sharedReader)
                preparing.leave()
            }
        }
        var current = try reading.next()
        if let current { startPreparing(current) }
        while let cells = current {
            preparing.wait()
            let chunk = prepared!
            defer { chunk.deallocate() }  // every element is moved out below, or dropped if reading fails
            do {
                current = try reading.next()
            } catch {
                chunk.deinitialize()
                throw error
            }
            if let next = current { startPreparing(next) }
            for offset in chunk.indices {
                let (line, lineIssues, findings) = (chunk.baseAddress! + offset).move()
                issues += lineIssues
                guard let line, let findings else { continue }
                screenedCount += 1
                let screened = screening.assess(line, findings: findings)
                if screened.isFlagged { flaggedCount += 1 }
                if screened.isFlagged || options.includeAll {
                    rows.append(
                        Row(fileLine: cells.fileLine(at: offset), description: line.description, consignee: line.consignee, screened: screened))
                }
            }
        }
        rows.sort { ($0.screened.risk, -$0.fileLine) > ($1.screened.risk, -$1.fileLine) }
        let reconciliation = screening.reconciliation()
        return Report(
            watchlistVersion: watchlist.version, linesScreened: screenedCount, linesFlagged: flaggedCount, rows: rows, issues: issues,
            absentFields: reader.absentFields, checkedNotifications: book != nil, unusedNotifications: reconciliation.unused,
            unrecognisedNotifications: reconciliation.unrecognised,
            linesWithoutNotification: rows.filter { $0.screened.reasons.contains { $0.factor == .noPEN } }, consignees: screening.consigneesSeen.sorted())
    }
}
