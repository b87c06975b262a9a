import Foundation
import Hummingbird

/// The parts of a `multipart/form-data` body (RFC 7578): each part's name and bytes.
enum MultipartForm {
    /// The parts, by field name; `nil` when the body is not multipart or has no boundary.
    static func parts(_ body: ByteBuffer, contentType: String) -> [String: [UInt8]]? {
        guard contentType.lowercased().hasPrefix("multipart/form-data"),
            let range = contentType.range(of: "boundary=")
        else { return nil }
        let boundary = Array(("--" + contentType[range.upperBound...].trimmingCharacters(in: CharacterSet(charactersIn: "\" "))).utf8)
        let bytes = Array(body.readableBytesView)
        var parts: [String: [UInt8]] = [:]
        var starts: [Int] = []
        var index = 0
        while let found = find(boundary, in: bytes, from: index) {
            starts.append(found)
            index = found + boundary.count
        }
        for (start, end) in zip(starts, starts.dropFirst()) {
            // A part: boundary CRLF headers CRLF CRLF content CRLF.
            let partStart = start + boundary.count + 2
            guard partStart < end, let split = find(Array("\r\n\r\n".utf8), in: bytes, from: partStart), split < end else { continue }
            let headers = String(decoding: bytes[partStart..<split], as: UTF8.self)
            guard let nameRange = headers.range(of: "name=\"") else { continue }
            let name = String(headers[nameRange.upperBound...].prefix { $0 != "\"" })
            parts[name] = Array(bytes[(split + 4)..<max(split + 4, end - 2)])
        }
        return parts
    }

    private static func find(_ needle: [UInt8], in haystack: [UInt8], from start: Int) -> Int? {
        guard !needle.isEmpty, haystack.count >= needle.count, start <= haystack.count - needle.count else { return nil }
        var index = start
        while index <= haystack.count - needle.count {
            if haystack[index] == needle[0], haystack[index..<(index + needle.count)].elementsEqual(needle) { return index }
            index += 1
        }
        return nil
    }
}
