public import VigilStore

extension Array where Element == QuarantinedRow {
    /// Every problem of the rows, each with its origin and line.
    public var lineIssues: [LineIssue] {
        flatMap { row in row.issues.map { LineIssue(origin: row.origin, line: row.line, issue: $0) } }
    }
}
