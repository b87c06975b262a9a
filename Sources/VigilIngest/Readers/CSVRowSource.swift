import VigilCore
public import VigilStore

/// A row source whose columns are named once, in a header.
public protocol HeaderedRowSource: RowSource {
    /// The header's column names, after ``RowSource/bind(columns:)``.
    var headerNames: [String] { get }
}

/// Rows of a CSV file with a header line, as a ``RowSource``.
public final class CSVRowSource<Input: ByteInput>: HeaderedRowSource {
    private let reader: CSVReader<Input>
    private let origin: String
    private var header: [String] = []
    private var slots: [Int?] = []
    private var issues: [RowIssue] = []

    /// Reads CSV from an input; `origin` names it in errors.
    public init(_ input: Input, origin: String) {
        reader = CSVReader(input)
        self.origin = origin
    }

    public func bind(columns: [String]) throws -> [Bool] {
        guard try reader.next() else {
            throw IngestError(
                code: .emptyInput, origin: origin,
                message: "'\(origin)' is empty: a CSV file must start with a header line naming its columns")
        }
        var names: [String] = []
        for index in 0..<reader.fieldCount {
            guard let name = reader.string(at: index) else {
                throw IngestError(
                    code: .invalidHeader, origin: origin, line: reader.line,
                    message: "column \(index + 1) of the header is not valid UTF-8; save the file as UTF-8")
            }
            names.append(String(name.trimmingWhitespace()))
        }
        if reader.quoteProblem != nil {
            throw IngestError(
                code: .invalidHeader, origin: origin, line: reader.line,
                message: "the header line has a misplaced double quote; quote whole column names only")
        }
        var seen: Set<String> = []
        for name in names where !name.isEmpty {
            guard seen.insert(name).inserted else {
                throw IngestError(
                    code: .invalidHeader, origin: origin, line: reader.line,
                    message: "the header names column '\(name)' twice; rename one of them")
            }
        }
        header = names
        slots = columns.map { column in names.firstIndex(of: column) }
        return slots.map { $0 != nil }
    }

    public func next() throws -> Bool {
        guard try reader.next() else { return false }
        issues.removeAll(keepingCapacity: true)
        if reader.fieldCount != header.count {
            issues.append(
                RowIssue(
                    column: nil, value: nil,
                    reason: "the row has \(reader.fieldCount) field\(reader.fieldCount == 1 ? "" : "s") but the header "
                        + "has \(header.count); check for a missing or extra comma, or an unquoted comma in a value"))
        }
        switch reader.quoteProblem {
        case .strayQuote(let field)?:
            issues.append(
                RowIssue(
                    column: field < header.count ? header[field] : "field \(field + 1)", value: nil,
                    reason: "a double quote stands inside an unquoted value or after a closing quote; "
                        + "quote the whole value and double any quote inside it"))
        case .unterminated(let field)?:
            issues.append(
                RowIssue(
                    column: field < header.count ? header[field] : "field \(field + 1)", value: nil,
                    reason: "a quoted value opened on this row is never closed before the end of the file"))
        case nil:
            break
        }
        return true
    }

    public var line: Int { reader.line }

    public var headerNames: [String] { header }

    public func value(slot: Int) -> CellValue {
        guard let bytes = trimmedBytes(slot: slot), !bytes.isEmpty else { return .blank }
        guard let text = bytes.withUnsafeBufferPointer({ String(validating: $0, as: UTF8.self) }) else { return .invalidUTF8 }
        return .text(text)
    }

    /// A bound column's bytes in the current row without surrounding spaces; `nil` when absent.
    private func trimmedBytes(slot: Int) -> ArraySlice<UInt8>? {
        guard let index = slots[slot], index < reader.fieldCount else { return nil }
        let bytes = reader.bytes(at: index)
        return bytes[Self.trimmed(bytes.indices, of: bytes)]
    }

    public func appendValues(count: Int, to bytes: inout [UInt8], bounds: inout [Int]) {
        reader.withFields { fields, fieldEnds in
            // The record's fields are copied at once; each value is then a range of them.
            let base = bytes.count
            bytes.append(contentsOf: fields)
            for slot in 0..<count {
                var value = 0..<0
                if let index = slots[slot], index < fieldEnds.count {
                    value = Self.trimmed((index == 0 ? 0 : fieldEnds[index - 1])..<fieldEnds[index], of: fields)
                }
                bounds.append(base + value.lowerBound)
                bounds.append(base + value.upperBound)
            }
        }
    }

    /// A range of bytes without the spaces, tabs and line ends at either end.
    private static func trimmed<Bytes: RandomAccessCollection>(_ range: Range<Int>, of bytes: Bytes) -> Range<Int>
    where Bytes.Element == UInt8, Bytes.Index == Int {
        func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0D || byte == 0x0A }
        var (start, end) = (range.lowerBound, range.upperBound)
        while start < end, isSpace(bytes[start]) { start += 1 }
        while end > start, isSpace(bytes[end - 1]) { end -= 1 }
        return start..<end
    }

    public var rowIssues: [RowIssue] { issues }

    public func rawBytes() -> [UInt8] { reader.rawBytes() }
}
