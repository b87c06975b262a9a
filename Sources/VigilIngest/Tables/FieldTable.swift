public import VigilStore
import VigilCore

/// A problem with one line of a manifest, notification, watchlist, entity or link file: the line is reported
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

/// Where a table read by field name (a manifest, notifications, a watchlist, entities, links) comes from.
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

/// A CSV or NDJSON table read by field name (manifests, notifications, watchlists, entities and
/// links), a chunk of rows at a time into ``CellChunk``s
/// whose rows are then read by field name (each field from the column a mapping names for it, its
/// own name by default). Reading a chunk is sequential; turning its cells into values can be
/// spread over threads, one ``CellRow`` each.
final class FieldTable {
    /// The file or origin, and the column read for each field.
    let layout: CellLayout
    private let rows: any RowSource
    private(set) var present: Set<String> = []
    /// Columns of a CSV header that no field reads (empty for NDJSON, whose fields vary by line).
    private(set) var unreadColumns: [String] = []
    /// Whether chunks keep each row's raw bytes (for quarantining rejected rows as they stood).
    var keepsRawRows = false

    /// Opens a table and binds its fields.
    /// - Parameters:
    ///   - fields: The fields to read, by their canonical names.
    ///   - required: The fields a file must have a column for.
    ///   - columnNames: A mapping's column for a field, where it is not the field's name.
    init(_ source: TableSource, fields: [String], required: [String], columnNames: [String: String] = [:]) throws {
        let path = source.origin
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
        let columns = fields.map { columnNames[$0] ?? $0 }
        let found = try rows.bind(columns: columns)
        layout = CellLayout(origin: path, fields: fields, columns: columns)
        for (slot, field) in fields.enumerated() where found[slot] { present.insert(field) }
        if let csv = rows as? any HeaderedRowSource { unreadColumns = csv.headerNames.filter { !$0.isEmpty && !columns.contains($0) } }
        for field in required where !present.contains(field) {
            throw IngestError(
                code: .missingColumn, origin: path,
                message: "'\(path)' has no '\(columnNames[field] ?? field)' column, which is required; add it to the header")
        }
    }

    /// Reads up to `limit` more rows; an empty chunk means the end.
    func next(limit: Int) throws -> CellChunk {
        var (bytes, bounds, lines, rowIssues, rawRows) = ([UInt8](), [Int](), [Int](), [[RowIssue]](), [[UInt8]]())
        let width = layout.columns.count
        while lines.count < limit, try rows.next() {
            rows.appendValues(count: width, to: &bytes, bounds: &bounds)
            lines.append(rows.line)
            rowIssues.append(rows.rowIssues)
            if keepsRawRows { rawRows.append(rows.rawBytes()) }
        }
        return CellChunk(bytes: bytes, bounds: bounds, lines: lines, rowIssues: rowIssues, rawRows: rawRows)
    }

    /// Every row of the table, read one after another.
    func forEachRow(_ body: (inout CellRow) throws -> Void) throws {
        while true {
            let chunk = try next(limit: 4096)
            guard !chunk.lines.isEmpty else { return }
            for index in chunk.lines.indices {
                var row = CellRow(chunk: chunk, layout: layout, index: index)
                try body(&row)
            }
        }
    }
}

/// Where a table's fields are: its origin and, for each field, its column. (A class: every
/// ``CellRow`` refers to it.)
final class CellLayout: Sendable {
    let origin: String
    /// The fields, by their canonical names.
    let fields: [String]
    /// The column each field is read from.
    let columns: [String]

    init(origin: String, fields: [String], columns: [String]) {
        self.origin = origin
        self.fields = fields
        self.columns = columns
    }

    /// A field's slot. A scan of a few short names, cheaper than hashing them for every cell.
    func slot(of field: String) -> Int? { fields.firstIndex(of: field) }
}

/// The cells of a chunk of rows: their bytes in one buffer, and where each field's trimmed bytes lie
/// in it. (A class: every ``CellRow`` of the chunk refers to it.)
final class CellChunk: @unchecked Sendable {  // unchecked: nothing in it changes after init
    /// The cells' bytes, in memory the chunk owns (so rows read them without reference counting).
    let bytes: UnsafeBufferPointer<UInt8>
    /// Where each cell starts and ends in ``bytes``, row after row, a cell per field.
    let bounds: UnsafeBufferPointer<Int>
    /// Each row's line.
    let lines: [Int]
    /// Each row's structural problems (field count, quoting).
    let rowIssues: [[RowIssue]]
    /// Each row's bytes as they stood in the input, when the table keeps them.
    let rawRows: [[UInt8]]

    init(bytes: [UInt8], bounds: [Int], lines: [Int], rowIssues: [[RowIssue]], rawRows: [[UInt8]]) {
        self.bytes = Self.owned(bytes)
        self.bounds = Self.owned(bounds)
        self.lines = lines
        self.rowIssues = rowIssues
        self.rawRows = rawRows
    }

    deinit {
        bytes.deallocate()
        bounds.deallocate()
    }

    private static func owned<Element>(_ array: [Element]) -> UnsafeBufferPointer<Element> {
        let copy = UnsafeMutableBufferPointer<Element>.allocate(capacity: array.count)
        _ = copy.initialize(from: array)
        return UnsafeBufferPointer(copy)
    }
}

/// One row of a ``CellChunk`` read by field name; problems found while reading it collect in
/// ``issues``.
struct CellRow {
    private let chunk: CellChunk
    let layout: CellLayout
    private let first: Int
    private let index: Int
    /// The row's line.
    let line: Int
    /// Problems found on the row so far.
    private(set) var issues: [RowIssue]

    init(chunk: CellChunk, layout: CellLayout, index: Int) {
        self.chunk = chunk
        self.layout = layout
        first = index * layout.columns.count
        self.index = index
        line = chunk.lines[index]
        issues = chunk.rowIssues[index]
    }

    /// A field's trimmed text, `nil` when blank or absent (invalid UTF-8 is an issue).
    mutating func text(_ field: String) -> String? {
        guard let slot = layout.slot(of: field) else { return nil }
        return text(at: slot)
    }

    /// The trimmed text of the field in a slot of the layout, `nil` when blank (invalid UTF-8 is an issue).
    /// Readers that touch every field of every row (manifests) name fields by slot, which spares a search
    /// of the field names per cell.
    mutating func text(at slot: Int) -> String? {
        let cell = bytes(at: slot)
        guard !cell.isEmpty else { return nil }
        // Most cells are ASCII, which needs no validation beyond this scan.
        let decoded = cell.allSatisfy({ $0 < 0x80 }) ? String(decoding: cell, as: UTF8.self) : String(validating: cell, as: UTF8.self)
        guard let text = decoded else {
            reportInvalidUTF8(at: slot)
            return nil
        }
        return text
    }

    /// Checks that the field in a slot is valid UTF-8 (an issue if not) without making its text: for fields a
    /// reader must check but does not keep.
    mutating func check(at slot: Int) {
        let cell = bytes(at: slot)
        if !cell.allSatisfy({ $0 < 0x80 }), String(validating: cell, as: UTF8.self) == nil { reportInvalidUTF8(at: slot) }
    }

    private func bytes(at slot: Int) -> UnsafeBufferPointer<UInt8> {
        let (start, end) = (chunk.bounds[2 * (first + slot)], chunk.bounds[2 * (first + slot) + 1])
        return UnsafeBufferPointer(rebasing: chunk.bytes[start..<end])
    }

    private mutating func reportInvalidUTF8(at slot: Int) {
        issues.append(RowIssue(column: layout.columns[slot], value: nil, reason: "the value is not valid UTF-8; save the file as UTF-8"))
    }

    /// A field parsed by a function that throws a message-bearing error; a failure is an issue and
    /// gives `nil`.
    mutating func parsed<Value>(_ field: String, _ parse: (String) throws -> Value) -> Value? {
        guard let slot = layout.slot(of: field) else { return nil }
        return parsed(at: slot, parse)
    }

    /// The field in a slot, parsed; a failure is an issue and gives `nil`.
    mutating func parsed<Value>(at slot: Int, _ parse: (String) throws -> Value) -> Value? {
        guard let text = text(at: slot) else { return nil }
        return checked(text, at: slot, parse)
    }

    /// A value already read from a slot, parsed; a failure is an issue about that slot and gives `nil`.
    mutating func checked<Value>(_ text: String, at slot: Int, _ parse: (String) throws -> Value) -> Value? {
        do {
            return try parse(text)
        } catch {
            report(at: slot, value: text, reason: "\(error)")
            return nil
        }
    }

    /// Records an issue about a field of the row.
    mutating func report(_ field: String, value: String?, reason: String) {
        report(at: layout.slot(of: field)!, value: value, reason: reason)
    }

    /// Records an issue about the field in a slot.
    mutating func report(at slot: Int, value: String?, reason: String) {
        issues.append(RowIssue(column: layout.columns[slot], value: value, reason: reason))
    }

    /// Whether no problem has been found on the row.
    var isClean: Bool { issues.isEmpty }

    /// The row's bytes as they stood in the input; empty unless the table keeps raw rows.
    var rawBytes: [UInt8] { chunk.rawRows.isEmpty ? [] : chunk.rawRows[index] }

    /// The row for the quarantine: as it stood, keyed by its content (`#n` for repeats, counted in `seen`), with
    /// every issue found.
    func quarantined(source: SourceSystemID, seen: inout [String: Int]) -> QuarantinedRow {
        let raw = rawBytes
        return QuarantinedRow(
            batch: nil, sourceSystem: source, rowKey: ContentKey.make(raw, seen: &seen), origin: layout.origin, line: line,
            rawText: String(decoding: raw, as: UTF8.self), issues: issues)
    }

    /// The row's issues as line issues.
    var lineIssues: [LineIssue] { issues.map { LineIssue(origin: layout.origin, line: line, issue: $0) } }
}
