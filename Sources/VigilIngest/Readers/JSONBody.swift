/// A JSON request body (one object, or an array of items) as NDJSON, so that the items of an
/// array are read, validated and reported one per line like the lines of an NDJSON file.
public enum JSONBody {
    /// Rewrites a body as NDJSON: an object becomes one line; each item of an array becomes a line
    /// of its own (line breaks between an item's tokens become spaces), so that item *n* (from 0)
    /// is line *n* + 1.
    /// - Throws: ``IngestError`` when the body is not valid JSON, or is neither an object nor an
    ///   array; the message says what was expected at which column.
    public static func lines(_ body: [UInt8]) throws(IngestError) -> [UInt8] {
        guard let first = body.first(where: { $0 != 0x20 && $0 != 0x09 && $0 != 0x0A && $0 != 0x0D }),
            first == UInt8(ascii: "{") || first == UInt8(ascii: "[")
        else {
            throw IngestError(code: .invalidOption, origin: "body", message: "the body must be an event object or a JSON array of them")
        }
        let items: [Range<Int>]
        do { items = try JSONScanner.items(body) } catch {
            throw IngestError(code: .invalidOption, origin: "body", message: "the body is not valid JSON: \(error.reason)")
        }
        var output: [UInt8] = []
        output.reserveCapacity(body.count + items.count)
        for range in items {
            // A raw line break inside a string is invalid JSON and was refused above, so every one
            // left lies between tokens.
            output.append(contentsOf: body[range].lazy.map { $0 == 0x0A || $0 == 0x0D ? 0x20 : $0 })
            output.append(0x0A)
        }
        return output
    }
}
