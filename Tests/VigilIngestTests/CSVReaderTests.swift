import Foundation
import Testing
import VigilCore
import VigilIngest

/// A record as the tests see it: its start line, fields (nil where not UTF-8), and quoting problem.
struct ParsedRecord: Equatable, CustomStringConvertible {
    var line: Int
    var fields: [String?]
    var quoteProblem: CSVReader<MemoryInput>.QuoteProblem?
    var description: String { "line \(line): \(fields) \(quoteProblem.map { "\($0)" } ?? "")" }
}

func parseCSV(_ bytes: [UInt8], chunkSize: Int = 1 << 20) throws -> [ParsedRecord] {
    let reader = CSVReader(MemoryInput(bytes), chunkSize: chunkSize)
    var records: [ParsedRecord] = []
    while try reader.next() {
        records.append(
            ParsedRecord(
                line: reader.line, fields: (0..<reader.fieldCount).map { reader.string(at: $0) },
                quoteProblem: reader.quoteProblem))
    }
    return records
}

func parseCSV(_ text: String, chunkSize: Int = 1 << 20) throws -> [ParsedRecord] {
    try parseCSV(Array(text.utf8), chunkSize: chunkSize)
}

@Suite("CSV reader (RFC 4180)")
struct CSVReaderTests {
    @Test("plain fields, LF line ends")
    func plain() throws {
        #expect(try parseCSV("a,b,c\n1,2,3\n") == [
            ParsedRecord(line: 1, fields: ["a", "b", "c"]), ParsedRecord(line: 2, fields: ["1", "2", "3"]),
        ])
    }

    @Test("CRLF and lone CR line ends count lines the same way")
    func lineEnds() throws {
        let expected = [ParsedRecord(line: 1, fields: ["a", "b"]), ParsedRecord(line: 2, fields: ["1", "2"])]
        #expect(try parseCSV("a,b\r\n1,2\r\n") == expected)
        #expect(try parseCSV("a,b\r1,2\r") == expected)
        #expect(try parseCSV("a,b\n1,2") == expected)
    }

    @Test("quoted fields keep commas, doubled quotes and line breaks; lines are counted inside them")
    func quoted() throws {
        let text = "id,text\n1,\"a, b\"\n2,\"say \"\"hi\"\"\"\n3,\"two\nlines\"\n4,\"\"\n5,x\n"
        #expect(try parseCSV(text) == [
            ParsedRecord(line: 1, fields: ["id", "text"]), ParsedRecord(line: 2, fields: ["1", "a, b"]),
            ParsedRecord(line: 3, fields: ["2", "say \"hi\""]), ParsedRecord(line: 4, fields: ["3", "two\nlines"]),
            ParsedRecord(line: 6, fields: ["4", ""]), ParsedRecord(line: 7, fields: ["5", "x"]),
        ])
    }

    @Test("a CRLF inside a quoted field is kept as it stands")
    func quotedCRLF() throws {
        #expect(try parseCSV("a\r\n\"x\r\ny\"\r\n").map(\.fields) == [["a"], ["x\r\ny"]])
    }

    @Test("a UTF-8 byte-order mark is skipped, and UTF-8 text is kept")
    func byteOrderMark() throws {
        #expect(try parseCSV([0xEF, 0xBB, 0xBF] + Array("name\nDoña Ana\n".utf8)).map(\.fields) == [["name"], ["Doña Ana"]])
    }

    @Test("empty fields, a trailing empty field and a one-column file")
    func emptyFields() throws {
        #expect(try parseCSV(",a,\n").map(\.fields) == [["", "a", ""]])
        #expect(try parseCSV("only\nx\ny\n").map(\.fields) == [["only"], ["x"], ["y"]])
    }

    @Test("blank lines are skipped but counted")
    func blankLines() throws {
        #expect(try parseCSV("a\n\n\nb\r\n\r\nc").map { "\($0.line):\($0.fields[0]!)" } == ["1:a", "4:b", "6:c"])
    }

    @Test("an empty input has no records; a header-only input has one")
    func emptyAndHeaderOnly() throws {
        #expect(try parseCSV("").isEmpty)
        #expect(try parseCSV([0xEF, 0xBB, 0xBF]).isEmpty)
        #expect(try parseCSV("a,b\n").count == 1)
    }

    @Test("ragged rows keep their own field count")
    func ragged() throws {
        #expect(try parseCSV("a,b,c\n1,2\n1,2,3,4\n").map(\.fields.count) == [3, 2, 4])
    }

    @Test("invalid UTF-8 is reported per field, not per file")
    func invalidUTF8() throws {
        let records = try parseCSV(Array("a,b\n".utf8) + [0x6F, 0x6B, 0x2C, 0xFF, 0xFE] + Array("\n".utf8))
        #expect(records[1].fields == ["ok", nil])
    }

    @Test("quoting mistakes are flagged and the reader goes on")
    func quoteMistakes() throws {
        let records = try parseCSV("a,b\nx,ab\"c\n\"x\"y,z\nok,ok\n\"open,never closed\n")
        #expect(records.map(\.quoteProblem) == [nil, .strayQuote(field: 1), .strayQuote(field: 0), nil, .unterminated(field: 0)])
        #expect(records[1].fields == ["x", "ab\"c"])
        #expect(records[3].fields == ["ok", "ok"])
        #expect(records[4].fields == ["open,never closed\n"])
    }

    @Test("raw text of a record is its exact input, line end excluded")
    func rawText() throws {
        let reader = CSVReader(MemoryInput("h\n\"a\nb\",c\r\nlast"), chunkSize: 3)
        var raws: [String] = []
        while try reader.next() { raws.append(reader.rawText()) }
        #expect(raws == ["h", "\"a\nb\",c", "last"])
    }

    @Test("any chunk size gives the same records as one big chunk", arguments: 0..<40 as Range<UInt64>)
    func chunkSizeInvariance(seed: UInt64) throws {
        var generator = SplitMix64(seed: seed)
        let (text, expected) = Self.randomCSV(using: &generator)
        let whole = try parseCSV(text)
        #expect(whole.map(\.fields) == expected)
        for chunkSize in [1, 2, 3, 5, 7, 64] {
            #expect(try parseCSV(text, chunkSize: chunkSize) == whole, "chunk size \(chunkSize)")
        }
    }

    /// Random records encoded by RFC 4180's rules, with the fields they encode.
    static func randomCSV(using generator: inout SplitMix64) -> (String, [[String?]]) {
        let alphabet: [String] = ["a", "b", "é", "😀", ",", "\"", "\n", "\r\n", " ", "1"]
        var text = ""
        var records: [[String?]] = []
        let columns = Int.random(in: 1...4, using: &generator)
        for _ in 0..<Int.random(in: 1...8, using: &generator) {
            var fields: [String] = []
            for _ in 0..<columns {
                fields.append((0..<Int.random(in: 0...5, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! }.joined())
            }
            if fields == [""] { fields = ["x"] }  // a record of one empty field is a blank line
            records.append(fields)
            text += fields.map { field in
                field.unicodeScalars.contains(where: { ",\"\n\r".unicodeScalars.contains($0) }) || (field.hasPrefix(" ") && Bool.random(using: &generator))
                    ? "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : field
            }.joined(separator: ",")
            text += Bool.random(using: &generator) ? "\r\n" : "\n"
        }
        return (text, records)
    }
}
