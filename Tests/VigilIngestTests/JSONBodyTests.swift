import Foundation
import Testing
import VigilIngest
import VigilStore

@Suite("JSON bodies and lines")
struct JSONBodyTests {
    func cells(_ line: String, columns: [String]) throws -> (values: [CellValue], issues: [RowIssue], fields: [String]) {
        let source = NDJSONRowSource(MemoryInput(line), origin: "test")
        _ = try source.bind(columns: columns)
        #expect(try source.next())
        return (columns.indices.map { source.value(slot: $0) }, source.rowIssues, source.fieldNames)
    }

    @Test("escapes, surrogate pairs and UTF-8 read as Foundation reads them")
    func strings() throws {
        let line = #"{"a": "tab\tquote\" slash\/ back\\ \u00e9\u4e2d\ud83d\udc8a", "b": "Zürich – naïve", "c": ""}"#
        let reference = try JSONSerialization.jsonObject(with: Data(line.utf8)) as! [String: String]
        let (values, issues, fields) = try cells(line, columns: ["a", "b", "c"])
        #expect(issues.isEmpty)
        #expect(fields == ["a", "b", "c"])
        #expect(values[0] == .text(reference["a"]!.trimmingCharacters(in: .whitespaces)))
        #expect(values[1] == .text(reference["b"]!))
        #expect(values[2] == .blank)
    }

    @Test("numbers: integers as written, whole doubles without a fraction, others as Double prints them")
    func numbers() throws {
        let (values, issues, _) = try cells(
            #"{"a": 42, "b": -0, "c": 1.0, "d": 1e2, "e": 0.25, "f": -7.5E-1, "g": 12345678901234567890}"#,
            columns: ["a", "b", "c", "d", "e", "f", "g"])
        #expect(issues.isEmpty)
        #expect(values == [.text("42"), .text("0"), .text("1"), .text("100"), .text("0.25"), .text("-0.75"), .text("1.2345678901234567e+19")])
    }

    @Test("arrays of scalars join with ';'; nested values, repeated fields and bad syntax are row issues with a column")
    func issues() throws {
        #expect(try cells(#"{"s": ["a", null, 2, true], "e": []}"#, columns: ["s", "e"]).values == [.text("a;2;true"), .blank])
        #expect(try cells(#"{"s": [["a"]]}"#, columns: ["s"]).issues.first?.column == "s")
        let repeated = try cells(#"{"s": 1, "s": 2}"#, columns: ["s"]).issues
        #expect(repeated.first?.reason.contains("\"s\" appears twice") == true)
        let cases: [(String, String)] = [
            (#"{"s": 1"#, "expected ',' or '}' after the value of \"s\" at column 8, found the end"),
            (#"{"s": tru}"#, "expected 'true' at column 7"),
            (#"{"s": 01}"#, "expected ',' or '}' after the value of \"s\" at column 8, found '1'"),
            (#"{"s": 1.}"#, "expected a digit after the decimal point at column 9"),
            (#"{"s": "a\qb"}"#, "at column 10"),
            (#"{"s": "\ud83d"}"#, "surrogate pair"),
            ("{\"s\": \"a\u{1}b\"}", "control characters must be escaped"),
            (#"{"s": 1} x"#, "nothing after the object's closing '}' at column 10"),
            (#"{s: 1}"#, "expected '\"' opening a string at column 2, found 's'"),
        ]
        for (line, reason) in cases {
            let issues = try cells(line, columns: ["s"]).issues
            #expect(issues.count == 1, "\(line)")
            #expect(issues.first?.reason.contains(reason) == true, "\(line): \(issues.first?.reason ?? "no issue")")
        }
    }

    @Test("an array body becomes one line per item, pretty-printed items included")
    func arrayBody() throws {
        let body = "[\n  {\"id\": \"a\",\n   \"n\": [1,\n 2]},\n  5, {\"id\": \"line\\nbreak\"}\n]\n"
        let lines = String(decoding: try JSONBody.lines(Array(body.utf8)), as: UTF8.self)
        #expect(lines == "{\"id\": \"a\",    \"n\": [1,  2]}\n5\n{\"id\": \"line\\nbreak\"}\n")
        #expect(try JSONBody.lines(Array(" [ ] ".utf8)).isEmpty)
        #expect(String(decoding: try JSONBody.lines(Array("{\"a\": 1}".utf8)), as: UTF8.self) == "{\"a\": 1}\n")
    }

    @Test("a body that is not JSON, not an object or array, or nested too deep is refused with a column")
    func badBodies() throws {
        let cases: [(String, String)] = [
            ("[{\"a\": 1} {\"a\": 2}]", "expected ',' or ']' after item 1 at column 11, found '{'"),
            ("42", "must be an event object or a JSON array"),
            ("[1, 2", "after item 2 at column 6, found the end"),
            (String(repeating: "[", count: 100) + String(repeating: "]", count: 100), "nested more than 64 deep"),
        ]
        for (body, message) in cases {
            do {
                _ = try JSONBody.lines(Array(body.utf8))
                Issue.record("\(body) was accepted")
            } catch {
                #expect(error.message.contains(message), "\(error.message)")
            }
        }
    }
}
