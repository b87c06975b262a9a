import Testing
import VigilCore

@Suite("CAS numbers, HS codes and quantities")
struct PrecursorIdentifierTests {
    // Check digits computed by hand: 7732-18-5 is 8·1 + 1·2 + 2·3 + 3·4 + 7·5 + 7·6 = 105, so 5.
    @Test("a CAS number's check digit is the position-weighted digit sum mod 10", arguments: [
        ("7732-18-5", true, 5), ("39742-60-4", true, 4), ("50-00-0", true, 0), ("39742-60-5", false, 4), ("64-17-6", false, 5),
    ])
    func checkDigit(text: String, isValid: Bool, expected: Int) throws {
        let cas = try CASNumber(parsing: text)
        #expect(cas.hasValidCheckDigit == isValid)
        #expect(cas.expectedCheckDigit == expected)
        #expect((CASNumber(rawValue: text) != nil) == isValid)
    }

    @Test("CAS numbers are read with hyphens, as bare digits and with leading zeros")
    func casShapes() throws {
        #expect(try CASNumber(parsing: " 39742604 ").rawValue == "39742-60-4")
        #expect(try CASNumber(parsing: "0039742-60-4").rawValue == "39742-60-4")
        #expect(try CASNumber(parsing: "0000050-00-0").rawValue == "50-00-0")
    }

    @Test("text not shaped like a CAS number says how to write one", arguments: ["39742-6-04", "abc", "1-23-4", "12345678-90-1", "39742_60_4", ""])
    func casSyntax(text: String) {
        #expect(throws: DomainError.self) { try CASNumber(parsing: text) }
        do {
            _ = try CASNumber(parsing: text)
        } catch {
            #expect(error.message.contains("39742-60-4"))
        }
    }

    @Test("HS codes are read with or without dots and give chapter, heading and subheading")
    func hsCodes() throws {
        let code = try HSCode(parsing: "2933.39.99.01")
        #expect(code.rawValue == "2933399901")
        #expect((code.chapter, code.heading, code.subheading) == ("29", "2933", "293339"))
        #expect(code.dotted == "2933.39.99.01")
        #expect(try HSCode(parsing: "293339").dotted == "2933.39")
        #expect(try HSCode(parsing: "2933 39 90").rawValue == "29333990")
        for bad in ["2933", "29.33", "29333999012", "2933.3x", ""] {
            #expect(throws: DomainError.self) { try HSCode(parsing: bad) }
        }
    }

    @Test("quantities read common unit spellings and compare within a dimension")
    func quantities() {
        #expect(Quantity.Unit(parsing: "KGS") == .kg)
        #expect(Quantity.Unit(parsing: "Tonnes") == .t)
        #expect(Quantity.Unit(parsing: "litres") == .l)
        #expect(Quantity.Unit(parsing: "drums") == .units)
        #expect(Quantity.Unit(parsing: "furlongs") == nil)
        let tonne = Quantity(value: 1, unit: .t)
        #expect(tonne.inBaseUnits == 1000)
        #expect(tonne.isComparable(to: Quantity(value: 5, unit: .lb)))
        #expect(!tonne.isComparable(to: Quantity(value: 5, unit: .l)))
        #expect(Quantity(value: 25, unit: .kg).description == "25 kg")
    }
}
