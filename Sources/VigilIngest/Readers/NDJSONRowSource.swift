import VigilCore
public import VigilStore

/// Rows of newline-delimited JSON (one object per line), as a ``RowSource``.
///
/// Keys are column names. Strings, numbers and booleans become text; `null` is blank; an array
/// of scalars becomes its items joined with `;` (the separator of Vigil's list columns). A line
/// that is not a JSON object, or a value that is a nested object, is a row issue. Blank lines are
/// skipped.
public final class NDJSONRowSource<Input: ByteInput>: RowSource {
    private let lines: LineReader<Input>
    private var columns: [String] = []
    private var values: [CellValue] = []
    private var issues: [RowIssue] = []
    private var fields: [String] = []

    /// Reads NDJSON from an input; `origin` names it in errors.
    public init(_ input: Input, origin: String) { lines = LineReader(input) }

    public func bind(columns: [String]) throws -> [Bool] {
        self.columns = columns
        return columns.map { _ in true }
    }

    public func next() throws -> Bool {
        repeat {
            guard try lines.next() else { return false }
        } while lines.lineBytes.allSatisfy { $0 == 32 || $0 == 9 || $0 == 13 }
        issues.removeAll(keepingCapacity: true)
        fields.removeAll(keepingCapacity: true)
        values = columns.map { _ in .blank }
        guard String(validating: lines.lineBytes, as: UTF8.self) != nil else {
            issues.append(RowIssue(column: nil, value: nil, reason: "the line is not valid UTF-8; save the file as UTF-8"))
            return true
        }
        let members: [(key: String, value: JSONScanner.Cell)]
        do {
            members = try JSONScanner.object(lines.lineBytes)
        } catch {
            issues.append(RowIssue(column: nil, value: nil, reason: "the line is not a JSON object (\(error.reason)); write one {…} object per line"))
            return true
        }
        fields = members.map { $0.key }
        for (slot, column) in columns.enumerated() {
            switch members.first(where: { $0.key == column })?.value {
            case nil, .null?: values[slot] = .blank
            case .text(let text)?:
                let trimmed = String(text.trimmingWhitespace())
                values[slot] = trimmed.isEmpty ? .blank : .text(trimmed)
            case .nested?:
                issues.append(
                    RowIssue(
                        column: column, value: nil,
                        reason: "the value is a JSON object or nested array; give a string, number, boolean or array of them"))
            }
        }
        return true
    }

    public var line: Int { lines.lineNumber }

    public func value(slot: Int) -> CellValue { values[slot] }

    public var rowIssues: [RowIssue] { issues }

    public func rawBytes() -> [UInt8] { lines.lineBytes }

    /// The field names of the current line's object, in order; empty when the line is not an object.
    public var fieldNames: [String] { fields }
}
