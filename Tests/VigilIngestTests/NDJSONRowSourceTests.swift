import Testing
import VigilIngest
import VigilStore

@Suite("NDJSON rows")
struct NDJSONRowSourceTests {
    func rows(_ text: String, columns: [String]) throws -> [(line: Int, values: [CellValue], issues: [RowIssue])] {
        let source = NDJSONRowSource(MemoryInput(text), origin: "test.ndjson")
        _ = try source.bind(columns: columns)
        var result: [(Int, [CellValue], [RowIssue])] = []
        while try source.next() {
            result.append((source.line, columns.indices.map { source.value(slot: $0) }, source.rowIssues))
        }
        return result
    }

    @Test("scalars become text, null and missing keys are blank, arrays join with ';'")
    func values() throws {
        let text = """
            {"id": "a1", "count": 3, "ratio": 0.5, "flag": true, "list": ["fentanyl", "xylazine"], "gone": null}

            {"id": " b2 "}
            """
        let result = try rows(text, columns: ["id", "count", "ratio", "flag", "list", "gone", "absent"])
        #expect(result.map(\.line) == [1, 3])
        #expect(result[0].values == [.text("a1"), .text("3"), .text("0.5"), .text("true"), .text("fentanyl;xylazine"), .blank, .blank])
        #expect(result[1].values[0] == .text("b2"))
        #expect(result.allSatisfy { $0.issues.isEmpty })
    }

    @Test("a line that is not a JSON object, or a nested object, is a row issue")
    func issues() throws {
        let result = try rows("{\"id\": 1\n[1,2]\n{\"id\": {\"x\": 1}}\n{\"id\": \"ok\"}\n", columns: ["id"])
        #expect(result.map { $0.issues.count } == [1, 1, 1, 0])
        #expect(result[0].issues[0].reason.contains("not a JSON object"))
        #expect(result[2].issues[0].column == "id")
    }
}
