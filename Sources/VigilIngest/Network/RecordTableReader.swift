/// Reads a table of records for entity resolution: every column of a CSV file, by header name.
public enum RecordTableReader {
    /// A table's records, column by column.
    public struct Table: Sendable {
        /// The columns, in header order (the id column excluded).
        public var columns: [String]
        /// Each column's values, record by record (`nil` when blank).
        public var values: [String: [String?]]
        /// Each record's id: the `idColumn`'s value, else its line.
        public var ids: [String]
        /// Rows left out, with their reasons.
        public var issues: [LineIssue]

        /// A table of records.
        public init(columns: [String], values: [String: [String?]], ids: [String], issues: [LineIssue]) {
            self.columns = columns
            self.values = values
            self.ids = ids
            self.issues = issues
        }

        /// This table's records followed by `other`'s, over the union of their columns (blank where a table
        /// lacks a column).
        public func appending(_ other: Table) -> Table {
            let columns = self.columns + other.columns.filter { !self.columns.contains($0) }
            var values: [String: [String?]] = [:]
            for column in columns {
                values[column] =
                    (self.values[column] ?? Array(repeating: nil, count: ids.count))
                    + (other.values[column] ?? Array(repeating: nil, count: other.ids.count))
            }
            return Table(columns: columns, values: values, ids: ids + other.ids, issues: issues + other.issues)
        }
    }

    /// Reads a CSV file of records.
    /// - Parameter idColumn: The column that identifies records, when the file has it (else ids are
    ///   the line numbers).
    /// - Throws: ``IngestError`` when the file cannot be read or has no header.
    public static func read(path: String, idColumn: String = "id") throws -> Table {
        let header = try CSVRowSource(try FileInput(path: path), origin: path)
        _ = try header.bind(columns: [])
        let names = header.headerNames.filter { !$0.isEmpty }
        let table = try FieldTable(.file(path), fields: names, required: [])
        var result = Table(columns: names.filter { $0 != idColumn }, values: [:], ids: [], issues: [])
        var seen: [String: Int] = [:]
        try table.forEachRow { row in
            let id = row.text(idColumn) ?? "line \(row.line)"
            if let earlier = seen[id] {
                row.report(idColumn, value: id, reason: "id '\(id)' is already used on line \(earlier); give each record its own id")
            }
            let values = result.columns.map { row.text($0) }
            if row.isClean {
                seen[id] = row.line
                result.ids.append(id)
                for (column, value) in zip(result.columns, values) { result.values[column, default: []].append(value) }
            }
            result.issues += row.lineIssues
        }
        for column in result.columns where result.values[column] == nil { result.values[column] = [] }
        return result
    }
}
