/// A strict JSON reader (RFC 8259) for the flat records Vigil imports: one object whose values
/// are scalars or arrays of scalars. It reads bytes in place, without building a document tree,
/// which makes it several times faster than Foundation's decoders for this job.
///
/// Every failure names what was expected and the 1-based column (byte) where the text went wrong.
/// Nesting deeper than ``maximumDepth`` is refused rather than followed, so that a hostile body
/// cannot exhaust the stack.
struct JSONScanner {
    /// A value as a cell sees it.
    enum Cell: Equatable {
        /// `null`.
        case null
        /// A string, number or boolean as text; an array of them joined with `;` (nulls left out).
        case text(String)
        /// An object, or an array holding an object or an array.
        case nested
    }

    /// Why the text is not the JSON expected.
    struct Failure: Error {
        /// What was wrong and where (1-based column).
        var reason: String
    }

    /// The deepest nesting of arrays and objects that is followed.
    static let maximumDepth = 64

    private let bytes: UnsafeBufferPointer<UInt8>
    private var position = 0

    private init(_ bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

    /// The members of a JSON object, in order.
    /// - Throws: ``Failure`` when the text is not one JSON object, or a key appears twice.
    static func object(_ text: [UInt8]) throws(Failure) -> [(key: String, value: Cell)] {
        let result: Result<[(key: String, value: Cell)], Failure> = text.withUnsafeBufferPointer { buffer in
            var scanner = JSONScanner(buffer)
            return Result { () throws(Failure) in
                scanner.skipWhitespace()
                let members = try scanner.objectMembers()
                scanner.skipWhitespace()
                guard scanner.position == buffer.count else { throw scanner.failure("nothing after the object's closing '}'") }
                return members
            }
        }
        return try result.get()
    }

    /// The byte ranges of the items of a top-level JSON array, or the whole text when it is one
    /// value that is not an array. Every item is checked to be valid JSON.
    /// - Throws: ``Failure`` when the text is not valid JSON.
    static func items(_ text: [UInt8]) throws(Failure) -> [Range<Int>] {
        let result: Result<[Range<Int>], Failure> = text.withUnsafeBufferPointer { buffer in
            var scanner = JSONScanner(buffer)
            return Result { () throws(Failure) in
                scanner.skipWhitespace()
                var ranges: [Range<Int>] = []
                if scanner.peek == UInt8(ascii: "[") {
                    scanner.position += 1
                    scanner.skipWhitespace()
                    if scanner.peek == UInt8(ascii: "]") {
                        scanner.position += 1
                    } else {
                        while true {
                            scanner.skipWhitespace()
                            let start = scanner.position
                            try scanner.skipValue(depth: 1)
                            ranges.append(start..<scanner.position)
                            scanner.skipWhitespace()
                            if try scanner.endOfList(closedBy: "]", after: "item \(ranges.count)") { break }
                        }
                    }
                } else {
                    let start = scanner.position
                    try scanner.skipValue(depth: 0)
                    ranges.append(start..<scanner.position)
                }
                scanner.skipWhitespace()
                guard scanner.position == buffer.count else { throw scanner.failure("nothing after the end of the JSON value") }
                return ranges
            }
        }
        return try result.get()
    }

    // MARK: Grammar

    private var peek: UInt8? { position < bytes.count ? bytes[position] : nil }

    private func failure(_ expected: String) -> Failure {
        let found = peek.map(Self.describe) ?? "the end"
        return Failure(reason: "expected \(expected) at column \(position + 1), found \(found)")
    }

    private static func describe(_ byte: UInt8) -> String {
        byte >= 0x20 && byte < 0x7F ? "'\(Character(Unicode.Scalar(byte)))'" : "byte 0x" + String(byte, radix: 16, uppercase: true)
    }

    private mutating func skipWhitespace() {
        while let byte = peek, byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D { position += 1 }
    }

    /// After an item: `true` at the closing bracket, `false` after a comma.
    private mutating func endOfList(closedBy close: Unicode.Scalar, after item: String) throws(Failure) -> Bool {
        switch peek {
        case UInt8(ascii: ","):
            position += 1
            return false
        case UInt8(ascii: close):
            position += 1
            return true
        default: throw failure("',' or '\(close)' after \(item)")
        }
    }

    private mutating func objectMembers() throws(Failure) -> [(key: String, value: Cell)] {
        guard peek == UInt8(ascii: "{") else { throw failure("'{' opening an object") }
        position += 1
        skipWhitespace()
        var members: [(key: String, value: Cell)] = []
        if peek == UInt8(ascii: "}") {
            position += 1
            return members
        }
        while true {
            skipWhitespace()
            let keyStart = position
            let key = try string()
            if members.contains(where: { $0.key == key }) {
                position = keyStart
                throw Failure(reason: "the field \"\(key)\" appears twice (column \(keyStart + 1)); give each field once")
            }
            skipWhitespace()
            guard peek == UInt8(ascii: ":") else { throw failure("':' after the field name \"\(key)\"") }
            position += 1
            skipWhitespace()
            members.append((key, try cell()))
            skipWhitespace()
            if try endOfList(closedBy: "}", after: "the value of \"\(key)\"") { return members }
        }
    }

    private mutating func cell() throws(Failure) -> Cell {
        switch peek {
        case UInt8(ascii: "{"):
            try skipValue(depth: 1)
            return .nested
        case UInt8(ascii: "["):
            position += 1
            skipWhitespace()
            var texts: [String] = []
            var nested = false
            if peek == UInt8(ascii: "]") {
                position += 1
                return .text("")
            }
            while true {
                skipWhitespace()
                if peek == UInt8(ascii: "{") || peek == UInt8(ascii: "[") {
                    try skipValue(depth: 2)
                    nested = true
                } else if case .text(let text) = try scalar() {
                    texts.append(text)
                }
                skipWhitespace()
                if try endOfList(closedBy: "]", after: "an array item") { break }
            }
            return nested ? .nested : .text(texts.joined(separator: ";"))
        default:
            return try scalar()
        }
    }

    private mutating func scalar() throws(Failure) -> Cell {
        switch peek ?? 0 {
        case UInt8(ascii: "\""): return .text(try string())
        case UInt8(ascii: "t"):
            try literal("true")
            return .text("true")
        case UInt8(ascii: "f"):
            try literal("false")
            return .text("false")
        case UInt8(ascii: "n"):
            try literal("null")
            return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .text(try number())
        default: throw failure("a value (a string, number, true, false, null, array or object)")
        }
    }

    private mutating func literal(_ word: StaticString) throws(Failure) {
        let start = position
        for index in 0..<word.utf8CodeUnitCount {
            guard peek == word.utf8Start[index] else {
                position = start
                throw failure("'\(word)'")
            }
            position += 1
        }
    }

    /// A number as text: an integer that fits in 64 bits as written (without a sign on zero),
    /// anything else through `Double`, whole values below 10¹⁵ without a fraction.
    private mutating func number() throws(Failure) -> String {
        let start = position
        var integral = true
        if peek == UInt8(ascii: "-") { position += 1 }
        if peek == UInt8(ascii: "0") {
            position += 1
        } else {
            guard digits() > 0 else { throw failure("a digit") }
        }
        if peek == UInt8(ascii: ".") {
            position += 1
            integral = false
            guard digits() > 0 else { throw failure("a digit after the decimal point") }
        }
        if peek == UInt8(ascii: "e") || peek == UInt8(ascii: "E") {
            position += 1
            integral = false
            if peek == UInt8(ascii: "+") || peek == UInt8(ascii: "-") { position += 1 }
            guard digits() > 0 else { throw failure("a digit in the exponent") }
        }
        let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<position]), as: UTF8.self)
        if integral, let value = Int64(text) { return String(value) }
        let value = Double(text) ?? .infinity
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return String(value)
    }

    private mutating func digits() -> Int {
        let start = position
        while let byte = peek, byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") { position += 1 }
        return position - start
    }

    private mutating func string() throws(Failure) -> String {
        guard peek == UInt8(ascii: "\"") else { throw failure("'\"' opening a string") }
        position += 1
        let start = position
        // The common case: no escapes.
        while let byte = peek, byte != UInt8(ascii: "\""), byte != UInt8(ascii: "\\"), byte >= 0x20 { position += 1 }
        if peek == UInt8(ascii: "\"") {
            position += 1
            return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<position - 1]), as: UTF8.self)
        }
        var scalars = Array(bytes[start..<position])
        while true {
            guard let byte = peek else { throw failure("'\"' closing the string") }
            position += 1
            switch byte {
            case UInt8(ascii: "\""):
                return String(decoding: scalars, as: UTF8.self)
            case UInt8(ascii: "\\"):
                try escape(into: &scalars)
            case 0..<0x20:
                position -= 1
                throw failure("a character in the string (control characters must be escaped, e.g. \\n)")
            default:
                scalars.append(byte)
            }
        }
    }

    private mutating func escape(into output: inout [UInt8]) throws(Failure) {
        guard let byte = peek else { throw failure("an escape after '\\'") }
        position += 1
        let simple: [UInt8: UInt8] = [
            UInt8(ascii: "\""): 0x22, UInt8(ascii: "\\"): 0x5C, UInt8(ascii: "/"): 0x2F, UInt8(ascii: "b"): 0x08,
            UInt8(ascii: "f"): 0x0C, UInt8(ascii: "n"): 0x0A, UInt8(ascii: "r"): 0x0D, UInt8(ascii: "t"): 0x09,
        ]
        if let replacement = simple[byte] {
            output.append(replacement)
            return
        }
        guard byte == UInt8(ascii: "u") else {
            position -= 1
            throw failure("one of \\\" \\\\ \\/ \\b \\f \\n \\r \\t \\u after '\\'")
        }
        var value = try hexQuad()
        if (0xD800..<0xDC00).contains(value) {
            guard peek == UInt8(ascii: "\\") else { throw failure("'\\u' with the low half of a surrogate pair") }
            position += 1
            guard peek == UInt8(ascii: "u") else { throw failure("'\\u' with the low half of a surrogate pair") }
            position += 1
            let low = try hexQuad()
            guard (0xDC00..<0xE000).contains(low) else { throw failure("the low half of a surrogate pair (\\uDC00 to \\uDFFF)") }
            value = 0x10000 + ((value - 0xD800) << 10) + (low - 0xDC00)
        }
        guard let scalar = Unicode.Scalar(value) else { throw failure("a Unicode scalar, not a lone surrogate") }
        output.append(contentsOf: String(Character(scalar)).utf8)
    }

    private mutating func hexQuad() throws(Failure) -> UInt32 {
        var value: UInt32 = 0
        for _ in 0..<4 {
            guard let byte = peek, let digit = UInt32(String(Unicode.Scalar(byte)), radix: 16) else {
                throw failure("four hexadecimal digits after '\\u'")
            }
            value = value << 4 | digit
            position += 1
        }
        return value
    }

    /// Moves past one value of any kind, checking its syntax.
    private mutating func skipValue(depth: Int) throws(Failure) {
        switch peek {
        case UInt8(ascii: "{"), UInt8(ascii: "["):
            guard depth < Self.maximumDepth else {
                throw Failure(reason: "arrays and objects are nested more than \(Self.maximumDepth) deep at column \(position + 1)")
            }
            let object = peek == UInt8(ascii: "{")
            position += 1
            skipWhitespace()
            if peek == UInt8(ascii: object ? "}" : "]") {
                position += 1
                return
            }
            while true {
                skipWhitespace()
                if object {
                    _ = try string()
                    skipWhitespace()
                    guard peek == UInt8(ascii: ":") else { throw failure("':' after a field name") }
                    position += 1
                    skipWhitespace()
                }
                try skipValue(depth: depth + 1)
                skipWhitespace()
                if try endOfList(closedBy: object ? "}" : "]", after: object ? "a field" : "an array item") { return }
            }
        default:
            _ = try scalar()
        }
    }
}
