public import VigilCore

/// An input row that could not become an event, kept with everything needed to fix and re-import
/// it: the file, the line, the raw text and every reason.
public struct QuarantinedRow: Hashable, Sendable, Codable {
    /// The batch that quarantined it; `nil` before it is stored.
    public var batch: ImportBatchID?
    /// The source system the row was attributed to.
    public var sourceSystem: SourceSystemID
    /// A stable key of the row's content (`sha256:…#n`), so re-importing the same file does not
    /// quarantine it twice.
    public var rowKey: String
    /// The input file (or other origin).
    public var origin: String
    /// The 1-based physical line on which the row starts.
    public var line: Int
    /// The row as it stood in the input (quoted fields and embedded newlines included). Invalid
    /// UTF-8 bytes are replaced by U+FFFD.
    public var rawText: String
    /// Every problem found in the row.
    public var issues: [RowIssue]

    /// Creates a quarantined row.
    public init(
        batch: ImportBatchID?, sourceSystem: SourceSystemID, rowKey: String, origin: String, line: Int,
        rawText: String, issues: [RowIssue]
    ) {
        self.batch = batch
        self.sourceSystem = sourceSystem
        self.rowKey = rowKey
        self.origin = origin
        self.line = line
        self.rawText = rawText
        self.issues = issues
    }
}

/// One problem with one input row.
public struct RowIssue: Hashable, Sendable, Codable, CustomStringConvertible {
    /// The column the problem is in, when it is in one.
    public var column: String?
    /// The offending value, when there is one. It is input data: show it to the person fixing the
    /// file, never log it.
    public var value: String?
    /// What is wrong and what to change.
    public var reason: String

    /// Creates an issue.
    public init(column: String?, value: String?, reason: String) {
        self.column = column
        self.value = value
        self.reason = reason
    }

    public var description: String {
        var text = ""
        if let column { text += "column '\(column)': " }
        return text + reason
    }
}
