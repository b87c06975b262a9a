import Foundation
import Testing
import VigilCore
import VigilNetwork

@Suite("Fellegi-Sunter record linkage")
struct FellegiSunterTests {
    static let name = try! Comparison(column: "name", method: .jaroWinkler([0.92, 0.8]))
    static let city = try! Comparison(column: "city", method: .exact)

    @Test("weights and probabilities follow the Bayes factors: m 0.9, u 0.1 and λ 0.5 give 0.9")
    func handComputed() {
        var model = FellegiSunterModel(comparisons: [Self.city])
        model.lambda = 0.5
        model.m = [[0.9, 0.1]]
        model.u = [[0.1, 0.9]]
        #expect(abs(model.probability([0]) - 0.9) < 1e-12)
        #expect(abs(model.probability([1]) - 0.1) < 1e-12)
        #expect(model.probability([nil]) == 0.5, "a null comparison adds nothing")
        #expect(abs(model.weight([0]) - log2(9)) < 1e-12)
        #expect(model.explanation([0]).first?.level == "exact")
    }

    /// Vectors drawn from a known model, so that the estimates can be checked against the truth.
    static func simulated(count: Int, lambda: Double, m: [[Double]], u: [[Double]], seed: UInt64) -> [[Int?]] {
        var generator = SplitMix64(seed: seed)
        func draw(_ probabilities: [Double]) -> Int {
            var x = Double.random(in: 0..<1, using: &generator)
            for (level, p) in probabilities.enumerated() {
                x -= p
                if x < 0 { return level }
            }
            return probabilities.count - 1
        }
        return (0..<count).map { _ in
            let isMatch = Double.random(in: 0..<1, using: &generator) < lambda
            return (isMatch ? m : u).map { draw($0) }
        }
    }

    @Test("EM recovers λ and m from simulated pairs, with u known as random sampling gives it")
    func expectationMaximisation() {
        let m = [[0.85, 0.1, 0.05], [0.9, 0.1]]
        let u = [[0.01, 0.04, 0.95], [0.2, 0.8]]
        let vectors = Self.simulated(count: 40_000, lambda: 0.25, m: m, u: u, seed: 7)
        var model = FellegiSunterModel(comparisons: [try! Comparison(column: "name", method: .jaroWinkler([0.9])), Self.city])
        model.u = u
        let iterations = model.expectationMaximisation(vectors)
        #expect(iterations < 1000)
        #expect(abs(model.lambda - 0.25) < 0.01)
        for (estimated, truth) in zip(model.m.joined(), m.joined()) { #expect(abs(estimated - truth) < 0.02) }
    }

    @Test("blocking takes the union of the rules' pairs, each pair once, never on blanks")
    func blocking() {
        let values: [String: [String?]] = [
            "surname": ["lee", "lee", "kim", nil, "kim"],
            "dob": ["1980-01-01", "1990-01-01", "1980-01-01", "1980-01-01", nil],
        ]
        let pairs = BlockingRule.candidatePairs(
            [BlockingRule(columns: ["surname"]), BlockingRule(columns: ["dob"]), BlockingRule(columns: ["surname", "dob"])],
            values: values, count: 5)
        #expect(pairs.map { "\($0.0)-\($0.1)" } == ["0-1", "0-2", "0-3", "2-3", "2-4"])
    }

    @Test("comparison levels: exact, thresholds best first, different, null for blanks")
    func levels() throws {
        #expect(Self.name.level("martha", "martha") == 0)
        #expect(Self.name.level("martha", "marhta") == 1)
        #expect(Self.name.level("dwayne", "duane") == 2)
        #expect(Self.name.level("ana", "bo") == 3)
        #expect(Self.name.level(nil, "bo") == nil && Self.name.level("", "bo") == nil)
        let dob = try Comparison(column: "dob", method: .dateDifference([1, 366]))
        #expect(dob.level("1980-01-01", "1980-01-02") == 1 && dob.level("1980-01-01", "1980-12-31") == 2 && dob.level("1980-01-01", "1983-01-01") == 3)
        #expect(throws: NetworkError.self) { try Comparison(column: "x", method: .jaroWinkler([0.8, 0.9])) }
        #expect(throws: NetworkError.self) { try Comparison(column: "x", method: .levenshtein([2, 1])) }
    }

    @Test("a swapped-columns level sits after exact: a first name equal to the other record's surname")
    func swappedLevel() throws {
        let first = try Comparison(column: "first", method: .jaroWinkler([0.92, 0.8]), swappedWith: "surname")
        #expect(first.levelLabels == ["exact", "swapped with surname", "jaro-winkler ≥ 0.92", "jaro-winkler ≥ 0.8", "different"])
        #expect(first.level("ana", "ana", swapped: ("lopez", "ruiz")) == 0)
        #expect(first.level("ana", "lopez", swapped: ("lopez", "ana")) == 1)
        #expect(first.level("lopez", "ana", swapped: ("ana", "lopez")) == 1)
        #expect(first.level("martha", "marhta", swapped: ("lee", "lee")) == 2)
        #expect(first.level("ana", "bo", swapped: ("lee", "kim")) == 4)
        #expect(first.level("ana", nil, swapped: ("lee", "ana")) == nil)
        #expect(throws: NetworkError.self) { try Comparison(column: "first", method: .exact, swappedWith: "first") }
    }

    @Test("end to end on seeded people with typos and missing dates: duplicates found, few false merges")
    func endToEnd() throws {
        var generator = SplitMix64(seed: 11)
        let firstNames = ["ana", "maria", "jose", "luis", "carmen", "pedro", "sofia", "diego", "elena", "jorge", "lucia", "pablo"]
        let surnames = (0..<400).map { "surname\($0)" }
        var columns: [String: [String?]] = ["first": [], "last": [], "dob": [], "city": []]
        var truth: [Int] = []
        for person in 0..<1500 {
            let first = firstNames.randomElement(using: &generator)!
            let last = surnames.randomElement(using: &generator)!
            let dob = CalendarDate(dayNumber: 3000 + Int.random(in: 0..<12_000, using: &generator)).description
            let city = ["norwalk", "hartford", "tijuana", "culiacan"].randomElement(using: &generator)!
            let copies = Int.random(in: 0..<10, using: &generator) < 3 ? 2 : 1
            for copy in 0..<copies {
                var typoLast = last
                if copy == 1, Bool.random(using: &generator) {
                    var characters = Array(typoLast)
                    let at = Int.random(in: 1..<(characters.count - 1), using: &generator)
                    characters.swapAt(at, at + 1)
                    typoLast = String(characters)
                }
                columns["first"]!.append(first.uppercased())
                columns["last"]!.append(typoLast)
                columns["dob"]!.append(copy == 1 && Int.random(in: 0..<4, using: &generator) == 0 ? nil : dob)
                columns["city"]!.append(city)
                truth.append(person)
            }
        }
        let settings = RecordResolver.Settings(
            normalisation: ["first": .name, "last": .name],
            comparisons: [
                try Comparison(column: "first", method: .jaroWinkler([0.92])), try Comparison(column: "last", method: .jaroWinkler([0.92, 0.8])),
                try Comparison(column: "dob", method: .exact), try Comparison(column: "city", method: .exact),
            ],
            blocking: [BlockingRule(columns: ["dob"]), BlockingRule(columns: ["first", "city"])], threshold: 0.5, uSamplePairs: 50_000, seed: 3)
        let result = try RecordResolver(settings: settings).resolve(columns: columns, count: truth.count)
        let quality = ResolutionQuality(clusters: result.clusters, truth: truth)
        let (precision, recall) = (quality.precision, quality.recall)
        // A quarter of the second copies lose their birth date; with a transposed surname as well, first
        // name and city alone do not lift such a pair over 0.5 against a prior of one match in ~4,000 pairs.
        #expect(precision > 0.95, "precision \(precision)")
        #expect(recall > 0.8, "recall \(recall)")
        #expect(result.model.lambda > 0 && result.model.lambda < 0.5)
    }
}

@Suite("Resolution settings files")
struct ResolutionSettingsTests {
    @Test("settings read with defaults for what they leave out; an unknown comparison is refused")
    func decoding() throws {
        let json = #"{"comparisons": [{"column": "surname", "method": {"jaroWinkler": {"_0": [0.9]}}}], "blocking": [{"columns": ["surname"]}]}"#
        let settings = try JSONDecoder().decode(RecordResolver.Settings.self, from: Data(json.utf8))
        #expect(settings.threshold == 0.9 && settings.termFrequencyColumns.isEmpty && settings.comparisons[0].levelCount == 3)
        let unknown = #"{"comparisons": [{"column": "surname", "method": {"soundex": {}}}], "blocking": [{"columns": ["surname"]}]}"#
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(RecordResolver.Settings.self, from: Data(unknown.utf8)) }
        #expect(throws: NetworkError.self) {
            try RecordResolver(settings: settings).resolve(columns: ["name": ["a"]], count: 1)
        }
    }
}
