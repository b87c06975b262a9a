import Foundation
import VigilCore
import VigilIngest
public import VigilStore

/// Events submitted over the API or the dashboard: a JSON object, a JSON array or NDJSON in
/// Vigil's own format, or a CSV file in any known mapping; each item validated on its own, checked
/// against the submitter's jurisdictions and stored in one import batch. Rejected items go to the
/// quarantine like rejected file rows.
public struct EventSubmission: Sendable {
    /// How the body is written.
    public enum BodyFormat: String, Sendable {
        /// One JSON object or an array of them.
        case json
        /// One JSON object per line.
        case ndjson
        /// CSV with a header line, read with a mapping.
        case csv
    }

    /// What happened to one item.
    public struct Item: Hashable, Sendable, Codable {
        /// The item's position in the body, from 0.
        public var index: Int
        /// Whether it is stored (now or by an earlier identical submission).
        public var accepted: Bool
        /// The stored event's identifier.
        public var id: String?
        /// Why it was not accepted.
        public var issues: [RowIssue]

        /// Creates an item's outcome.
        public init(index: Int, accepted: Bool, id: String?, issues: [RowIssue]) {
            (self.index, self.accepted, self.id, self.issues) = (index, accepted, id, issues)
        }
    }

    /// The outcome of a submission.
    public struct Report: Sendable, Codable {
        /// The import batch that recorded it.
        public var batch: Int64
        /// Events stored for the first time.
        public var inserted: Int
        /// Events that were already stored (a resubmission changes nothing).
        public var alreadyStored: Int
        /// Items not accepted.
        public var rejected: Int
        /// Every item, in order.
        public var items: [Item]
        /// The regions of the accepted events, for live detection.
        public var regions: [String]

        /// Creates a report.
        public init(batch: Int64, inserted: Int, alreadyStored: Int, rejected: Int, items: [Item], regions: [String]) {
            (self.batch, self.inserted, self.alreadyStored, self.rejected) = (batch, inserted, alreadyStored, rejected)
            (self.items, self.regions) = (items, regions)
        }
    }

    private let imports: GroupCommit<(start: ImportBatchStart, chunk: ImportChunk), (batch: ImportBatchID, result: ImportChunkResult)>

    /// The mappings a CSV submission may name: the built-in ones.
    public static var mappingNames: [String] { MappingCatalog.builtInNames }

    /// Creates the use case over a store. Make one per store and share it: submissions that arrive
    /// while others are being stored are then stored with them in one transaction.
    public init(store: any EventStore) {
        imports = GroupCommit(largestGroup: 64) { group in try await store.importAtOnce(group) }
    }

    /// Validates and stores a body.
    /// - Parameters:
    ///   - mapping: The mapping of a CSV body (JSON bodies are always in Vigil's own format).
    ///   - submitter: The token that submits; its jurisdictions bound where events may be.
    ///   - now: The current time (seconds since 1970, UTC); events after it are rejected.
    /// - Throws: ``VigilIngest/IngestError`` when the body as a whole is unreadable (not JSON, not an
    ///   object or array); store errors as they come.
    public func submit(_ body: [UInt8], format: BodyFormat, mapping name: String = "vigil", by submitter: APIToken, now: Int64) async throws
        -> Report
    {
        let source = SourceSystemID(rawValue: "api-" + submitter.id)!
        // Only built-in mappings: a mapping file path must never come from a request.
        guard MappingCatalog.builtInNames.contains(name) else {
            throw IngestError(code: .unknownMapping, origin: "upload", message: "mapping '\(name)' is not one of \(MappingCatalog.builtInNames.joined(separator: ", "))")
        }
        let mapping = try MappingCatalog.load(format == .csv ? name : "vigil")
        let mapper = try RecordMapper(mapping: mapping, source: source, asOf: now)
        let json = format == .csv ? nil : NDJSONRowSource(MemoryInput(format == .json ? try JSONBody.lines(body) : body), origin: "api")
        let rows: any RowSource = json ?? CSVRowSource(MemoryInput(body), origin: "upload")
        try mapper.bind(to: rows, origin: "api")
        var events: [OverdoseEvent] = []
        var rejected: [QuarantinedRow] = []
        var items: [Item] = []
        var rowsRead = 0
        while try rows.next() {
            rowsRead += 1
            // Items count from 0; a CSV file's first line is its header.
            let index = rows.line - (format == .csv ? 2 : 1)
            var issues: [RowIssue]
            var key: String
            switch mapper.map(rows) {
            case .event(let event):
                if let unknown = json?.fieldNames.filter({ !Self.fields.contains($0) }).min() {
                    key = event.provenance.sourceRecordID
                    issues = [RowIssue(column: unknown, value: nil,
                                       reason: "is not a field of Vigil's event format (\(Self.fields.sorted().joined(separator: ", ")))")]
                    break
                }
                guard submitter.jurisdictions.covers(event.region) else {
                    key = event.provenance.sourceRecordID
                    issues = [RowIssue(column: "region", value: event.region?.rawValue,
                                       reason: "is outside this token's jurisdictions (\(submitter.jurisdictions))")]
                    break
                }
                events.append(event)
                items.append(Item(index: index, accepted: true, id: event.id.rawValue, issues: []))
                continue
            case .rejected(let rowKey, let rowIssues):
                (key, issues) = (rowKey, rowIssues)
            }
            items.append(Item(index: index, accepted: false, id: nil, issues: issues))
            rejected.append(QuarantinedRow(
                batch: nil, sourceSystem: source, rowKey: key, origin: "api", line: rows.line,
                rawText: String(decoding: rows.rawBytes(), as: UTF8.self), issues: issues))
        }
        let (batch, result) = try await imports.submit((
            ImportBatchStart(sourceSystem: source, origin: format == .csv ? "dashboard upload" : "POST /api/v1/events", mapping: mapping.name,
                             startedAt: now),
            ImportChunk(events: events, rejected: rejected, rowsRead: rowsRead)))
        return Report(
            batch: batch.rawValue, inserted: result.inserted, alreadyStored: result.alreadyStored, rejected: rejected.count,
            items: items, regions: Array(Set(events.compactMap { $0.region?.rawValue })).sorted())
    }

    /// The fields of Vigil's own format; any other field in a submitted item rejects it, so that a
    /// misspelt field is never silently dropped.
    static let fields: Set<String> = [
        "id", "occurred_at", "latitude", "longitude", "region", "outcome", "naloxone_doses", "suspected_substances",
        "confirmed_substances", "source_kind", "age_band", "sex",
    ]
}
