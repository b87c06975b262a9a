import NIOCore

/// Rows in the text format of `COPY … FROM STDIN`: fields separated by tabs, rows ended by a line
/// feed, `\N` for NULL, and backslash, tab, line feed and carriage return escaped.
struct CopyText {
    /// The rows written so far.
    private(set) var buffer = ByteBuffer()
    private var rowStarted = false

    /// Adds a field to the current row; `nil` is NULL.
    mutating func field(_ value: String?) {
        separate()
        guard let value else {
            buffer.writeStaticString("\\N")
            return
        }
        for byte in value.utf8 {
            switch byte {
            case UInt8(ascii: "\\"): buffer.writeStaticString("\\\\")
            case 0x09: buffer.writeStaticString("\\t")
            case 0x0A: buffer.writeStaticString("\\n")
            case 0x0D: buffer.writeStaticString("\\r")
            default: buffer.writeInteger(byte)
            }
        }
    }

    /// Adds a number field; `nil` is NULL.
    mutating func field(_ value: (some BinaryInteger & LosslessStringConvertible)?) { field(value?.description) }

    /// Adds a real number field, as Swift prints it (the shortest text that reads back the same); `nil` is NULL.
    mutating func field(_ value: Double?) { field(value?.description) }

    /// Adds a boolean field (`t`/`f`); `nil` is NULL.
    mutating func field(_ value: Bool?) { field(value.map { $0 ? "t" : "f" }) }

    /// Ends the current row.
    mutating func endRow() {
        buffer.writeInteger(UInt8(ascii: "\n"))
        rowStarted = false
    }

    private mutating func separate() {
        if rowStarted { buffer.writeInteger(UInt8(ascii: "\t")) }
        rowStarted = true
    }
}
