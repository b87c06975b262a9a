public import VigilStore

/// A problem with one line of a manifest, notification or watchlist file: the line is reported
/// with it, and the rest of the file is still read.
public struct LineIssue: Hashable, Sendable, Codable, CustomStringConvertible {
    /// The file.
    public var origin: String
    /// The 1-based line.
    public var line: Int
    /// The column, value and reason.
    public var issue: RowIssue

    /// Creates an issue.
    public init(origin: String, line: Int, issue: RowIssue) {
        self.origin = origin
        self.line = line
        self.issue = issue
    }

    /// The column, value and reason, without the file and line.
    public var detail: String {
        var text = ""
        if let column = issue.column { text += "column '\(column)'" + (issue.value.map { " value '\($0)'" } ?? "") + ": " }
        return text + issue.reason
    }

    public var description: String { "\(origin):\(line): \(detail)" }
}

/// Where a manifest, notification or watchlist table comes from.
public enum TableSource: Hashable, Sendable {
    /// A file: NDJSON when its name ends in `.ndjson` or `.jsonl`, else CSV.
    case file(String)
    /// Bytes received (a request body), named `origin` in messages.
    case bytes([UInt8], origin: String, isNDJSON: Bool)

    /// The name used in messages.
    public var origin: String {
        switch self {
        case .file(let path): path
        case .bytes(_, let origin, _): origin
        }
    }
}

/// The rows of a CSV or NDJSON table read by field name, for the precursor files: each field is
/// read from the column a mapping names for it (its own name by default).
final class PrecursorTable {
    let origin: String
    private let rows: any RowSource
    private let columns: [String]
    private var slots: [String: Int] = [:]
    private(set) var present: Set<String> = []
    /// Problems found on the current row so far.
    var issues: [RowIssue] = []

    /// Opens a table and binds its fields.
    /// - Parameters:
    ///   - fields: The fields to read, by their canonical names.
    ///   - required: The fields a file must have a column for.
    ///   - columnNames: A mapping's column for a field, where it is not the field's name.
    init(_ source: TableSource, fields: [String], required: [String], columnNames: [String: String] = [:]) throws {
        let path = source.origin
        origin = path
        switch source {
        case .file(let path):
            let input = try FileInput(path: path)
            let lowered = path.lowercased()
            rows = lowered.hasSuffix(".ndjson") || lowered.hasSuffix(".jsonl")
                ? NDJSONRowSource(input, origin: path) : CSVRowSource(input, origin: path)
        case .bytes(let bytes, let origin, let isNDJSON):
            let input = MemoryInput(bytes)
            rows = isNDJSON ? NDJSONRowSource(input, origin: origin) : CSVRowSource(input, origin: origin)
        }
        columns = fields.map { columnNames[$0] ?? $0 }
        let found = try rows.bind(columns: columns)
        for (slot, field) in fields.enumerated() {
            slots[field] = slot
            if found[slot] { present.insert(field) }
        }
        for field in required where !present.contains(field) {
            throw IngestError(
                code: .missingColumn, origin: path,
                message: "'\(path)' has no '\(columnNames[field] ?? field)' column, which is required; add it to the header")
        }
    }

    /// The current row's line.
    var line: Int { rows.line }

    /// Moves to the next row; the row's structural problems start its issues.
    func next() throws -> Bool {
        guard try rows.next() else { return false }
        issues = rows.rowIssues
        return true
    }

    /// A field's trimmed text, `nil` when blank or absent (invalid UTF-8 is an issue).
    func text(_ field: String) -> String? {
        guard let slot = slots[field] else { return nil }
        switch rows.value(slot: slot) {
        case .blank: return nil
        case .text(let text): return text
        case .invalidUTF8:
            issues.append(RowIssue(column: columns[slot], value: nil, reason: "the value is not valid UTF-8; save the file as UTF-8"))
            return nil
        }
    }

    /// A field parsed by a function that throws a message-bearing error; a failure is an issue and
    /// gives `nil`.
    func parsed<Value>(_ field: String, _ parse: (String) throws -> Value) -> Value? {
        guard let text = text(field) else { return nil }
        do {
            return try parse(text)
        } catch {
            issues.append(RowIssue(column: columns[slots[field]!], value: text, reason: "\(error)"))
            return nil
        }
    }

    /// Records an issue about a field of the current row.
    func report(_ field: String, value: String?, reason: String) {
        issues.append(RowIssue(column: columns[slots[field]!], value: value, reason: reason))
    }

    /// The current row's issues as line issues.
    var lineIssues: [LineIssue] { issues.map { LineIssue(origin: origin, line: line, issue: $0) } }
}
