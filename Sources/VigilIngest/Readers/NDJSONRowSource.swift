import Foundation
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
        values = columns.map { _ in .blank }
        guard String(validating: lines.lineBytes, as: UTF8.self) != nil else {
            issues.append(RowIssue(column: nil, value: nil, reason: "the line is not valid UTF-8; save the file as UTF-8"))
            return true
        }
        let object: [String: JSONCell]
        do {
            object = try JSONDecoder().decode([String: JSONCell].self, from: Data(lines.lineBytes))
        } catch {
            issues.append(
                RowIssue(
                    column: nil, value: nil,
                    reason: "the line is not a JSON object (\(Self.describe(error))); write one {…} object per line"))
            return true
        }
        for (slot, column) in columns.enumerated() {
            switch object[column] {
            case nil, .null?: values[slot] = .blank
            case .text(let text)?:
                let trimmed = String(text.trimmingWhitespace())
                values[slot] = trimmed.isEmpty ? .blank : .text(trimmed)
            case .nested?:
                issues.append(
                    RowIssue(
                        column: column, value: nil,
                        reason: "the value is a JSON object; give a string, number, boolean or array of them"))
            }
        }
        return true
    }

    public var line: Int { lines.lineNumber }

    public func value(slot: Int) -> CellValue { values[slot] }

    public var rowIssues: [RowIssue] { issues }

    public func rawBytes() -> [UInt8] { lines.lineBytes }

    private static func describe(_ error: any Error) -> String {
        if case DecodingError.dataCorrupted(let context) = error { return context.debugDescription }
        if case DecodingError.typeMismatch(_, let context) = error { return context.debugDescription }
        return "invalid JSON"
    }
}

/// A JSON value reduced to what a cell can hold.
private enum JSONCell: Decodable {
    case null
    case text(String)
    case nested

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let text = try? container.decode(String.self) {
            self = .text(text)
        } else if let flag = try? container.decode(Bool.self) {
            self = .text(flag ? "true" : "false")
        } else if let integer = try? container.decode(Int64.self) {
            self = .text(String(integer))
        } else if let number = try? container.decode(Double.self) {
            self = .text(JSONCell.format(number))
        } else if var items = try? decoder.unkeyedContainer() {
            var texts: [String] = []
            while !items.isAtEnd {
                switch try items.decode(JSONCell.self) {
                case .text(let text): texts.append(text)
                case .null: continue
                case .nested:
                    self = .nested
                    return
                }
            }
            self = .text(texts.joined(separator: ";"))
        } else {
            self = .nested
        }
    }

    private static func format(_ number: Double) -> String {
        if number == number.rounded(), abs(number) < 1e15 { return String(Int64(number)) }
        return String(number)
    }
}
