public import VigilStore

/// A stream of input rows whose values are addressed by column name, whatever the file format.
///
/// The import asks once for the columns a mapping uses (``bind(columns:)``), then reads rows and
/// fetches values by slot. CSV and NDJSON sources implement it.
public protocol RowSource: AnyObject {
    /// Resolves column names to slots, in the order given. Call once, before ``next()``.
    /// - Returns: For each name, whether the input has that column (NDJSON always says yes).
    /// - Throws: ``IngestError`` when the input has no usable header.
    func bind(columns: [String]) throws -> [Bool]

    /// Moves to the next row.
    /// - Returns: `false` at the end of the input.
    func next() throws -> Bool

    /// The 1-based line on which the current row starts.
    var line: Int { get }

    /// The value of a bound column in the current row.
    func value(slot: Int) -> CellValue

    /// Problems with the row as a whole (field count, quoting, JSON syntax), found before mapping.
    var rowIssues: [RowIssue] { get }

    /// The row's bytes as they stood in the input, without the line end.
    func rawBytes() -> [UInt8]

    /// Appends the current row's values in the first `count` bound columns to `bytes`, and for each
    /// where its trimmed UTF-8 bytes start and end in them (`bounds`, two entries per value; an empty
    /// range for one blank or absent, bytes that are not valid UTF-8 as they are): for readers that
    /// turn cells into values on other threads.
    func appendValues(count: Int, to bytes: inout [UInt8], bounds: inout [Int])
}

extension RowSource {
    public func appendValues(count: Int, to bytes: inout [UInt8], bounds: inout [Int]) {
        for slot in 0..<count {
            bounds.append(bytes.count)
            switch value(slot: slot) {
            case .blank: break
            case .text(let text): bytes.append(contentsOf: text.utf8)
            case .invalidUTF8: bytes.append(0xFF)  // never valid UTF-8: the reader reports it
            }
            bounds.append(bytes.count)
        }
    }
}

/// The value of one cell.
public enum CellValue: Hashable, Sendable {
    /// The column is not in the input, or the cell is empty (or JSON `null`).
    case blank
    /// The cell's text, trimmed of surrounding spaces.
    case text(String)
    /// The cell's bytes are not valid UTF-8.
    case invalidUTF8
}
