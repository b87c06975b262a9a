public import VigilCore
public import VigilStore

extension EventStore {
    /// Records an import of records other than events (drug samples, service locations) as a completed import
    /// batch, with its rejected rows in the quarantine (rows already quarantined by an earlier import of the
    /// same file are not added again), so that `vigil batches` and `vigil quarantine` show it like any other.
    /// - Parameters:
    ///   - read: Records read; `added`: of those, new.
    /// - Returns: The batch, and how many rejected rows were already in the quarantine.
    func recordImport(
        source: SourceSystemID, origin: String, mapping: String, at now: Int64, read: Int, added: Int, rejected: [QuarantinedRow]
    ) async throws -> (batch: ImportBatchID, alreadyQuarantined: Int) {
        let batch = try await beginImport(ImportBatchStart(sourceSystem: source, origin: origin, mapping: mapping, startedAt: now))
        let written = try await write(ImportChunk(events: [], rejected: rejected, rowsRead: 0), to: batch)
        try await finishImport(
            batch, status: .completed,
            totals: ImportTotals(
                rowsRead: read + rejected.count, inserted: added, alreadyStored: read - added, quarantined: written.quarantined,
                alreadyQuarantined: written.alreadyQuarantined))
        return (batch, written.alreadyQuarantined)
    }
}
