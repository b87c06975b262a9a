/// Splits an input into lines (LF or CRLF), reading in chunks so memory stays bounded by the
/// longest line.
public final class LineReader<Input: ByteInput> {
    private var input: Input
    private let buffer: UnsafeMutableRawBufferPointer
    private var position = 0
    private var end = 0
    private var atEndOfInput = false
    private var isFirstChunk = true

    /// The bytes of the current line, without its line end.
    public private(set) var lineBytes: [UInt8] = []
    /// The 1-based number of the current line.
    public private(set) var lineNumber = 0

    /// Creates a reader over an input.
    public init(_ input: Input, chunkSize: Int = 1 << 20) {
        self.input = input
        buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: chunkSize, alignment: 16)
    }

    deinit { buffer.deallocate() }

    /// Reads the next line; `false` at the end of the input. A last line without a line end is
    /// still a line.
    public func next() throws -> Bool {
        lineBytes.removeAll(keepingCapacity: true)
        var sawAnything = false
        while true {
            if position == end {
                guard try refill() else {
                    guard sawAnything else { return false }
                    lineNumber += 1
                    return true
                }
            }
            sawAnything = true
            let base = buffer.baseAddress!.assumingMemoryBound(to: UInt8.self)
            var scan = position
            while scan < end, base[scan] != 10 { scan += 1 }
            lineBytes.append(contentsOf: UnsafeBufferPointer(start: base + position, count: scan - position))
            if scan < end {
                position = scan + 1
                if lineBytes.last == 13 { lineBytes.removeLast() }
                lineNumber += 1
                return true
            }
            position = scan
        }
    }

    private func refill() throws -> Bool {
        guard !atEndOfInput else { return false }
        end = try input.read(into: buffer)
        position = 0
        if end == 0 {
            atEndOfInput = true
            return false
        }
        if isFirstChunk {
            isFirstChunk = false
            if end >= 3, buffer[0] == 0xEF, buffer[1] == 0xBB, buffer[2] == 0xBF { position = 3 }
        }
        return true
    }
}
