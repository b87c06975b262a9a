public import VigilCore
public import VigilStore

/// What an import did and what needs a person's attention.
public struct ImportReport: Sendable, Codable {
    /// A free-text substance mention and how often it occurred.
    public struct MentionCount: Hashable, Sendable, Codable {
        /// The mention as written.
        public var text: String
        /// How many rows had it.
        public var count: Int
    }

    /// The batch the run created.
    public var batch: ImportBatchID
    /// The source system the rows were attributed to.
    public var sourceSystem: SourceSystemID
    /// The mapping used.
    public var mapping: String
    /// The counts.
    public var totals: ImportTotals
    /// The first rejected rows (at most 20), with their reasons.
    public var rejectedExamples: [QuarantinedRow]
    /// Substance mentions the catalogue does not know, most frequent first. They are stored
    /// verbatim with their events.
    public var unknownMentions: [MentionCount]
    /// Columns the mapping reads that the file does not have.
    public var absentColumns: [String]
}
