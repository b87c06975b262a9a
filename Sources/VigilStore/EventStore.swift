public import VigilCore

/// Where overdose events, import batches and quarantined rows are kept.
///
/// Two backends implement it: SQLite (the embedded default) and, for shared deployments,
/// PostgreSQL. Both pass the same conformance suite (`VigilTestSupport.EventStoreConformance`).
///
/// Writes are idempotent: an event whose ``EventID`` is already stored, or a quarantined row whose
/// key is already stored for its source, is skipped and counted, never duplicated. Each call to
/// ``write(_:to:)`` is one transaction, so an import killed half-way leaves whole chunks behind and
/// a second run of the same file adds exactly what is missing.
public protocol EventStore: Sendable {
    /// Records the start of an import run and returns its identifier.
    func beginImport(_ start: ImportBatchStart) async throws -> ImportBatchID

    /// Records small imports whole, all in one transaction: for each, the batch, its events and
    /// rejected rows, and the batch finished as completed (the path of events submitted over the
    /// API, where submissions that arrive together are stored together). Later imports in the list
    /// see the events of earlier ones as already stored.
    /// - Returns: Each import's batch and result, in order.
    func importAtOnce(_ imports: [(start: ImportBatchStart, chunk: ImportChunk)]) async throws
        -> [(batch: ImportBatchID, result: ImportChunkResult)]

    /// Stores one chunk of an import in a single transaction.
    /// - Returns: How many events and quarantined rows were new, and how many were already stored.
    func write(_ chunk: ImportChunk, to batch: ImportBatchID) async throws -> ImportChunkResult

    /// Prepares for writing many rows at once: a backend may suspend the upkeep of secondary
    /// indexes (SQLite drops them), which makes appending several times faster. Queries stay
    /// correct but may be slow until ``endBulkLoad()``. If the process dies before then, the next
    /// open of the store restores what was suspended.
    func beginBulkLoad() async throws

    /// Restores what ``beginBulkLoad()`` suspended (SQLite rebuilds its indexes).
    func endBulkLoad() async throws

    /// Marks an import run as finished (completed or failed) with its totals.
    func finishImport(_ batch: ImportBatchID, status: ImportBatch.Status, totals: ImportTotals) async throws

    /// The import runs, newest first.
    func fetchImportBatches() async throws -> [ImportBatch]

    /// The events that match a filter, ordered by local date and then identifier.
    func fetchEvents(_ filter: EventFilter) async throws -> [OverdoseEvent]

    /// The number of matching events per value of one dimension, ordered by the value.
    func fetchTally(_ dimension: TallyDimension, filter: EventFilter) async throws -> [Tally]

    /// The number of matching events per local day and series, for the days that have events.
    func fetchDailyCounts(_ grouping: SeriesGrouping, filter: EventFilter) async throws -> [DailyCount]

    /// The quarantined rows, for one batch or for all, in batch and line order.
    func fetchQuarantine(batch: ImportBatchID?) async throws -> [QuarantinedRow]
}

extension EventStore {
    /// Records one small import whole, in one transaction (see ``importAtOnce(_:)``).
    public func importAtOnce(_ start: ImportBatchStart, _ chunk: ImportChunk) async throws -> (batch: ImportBatchID, result: ImportChunkResult) {
        try await importAtOnce([(start, chunk)])[0]
    }
}
