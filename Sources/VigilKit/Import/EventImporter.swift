import Foundation
public import Logging
import VigilCore
import VigilIngest
public import VigilStore

/// Imports overdose events from a CSV or NDJSON file into a store: the `vigil import` use case.
///
/// Rows are read as a stream, mapped, and written in chunks of ``Options/chunkSize`` rows, each
/// in one transaction; while the store writes one chunk, the next is parsed, so both cores work.
/// Invalid rows go to the quarantine with their reasons. Re-importing a file adds only what is
/// missing, so a run killed half-way is finished by running it again.
public struct EventImporter: Sendable {
    /// What to import and how.
    public struct Options: Sendable {
        /// The input file.
        public var path: String
        /// `csv` or `ndjson`; inferred from the extension when `nil` (`.ndjson`, `.jsonl` are NDJSON).
        public var format: String?
        /// A built-in mapping name or a mapping file path.
        public var mapping: String
        /// The source system name; defaults to the mapping's, else the file name without extension.
        public var source: String?
        /// The number of rows per transaction.
        public var chunkSize: Int
        /// Files at least this large are imported in bulk-load mode (``EventStore/beginBulkLoad()``).
        public var bulkLoadThresholdBytes: Int

        /// Creates options with Vigil's own format and 5,000-row chunks.
        public init(
            path: String, format: String? = nil, mapping: String = "vigil", source: String? = nil, chunkSize: Int = 5000,
            bulkLoadThresholdBytes: Int = 16 << 20
        ) {
            self.bulkLoadThresholdBytes = bulkLoadThresholdBytes
            self.path = path
            self.format = format
            self.mapping = mapping
            self.source = source
            self.chunkSize = chunkSize
        }
    }

    private let store: any EventStore

    /// Creates an importer writing to `store`.
    public init(store: any EventStore) { self.store = store }

    /// Runs an import.
    /// - Parameters:
    ///   - options: What to import.
    ///   - asOf: The current time (seconds since 1970, UTC); events after it are rejected.
    ///   - progress: Called after each chunk with the rows read so far.
    ///   - logger: Receives the start and end of the run.
    /// - Returns: The totals and what needs attention.
    /// - Throws: ``IngestError`` when the file, the format or the mapping is unusable; store errors
    ///   as they come. Rows already written stay written, and the batch is marked failed.
    public func run(
        _ options: Options, asOf: Int64, progress: @Sendable (ImportTotals) -> Void = { _ in }, logger: Logger
    ) async throws -> ImportReport {
        precondition(options.chunkSize > 0, "chunkSize must be positive")
        let mapping = try MappingCatalog.load(options.mapping)
        let source = try Self.sourceSystem(options.source ?? mapping.sourceSystem ?? Self.fileStem(options.path))
        let mapper = try RecordMapper(mapping: mapping, source: source, asOf: asOf)
        let input = try FileInput(path: options.path)
        let rows = try Self.rowSource(input, path: options.path, format: options.format)
        try mapper.bind(to: rows, origin: options.path)

        let batch = try await store.beginImport(
            ImportBatchStart(sourceSystem: source, origin: options.path, mapping: mapping.name, startedAt: asOf))
        logger.info("import started", metadata: ["ingest.batch": "\(batch)", "ingest.source": "\(source)"])
        var totals = ImportTotals()
        var examples: [QuarantinedRow] = []
        let fileSize = (try? FileManager.default.attributesOfItem(atPath: options.path)[.size] as? Int) ?? 0
        let isBulkLoad = fileSize >= options.bulkLoadThresholdBytes
        if isBulkLoad { try await store.beginBulkLoad() }
        do {
            var pending: Task<ImportChunkResult, any Error>?
            var events: [OverdoseEvent] = []
            var rejected: [QuarantinedRow] = []
            var rowsInChunk = 0
            func flush() async throws {
                if let pending { totals.add(try await pending.value) }
                let chunk = ImportChunk(events: events, rejected: rejected, rowsRead: rowsInChunk)
                let store = self.store
                pending = Task { try await store.write(chunk, to: batch) }
                totals.rowsRead += rowsInChunk
                progress(totals)
                events.removeAll(keepingCapacity: true)
                rejected.removeAll(keepingCapacity: true)
                rowsInChunk = 0
            }
            while try rows.next() {
                rowsInChunk += 1
                switch mapper.map(rows) {
                case .event(let event):
                    events.append(event)
                case .rejected(let key, let issues):
                    let row = QuarantinedRow(
                        batch: batch, sourceSystem: source, rowKey: key, origin: options.path, line: rows.line,
                        rawText: String(decoding: rows.rawBytes(), as: UTF8.self), issues: issues)
                    if examples.count < 20 { examples.append(row) }
                    rejected.append(row)
                }
                if rowsInChunk == options.chunkSize {
                    try Task.checkCancellation()
                    try await flush()
                }
            }
            try await flush()
            if let pending { totals.add(try await pending.value) }
            if isBulkLoad { try await store.endBulkLoad() }
            try await store.finishImport(batch, status: .completed, totals: totals)
        } catch {
            if isBulkLoad { try? await store.endBulkLoad() }
            try? await store.finishImport(batch, status: .failed, totals: totals)
            throw error
        }
        logger.info(
            "import finished",
            metadata: ["ingest.batch": "\(batch)", "ingest.rows": "\(totals.rowsRead)", "ingest.inserted": "\(totals.inserted)"])
        return ImportReport(
            batch: batch, sourceSystem: source, mapping: mapping.name, totals: totals, rejectedExamples: examples,
            unknownMentions: mapper.unknownMentions.map { ImportReport.MentionCount(text: $0.key, count: $0.value) }
                .sorted { ($0.count, $1.text) > ($1.count, $0.text) },
            absentColumns: mapper.absentColumns)
    }

    private static func rowSource(_ input: FileInput, path: String, format: String?) throws -> any RowSource {
        let lowered = path.lowercased()
        let chosen = format?.lowercased() ?? (lowered.hasSuffix(".ndjson") || lowered.hasSuffix(".jsonl") ? "ndjson" : "csv")
        switch chosen {
        case "csv": return CSVRowSource(input, origin: path)
        case "ndjson", "jsonl": return NDJSONRowSource(input, origin: path)
        default:
            throw IngestError(code: .invalidOption, origin: path, message: "unknown format '\(chosen)'; use csv or ndjson")
        }
    }

    private static func sourceSystem(_ name: String) throws -> SourceSystemID {
        let cleaned = name.replacingOccurrences(of: ":", with: "-")
        guard let id = SourceSystemID(rawValue: cleaned) else {
            throw IngestError(code: .invalidOption, origin: name, message: "the source name is empty; give --source NAME")
        }
        return id
    }

    private static func fileStem(_ path: String) -> String {
        URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent
    }
}

extension ImportTotals {
    mutating func add(_ result: ImportChunkResult) {
        inserted += result.inserted
        alreadyStored += result.alreadyStored
        quarantined += result.quarantined
        alreadyQuarantined += result.alreadyQuarantined
    }
}
