import Hummingbird

/// JSON written straight into a buffer, for the large answers of the API (event pages and
/// submission reports), where Foundation's encoder cost more than the database work behind them.
/// Keys are given in sorted order by the caller, and absent values are left out, as
/// ``Response/json(_:status:audit:)`` writes them.
struct JSONOutput {
    /// The JSON written so far.
    private(set) var buffer = ByteBuffer()
    private var first = true

    /// Writes an object whose members `body` writes with ``field(_:_:)``.
    mutating func object(_ body: (inout JSONOutput) -> Void) { container("{", "}", body) }

    /// Writes an array with one element per item.
    mutating func array<Items: Sequence>(_ items: Items, _ element: (inout JSONOutput, Items.Element) -> Void) {
        container("[", "]") { output in
            for item in items {
                output.separate()
                element(&output, item)
            }
        }
    }

    /// Writes a member of the current object.
    mutating func field(_ key: StaticString, _ value: (inout JSONOutput) -> Void) {
        separate()
        buffer.writeInteger(UInt8(ascii: "\""))
        buffer.writeStaticString(key)
        buffer.writeStaticString("\":")
        value(&self)
    }

    /// Writes a member holding text, or nothing when it is absent.
    mutating func field(_ key: StaticString, _ text: String?) {
        guard let text else { return }
        field(key) { $0.string(text) }
    }

    /// Writes a member holding a number or a boolean, or nothing when it is absent.
    mutating func field(_ key: StaticString, _ literal: (some LosslessStringConvertible)?) {
        guard let literal else { return }
        field(key) { $0.buffer.writeString(literal.description) }
    }

    /// Writes a string literal: quotes, backslashes and control characters escaped (RFC 8259 §7).
    mutating func string(_ text: String) {
        buffer.writeInteger(UInt8(ascii: "\""))
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\""): buffer.writeStaticString(#"\""#)
            case UInt8(ascii: "\\"): buffer.writeStaticString(#"\\"#)
            case 0x0A: buffer.writeStaticString(#"\n"#)
            case 0x0D: buffer.writeStaticString(#"\r"#)
            case 0x09: buffer.writeStaticString(#"\t"#)
            case 0..<0x20:
                let hex = String(byte, radix: 16)
                buffer.writeString(#"\u00"# + (hex.count == 1 ? "0" : "") + hex)
            default: buffer.writeInteger(byte)
            }
        }
        buffer.writeInteger(UInt8(ascii: "\""))
    }

    private mutating func separate() {
        if !first { buffer.writeInteger(UInt8(ascii: ",")) }
        first = false
    }

    private mutating func container(_ open: Unicode.Scalar, _ close: Unicode.Scalar, _ body: (inout JSONOutput) -> Void) {
        buffer.writeInteger(UInt8(ascii: open))
        first = true
        body(&self)
        buffer.writeInteger(UInt8(ascii: close))
        first = false
    }
}
