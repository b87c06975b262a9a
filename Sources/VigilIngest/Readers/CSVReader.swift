/// A streaming reader of comma-separated values as RFC 4180 defines them.
///
/// It reads its input in 1 MiB chunks and keeps only the current record, so memory does not grow
/// with the file. It accepts quoted fields with doubled quotes, commas and line breaks inside
/// them, CRLF, LF or CR line ends, a UTF-8 byte-order mark, and a last line without a line end.
/// Blank lines are skipped. Quoting mistakes do not stop it: the record is returned with
/// ``quoteProblem`` set, so the caller can quarantine it and go on.
///
/// Fields are bytes until asked for; ``string(at:)`` validates UTF-8 per field, so an invalid byte
/// is reported with its column.
///
/// - Complexity: O(n) in the input size, one pass, no backtracking.
public final class CSVReader<Input: ByteInput> {
    /// A problem with quotes in the current record.
    public enum QuoteProblem: Hashable, Sendable {
        /// A quote inside an unquoted field, or text after a closing quote, in this 0-based field.
        case strayQuote(field: Int)
        /// A quoted field that the end of the input closed.
        case unterminated(field: Int)
    }

    private var input: Input
    private let buffer: UnsafeMutableRawBufferPointer
    private var position = 0
    private var end = 0
    private var atEndOfInput = false
    private var isFirstChunk = true

    // The reader belongs to one task; exclusivity checks on these per-byte buffers only cost time.
    @exclusivity(unchecked) private var fieldBytes: [UInt8] = []
    @exclusivity(unchecked) private var fieldEnds: [Int] = []
    @exclusivity(unchecked) private var rawCarry: [UInt8] = []
    private var rawStart = 0
    private var rawEnd = 0
    private var pendingLineFeed = false
    private var nextLine = 1

    /// The 1-based physical line on which the current record starts.
    public private(set) var line = 0
    /// The quoting problem of the current record, if any (the first one found).
    public private(set) var quoteProblem: QuoteProblem?

    /// Creates a reader over an input.
    /// - Parameter chunkSize: How many bytes to read at a time.
    public init(_ input: Input, chunkSize: Int = 1 << 20) {
        precondition(chunkSize > 0, "chunkSize must be positive")
        self.input = input
        buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: chunkSize, alignment: 16)
        fieldBytes.reserveCapacity(4096)
        fieldEnds.reserveCapacity(64)
    }

    deinit { buffer.deallocate() }

    /// The number of fields in the current record.
    public var fieldCount: Int { fieldEnds.count }

    /// The bytes of a field of the current record, without quotes and with doubled quotes undone.
    public func bytes(at index: Int) -> ArraySlice<UInt8> {
        fieldBytes[(index == 0 ? 0 : fieldEnds[index - 1])..<fieldEnds[index]]
    }

    /// Calls `body` with the current record's field bytes, one after another, and where each field
    /// ends in them: for reading every field of every record without a copy per field.
    public func withFields<Result>(_ body: (UnsafeBufferPointer<UInt8>, [Int]) throws -> Result) rethrows -> Result {
        try fieldBytes.withUnsafeBufferPointer { try body($0, fieldEnds) }
    }

    /// A field of the current record as text, or `nil` when its bytes are not valid UTF-8.
    public func string(at index: Int) -> String? {
        let slice = bytes(at: index)
        return slice.withUnsafeBufferPointer { String(validating: $0, as: UTF8.self) }
    }

    /// The current record as it stood in the input, without its line end. Invalid UTF-8 is
    /// replaced by U+FFFD.
    public func rawText() -> String { String(decoding: rawBytes(), as: UTF8.self) }

    /// The bytes of the current record as they stood in the input, without its line end.
    public func rawBytes() -> [UInt8] {
        var raw = rawCarry
        raw.append(contentsOf: UnsafeRawBufferPointer(rebasing: buffer[rawStart..<rawEnd]))
        return raw
    }

    /// Reads the next record.
    /// - Returns: `false` at the end of the input.
    /// - Throws: What the input throws when a read fails.
    public func next() throws -> Bool {
        fieldBytes.removeAll(keepingCapacity: true)
        fieldEnds.removeAll(keepingCapacity: true)
        rawCarry.removeAll(keepingCapacity: true)
        quoteProblem = nil
        rawStart = rawEnd
        if rawStart < position { rawStart = position }

        // Skip line ends before the record (blank lines, or the LF of a CRLF).
        while true {
            if position == end {
                guard try refill() else { return false }
                rawStart = position
                continue
            }
            let byte = buffer[position]
            if byte == 10 {
                if !pendingLineFeed { nextLine += 1 }
                pendingLineFeed = false
            } else if byte == 13 {
                nextLine += 1
                pendingLineFeed = true
            } else {
                break
            }
            position += 1
            rawStart = position
        }
        pendingLineFeed = false
        line = nextLine
        try readRecord()
        return true
    }

    private enum State { case fieldStart, unquoted, quoted, afterQuote }

    private func readRecord() throws {
        var state = State.fieldStart
        let quote: UInt8 = 34, comma: UInt8 = 44, lineFeed: UInt8 = 10, carriageReturn: UInt8 = 13
        while true {
            if position == end {
                rawCarry.append(contentsOf: UnsafeRawBufferPointer(rebasing: buffer[rawStart..<end]))
                if try !refill() {
                    if state == .quoted, quoteProblem == nil { quoteProblem = .unterminated(field: fieldEnds.count) }
                    fieldEnds.append(fieldBytes.count)
                    rawStart = 0
                    rawEnd = 0
                    end = 0
                    position = 0
                    return
                }
                rawStart = 0
                continue
            }
            let base = buffer.baseAddress!.assumingMemoryBound(to: UInt8.self)
            switch state {
            case .fieldStart, .unquoted:
                if state == .fieldStart, base[position] == quote {
                    state = .quoted
                    position += 1
                    continue
                }
                state = .unquoted
                var scan = position
                while scan < end {
                    let byte = base[scan]
                    if byte == comma || byte == lineFeed || byte == carriageReturn || byte == quote { break }
                    scan += 1
                }
                fieldBytes.append(contentsOf: UnsafeBufferPointer(start: base + position, count: scan - position))
                position = scan
                guard scan < end else { continue }
                let byte = base[scan]
                position += 1
                if byte == comma {
                    fieldEnds.append(fieldBytes.count)
                    state = .fieldStart
                } else if byte == quote {
                    if quoteProblem == nil { quoteProblem = .strayQuote(field: fieldEnds.count) }
                    fieldBytes.append(quote)
                } else {
                    finishRecord(terminator: byte, at: scan)
                    return
                }
            case .quoted:
                var scan = position
                while scan < end {
                    let byte = base[scan]
                    if byte == quote { break }
                    if byte == lineFeed { nextLine += 1 }
                    scan += 1
                }
                fieldBytes.append(contentsOf: UnsafeBufferPointer(start: base + position, count: scan - position))
                position = scan
                if scan < end {
                    position += 1
                    state = .afterQuote
                }
            case .afterQuote:
                let byte = base[position]
                position += 1
                if byte == quote {
                    fieldBytes.append(quote)
                    state = .quoted
                } else if byte == comma {
                    fieldEnds.append(fieldBytes.count)
                    state = .fieldStart
                } else if byte == lineFeed || byte == carriageReturn {
                    finishRecord(terminator: byte, at: position - 1)
                    return
                } else {
                    if quoteProblem == nil { quoteProblem = .strayQuote(field: fieldEnds.count) }
                    fieldBytes.append(byte)
                    state = .unquoted
                }
            }
        }
    }

    private func finishRecord(terminator: UInt8, at index: Int) {
        fieldEnds.append(fieldBytes.count)
        rawEnd = index
        nextLine += 1
        pendingLineFeed = terminator == 13
    }

    /// Reads the next chunk. Returns `false` at the end of the input.
    private func refill() throws -> Bool {
        guard !atEndOfInput else { return false }
        let count = try input.read(into: buffer)
        position = 0
        end = count
        rawEnd = 0
        if count == 0 {
            atEndOfInput = true
            return false
        }
        if isFirstChunk {
            isFirstChunk = false
            if count >= 3, buffer[0] == 0xEF, buffer[1] == 0xBB, buffer[2] == 0xBF { position = 3 }
        }
        return true
    }
}
