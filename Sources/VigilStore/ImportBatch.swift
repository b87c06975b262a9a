public import VigilCore

/// What is known when an import run starts.
public struct ImportBatchStart: Hashable, Sendable, Codable {
    /// The source system the rows are attributed to.
    public var sourceSystem: SourceSystemID
    /// The file name or other description of the input.
    public var origin: String
    /// The name of the mapping used.
    public var mapping: String
    /// When the run started, in seconds since 1970 (UTC).
    public var startedAt: Int64

    /// Creates a start record.
    public init(sourceSystem: SourceSystemID, origin: String, mapping: String, startedAt: Int64) {
        self.sourceSystem = sourceSystem
        self.origin = origin
        self.mapping = mapping
        self.startedAt = startedAt
    }
}

/// The running or final counts of an import run.
public struct ImportTotals: Hashable, Sendable, Codable {
    /// Data rows read from the input (the header excluded).
    public var rowsRead: Int
    /// Events stored for the first time.
    public var inserted: Int
    /// Events that were already stored (the same source and record identifier).
    public var alreadyStored: Int
    /// Rows rejected in this run and newly put in quarantine.
    public var quarantined: Int
    /// Rejected rows that were already in quarantine from an earlier run.
    public var alreadyQuarantined: Int

    /// Creates totals; all zero by default.
    public init(rowsRead: Int = 0, inserted: Int = 0, alreadyStored: Int = 0, quarantined: Int = 0, alreadyQuarantined: Int = 0) {
        self.rowsRead = rowsRead
        self.inserted = inserted
        self.alreadyStored = alreadyStored
        self.quarantined = quarantined
        self.alreadyQuarantined = alreadyQuarantined
    }

    /// Rows rejected in this run, new or not.
    public var rejected: Int { quarantined + alreadyQuarantined }
}

/// One import run as the store records it.
public struct ImportBatch: Hashable, Sendable, Codable {
    /// Whether the run finished.
    public enum Status: String, Hashable, Sendable, Codable {
        /// Still running, or killed before it finished (a re-run completes the work).
        case running
        /// Every row was read and stored or quarantined.
        case completed
        /// The run stopped on an error that made the rest of the input unusable.
        case failed
    }

    /// The batch identifier.
    public var id: ImportBatchID
    /// What was known at the start.
    public var start: ImportBatchStart
    /// The run's status.
    public var status: Status
    /// When it finished, in seconds since 1970 (UTC).
    public var finishedAt: Int64?
    /// The counts as last recorded.
    public var totals: ImportTotals

    /// Creates a batch record.
    public init(id: ImportBatchID, start: ImportBatchStart, status: Status, finishedAt: Int64?, totals: ImportTotals) {
        self.id = id
        self.start = start
        self.status = status
        self.finishedAt = finishedAt
        self.totals = totals
    }
}

/// A slice of an import written in one transaction.
public struct ImportChunk: Sendable {
    /// Events to store; already-stored identifiers are skipped.
    public var events: [OverdoseEvent]
    /// Rows to quarantine; rows already quarantined under the same source and key are skipped.
    public var rejected: [QuarantinedRow]
    /// The number of input rows the chunk covers.
    public var rowsRead: Int

    /// Creates a chunk.
    public init(events: [OverdoseEvent], rejected: [QuarantinedRow], rowsRead: Int) {
        self.events = events
        self.rejected = rejected
        self.rowsRead = rowsRead
    }
}

/// What a chunk write changed.
public struct ImportChunkResult: Hashable, Sendable {
    /// Events stored for the first time.
    public var inserted: Int
    /// Events skipped because they were already stored.
    public var alreadyStored: Int
    /// Rows newly quarantined.
    public var quarantined: Int
    /// Rows skipped because they were already quarantined.
    public var alreadyQuarantined: Int

    /// Creates a result.
    public init(inserted: Int, alreadyStored: Int, quarantined: Int, alreadyQuarantined: Int) {
        self.inserted = inserted
        self.alreadyStored = alreadyStored
        self.quarantined = quarantined
        self.alreadyQuarantined = alreadyQuarantined
    }
}
