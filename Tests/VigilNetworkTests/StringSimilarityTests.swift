import Foundation
import Testing
import VigilCore
import VigilNetwork
import VigilTestSupport

@Suite("String similarities for entity resolution")
struct StringSimilarityTests {
    /// Pairs with RapidFuzz's values (Tests/Fixtures/resolution/make_string_fixtures.py).
    static func references() throws -> [(a: String, b: String, jaro: Double, jaroWinkler: Double, levenshtein: Int)] {
        let text = try String(contentsOfFile: Fixtures.path("resolution/string_similarity.csv"), encoding: .utf8)
        return text.split(separator: "\n").dropFirst().map { line in
            let fields = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            return (fields[0], fields[1], Double(fields[2])!, Double(fields[3])!, Int(fields[4])!)
        }
    }

    @Test("Jaro, Jaro-Winkler and Levenshtein equal RapidFuzz's on 143 pairs")
    func matchesRapidFuzz() throws {
        let pairs = try Self.references()
        #expect(pairs.count == 143)
        for pair in pairs {
            #expect(abs(StringSimilarity.jaro(pair.a, pair.b) - pair.jaro) < 1e-12, "\(pair)")
            #expect(abs(StringSimilarity.jaroWinkler(pair.a, pair.b) - pair.jaroWinkler) < 1e-12, "\(pair)")
            #expect(EditDistance.levenshtein(Array(pair.a.unicodeScalars), Array(pair.b.unicodeScalars), bound: 100) == pair.levenshtein, "\(pair)")
        }
    }

    @Test("the textbook cases: MARTHA/MARHTA and DWAYNE/DUANE")
    func textbook() {
        #expect(abs(StringSimilarity.jaro("martha", "marhta") - 17.0 / 18.0) < 1e-12)
        #expect(abs(StringSimilarity.jaroWinkler("martha", "marhta") - 0.961111111111111) < 1e-12)
        #expect(abs(StringSimilarity.jaroWinkler("dwayne", "duane") - 0.84) < 1e-12)
        #expect(StringSimilarity.jaroWinkler("abcdef", "abzzzz") == StringSimilarity.jaro("abcdef", "abzzzz"), "no boost at 0.7 or below")
    }
}
