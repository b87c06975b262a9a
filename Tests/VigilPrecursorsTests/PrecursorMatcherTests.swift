import Testing
import VigilCore
import VigilPrecursors

@Suite("Precursor name matching")
struct PrecursorMatcherTests {
    private func best(_ description: String, cas: String? = nil) -> PrecursorMatch? {
        PrecursorMatcher(index: TestWatchlist.index).matches(description: description, declaredCAS: cas.map { try! CASNumber(parsing: $0) }).first
    }

    @Test("spellings a clerk writes find the entry, with the rule that found it", arguments: [
        ("N-phenethyl-4-piperidone", "npp", "exact-name"),
        ("NPP 25kg drums", "npp", "synonym"),
        ("npp", "npp", "synonym"),
        ("4-piperidone", "4-piperidone", "exact-name"),
        ("4 piperidone, 99%", "4-piperidone", "normalised-name"),
        ("4-PIPERIDONE", "4-piperidone", "exact-name"),
        ("4piperidone", "4-piperidone", "normalised-name"),
        ("piperidin-4-one", "4-piperidone", "synonym"),
        ("4-AP HCl", "4-ap", "synonym"),
        ("4-AP-HCl salt", "4-ap", "synonym"),
        ("anhydride, propionic", "propionic-anhydride", "word-order"),
        ("(1R,2S)-(-)-Ephedrine hydrochloride", "ephedrine", "exact-name"),
        ("L-ephedrine sulfate", "ephedrine", "exact-name"),
        ("d-pseudoephedrine HCl", "pseudoephedrine", "exact-name"),
        ("N-phenethyl 4-piperidone", "npp", "normalised-name"),
        ("N-phenetyl-4-piperidone", "npp", "fuzzy-1"),
        ("4-anilinopiperdine powder", "4-ap", "fuzzy-1"),
        ("1-phengyl-2-cpropanone", "p2p", "fuzzy-2"),
        ("methyl phenylacetate", "phenylacetic-acid", "coverage-esters"),
        ("sodium phenylacetate", "phenylacetic-acid", "coverage-salts"),
        ("pharmaceutical intermediate", "npp", "cas"),
    ])
    func finds(description: String, id: String, rule: String) throws {
        let match = try #require(best(description, cas: rule == "cas" ? "39742-60-4" : nil), "\(description)")
        #expect(match.chemical.rawValue == id, "\(description)")
        #expect(match.rule.description == rule, "\(description)")
    }

    @Test("look-alikes that are other compounds are not flagged", arguments: [
        "4-methylpiperidine", "1-benzyl-4-piperidone", "piperidine-4-carboxylic acid", "2-piperidone", "piperidin-2-one",
        "4-piperidinol", "piperazine", "propionic acid", "maleic anhydride", "nitromethane", "acetonitrile HPLC grade",
        "NPK fertilizer 15-15-15", "PPE gloves", "ethanol 96%", "cotton t-shirts",
    ])
    func ignoresLookAlikes(description: String) {
        #expect(best(description) == nil, "\(description)")
    }

    @Test("a CAS number in the description or the declared column finds the entry; a wrong check digit still points at it")
    func casNumbers() throws {
        let inText = try #require(best("organic intermediate CAS 110-89-4, drums"))
        #expect((inText.chemical.rawValue, inText.rule, inText.confidence) == ("piperidine", .cas, 0.97))
        let declared = try #require(best("chemical", cas: "79-24-3"))
        #expect((declared.chemical.rawValue, declared.confidence) == ("nitroethane", 0.99))
        let wrong = try #require(best("chemical", cas: "79-24-4"))
        #expect((wrong.chemical.rawValue, wrong.rule) == ("nitroethane", .casWithWrongCheckDigit))
        #expect(best("ethanol", cas: "64-17-5") == nil, "a valid CAS number that is not listed is no match")
    }

    @Test("a salt of an entry whose listing does not cover salts keeps the match at lower confidence")
    func saltCoverage() throws {
        let covered = try #require(best("ephedrine hydrochloride"))
        #expect(covered.isSaltForm && covered.confidence == 0.98)
        let uncovered = try #require(best("nitroethane hydrochloride"))
        #expect(uncovered.isSaltForm)
        #expect(abs(uncovered.confidence - 0.98 * 0.9) < 1e-9)
    }

    @Test("a line naming two entries reports both, the longer name winning where they overlap")
    func severalEntries() {
        let matches = PrecursorMatcher(index: TestWatchlist.index).matches(description: "acetone and piperidine, mixed pallet")
        #expect(Set(matches.map(\.chemical.rawValue)) == ["acetone", "piperidine"])
        let overlapping = PrecursorMatcher(index: TestWatchlist.index).matches(description: "1-phenyl-2-propanone")
        #expect(overlapping.map(\.chemical.rawValue) == ["p2p"])
    }
}
