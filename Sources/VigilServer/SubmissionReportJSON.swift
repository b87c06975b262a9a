import Hummingbird
import VigilKit
import VigilStore

/// The answer to an event submission, written straight into a buffer. A 1,000-item report is the
/// largest answer on the ingest path, and Foundation's encoder made its encoding cost more than
/// storing the events. Keys are snake_case and sorted, and absent values are left out, as
/// ``Response/json(_:status:audit:)`` writes them.
enum SubmissionReportJSON {
    /// The report as JSON.
    static func encode(_ report: EventSubmission.Report) -> ByteBuffer {
        var out = ByteBuffer()
        out.reserveCapacity(96 + report.items.count * 48)
        out.writeString(#"{"already_stored":\#(report.alreadyStored),"batch":\#(report.batch),"inserted":\#(report.inserted),"items":["#)
        for (position, item) in report.items.enumerated() {
            if position > 0 { out.writeString(",") }
            out.writeString(#"{"accepted":\#(item.accepted),"#)
            if let id = item.id {
                out.writeString(#""id":"#)
                writeString(id, to: &out)
                out.writeString(",")
            }
            out.writeString(#""index":\#(item.index),"issues":["#)
            for (number, issue) in item.issues.enumerated() {
                if number > 0 { out.writeString(",") }
                out.writeString("{")
                if let column = issue.column {
                    out.writeString(#""column":"#)
                    writeString(column, to: &out)
                    out.writeString(",")
                }
                out.writeString(#""reason":"#)
                writeString(issue.reason, to: &out)
                if let value = issue.value {
                    out.writeString(#","value":"#)
                    writeString(value, to: &out)
                }
                out.writeString("}")
            }
            out.writeString("]}")
        }
        out.writeString(#"],"regions":["#)
        for (position, region) in report.regions.enumerated() {
            if position > 0 { out.writeString(",") }
            writeString(region, to: &out)
        }
        out.writeString(#"],"rejected":\#(report.rejected)}"#)
        return out
    }

    /// A JSON string literal: quotes, backslashes and control characters escaped (RFC 8259 §7).
    static func writeString(_ text: String, to out: inout ByteBuffer) {
        out.writeInteger(UInt8(ascii: "\""))
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\""): out.writeStaticString(#"\""#)
            case UInt8(ascii: "\\"): out.writeStaticString(#"\\"#)
            case 0x0A: out.writeStaticString(#"\n"#)
            case 0x0D: out.writeStaticString(#"\r"#)
            case 0x09: out.writeStaticString(#"\t"#)
            case 0..<0x20:
                let hex = String(byte, radix: 16)
                out.writeString(#"\u00"# + (hex.count == 1 ? "0" : "") + hex)
            default: out.writeInteger(byte)
            }
        }
        out.writeInteger(UInt8(ascii: "\""))
    }
}
