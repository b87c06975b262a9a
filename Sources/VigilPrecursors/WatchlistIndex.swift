public import VigilCore

/// The watchlist prepared for matching: every name and synonym in compact form in a trie walked
/// token by token through a description, the multi-word forms by their bag of words (for word
/// order), the words of the names for spelling correction (with the deletion neighbourhoods of
/// symmetric-delete lookup), and the CAS numbers.
///
/// Built once per screening and shared, read-only, by the ``PrecursorMatcher`` of every worker.
public struct WatchlistIndex: Sendable {
    /// One name or synonym of an entry.
    struct NameForm: Sendable {
        enum Kind: Sendable, Equatable {
            case name, synonym, abbreviation
            /// An ester or salt named from an acid's name, which the listing covers.
            case coveredDerivative(ControlledChemical.Coverage)
        }
        var entry: Int
        var text: String
        var kind: Kind
        /// The normalised spelling, punctuation included, from the first token to the last.
        var spelling: [UInt8]
        var tokens: [[UInt8]]
        var compactLength: Int
    }

    /// The list the index was built from.
    public let watchlist: Watchlist
    let forms: [NameForm]
    /// Trie over compact forms: `children[node * 36 + symbol]` is the child node or -1.
    private let children: [Int32]
    /// The forms ending at each node (empty for most).
    private let endings: [[Int32]]
    /// Forms of two to four tokens by the order-free hash of their tokens.
    private let bagsOfWords: [UInt64: [Int32]]
    /// Words of the names that a misspelling may be corrected to.
    let vocabulary: [[UInt8]]
    private let vocabularyByHash: [UInt64: Int32]
    /// Symmetric-delete neighbourhoods: the hash of each word with up to its allowance of letters
    /// deleted, to the words it came from.
    private let deletions: [UInt64: [Int32]]
    /// Entries by the digits of their CAS numbers without the check digit.
    private let casBodies: [String: Int]

    /// Indexes a watchlist.
    public init(_ watchlist: Watchlist) {
        self.watchlist = watchlist
        var forms: [NameForm] = []
        var text = ChemicalText()
        for (entry, chemical) in watchlist.entries.enumerated() {
            var written = [(chemical.name, NameForm.Kind.name)] + chemical.synonyms.map { ($0, Self.kind(ofSynonym: $0)) }
            written += Self.derivativeNames(of: chemical).map { ($0.name, .coveredDerivative($0.coverage)) }
            var seen: Set<[UInt8]> = []
            for (form, kind) in written {
                text.load(form)
                let tokens = text.tokens.map { Array(text.bytes(of: $0)) }
                guard !tokens.isEmpty, seen.insert(tokens.flatMap { $0 }).inserted else { continue }
                forms.append(
                    NameForm(
                        entry: entry, text: form, kind: kind, spelling: Array(text.spelling(from: 0, through: text.tokens.count - 1)),
                        tokens: tokens, compactLength: tokens.reduce(0) { $0 + $1.count }))
            }
        }
        self.forms = forms

        var children: [Int32] = Array(repeating: -1, count: 36)
        var endings: [Int32: [Int32]] = [:]  // by node, turned into an array below
        var bagsOfWords: [UInt64: [Int32]] = [:]
        var vocabulary: [[UInt8]] = []
        var vocabularyByHash: [UInt64: Int32] = [:]
        for (index, form) in forms.enumerated() {
            var node = 0
            for byte in form.tokens.joined() {
                guard let symbol = Self.symbol(byte) else { continue }
                if children[node * 36 + symbol] < 0 {
                    children[node * 36 + symbol] = Int32(children.count / 36)
                    children.append(contentsOf: repeatElement(-1, count: 36))
                }
                node = Int(children[node * 36 + symbol])
            }
            endings[Int32(node), default: []].append(Int32(index))
            if (2...4).contains(form.tokens.count) {
                bagsOfWords[Self.bagHash(form.tokens.map { ByteHash.of($0) }), default: []].append(Int32(index))
            }
            guard form.kind == .name || form.kind == .synonym else { continue }
            for token in form.tokens where token.count >= 5 && vocabularyByHash[ByteHash.of(token)] == nil {
                vocabularyByHash[ByteHash.of(token)] = Int32(vocabulary.count)
                vocabulary.append(token)
            }
        }
        var deletions: [UInt64: [Int32]] = [:]
        for (index, word) in vocabulary.enumerated() {
            for hash in Self.deletionHashes(of: word[...], depth: EditDistance.allowance(forLength: word.count)) {
                deletions[hash, default: []].append(Int32(index))
            }
        }
        var casBodies: [String: Int] = [:]
        for (entry, chemical) in watchlist.entries.enumerated() {
            for cas in chemical.casNumbers where casBodies[Self.body(of: cas)] == nil { casBodies[Self.body(of: cas)] = entry }
        }
        self.children = children
        self.endings = (0..<(children.count / 36)).map { endings[Int32($0)] ?? [] }
        self.bagsOfWords = bagsOfWords
        self.vocabulary = vocabulary
        self.vocabularyByHash = vocabularyByHash
        self.deletions = deletions.mapValues { Array(Set($0)).sorted() }
        self.casBodies = casBodies
    }

    // MARK: Lookups used by the matcher

    /// The trie's root.
    static let root = 0

    /// The node reached from `node` by a byte, or `nil`.
    @inline(__always)
    func child(of node: Int, byte: UInt8) -> Int? {
        guard let symbol = Self.symbol(byte) else { return nil }
        let next = children[node * 36 + symbol]
        return next < 0 ? nil : Int(next)
    }

    /// The forms whose compact spelling ends at a node.
    func forms(endingAt node: Int) -> [Int32] { endings[node] }

    /// Forms of two to four tokens with the same bag of words as the hashes given.
    func forms(withBagOf hashes: some Sequence<UInt64>) -> [Int32]? { bagsOfWords[Self.bagHash(hashes)] }

    /// Whether a word is one of the names' words, spelled right.
    func isVocabulary(_ word: ArraySlice<UInt8>, hash: UInt64) -> Bool {
        guard let index = vocabularyByHash[hash] else { return false }
        return vocabulary[Int(index)].elementsEqual(word)
    }

    /// The name word a misspelled word most likely stands for, with the number of edits, when one
    /// word is nearest within the allowance for its length (a tie is no correction).
    func correction(of word: ArraySlice<UInt8>) -> (word: Int, distance: Int)? {
        var candidates: Set<Int32> = []
        for hash in Self.deletionHashes(of: word, depth: 2) {
            if let words = deletions[hash] { candidates.formUnion(words) }
        }
        var best: (word: Int, distance: Int)?
        var isTied = false
        for candidate in candidates {
            let target = vocabulary[Int(candidate)]
            let allowance = min(EditDistance.allowance(forLength: target.count), EditDistance.allowance(forLength: word.count))
            guard allowance > 0, let distance = EditDistance.between(word, target, bound: allowance) else { continue }
            if best == nil || distance < best!.distance {
                best = (Int(candidate), distance)
                isTied = false
            } else if distance == best!.distance, Int(candidate) != best!.word {
                isTied = true
            }
        }
        return isTied ? nil : best
    }

    /// The entry whose CAS number has these digits before the check digit.
    func entry(casBody cas: CASNumber) -> Int? { casBodies[Self.body(of: cas)] }

    // MARK: Helpers

    @inline(__always)
    static func symbol(_ byte: UInt8) -> Int? {
        if byte >= 97 && byte <= 122 { return Int(byte - 97) }
        if byte >= 48 && byte <= 57 { return Int(byte - 48) + 26 }
        return nil
    }

    /// An order-free combination of word hashes (each mixed first, so that sums do not collide
    /// by simple arithmetic).
    static func bagHash(_ hashes: some Sequence<UInt64>) -> UInt64 {
        var sum: UInt64 = 0
        var count: UInt64 = 0
        for hash in hashes {
            var mixed = hash ^ (hash >> 33)
            mixed = mixed &* 0xff51_afd7_ed55_8ccd
            mixed ^= mixed >> 33
            sum = sum &+ mixed
            count += 1
        }
        return sum &+ count &* 0x9e37_79b9_7f4a_7c15
    }

    /// Hashes of a word with 0 to `depth` characters deleted.
    private static func deletionHashes(of word: ArraySlice<UInt8>, depth: Int) -> Set<UInt64> {
        var hashes: Set<UInt64> = [ByteHash.of(word)]
        var frontier: [[UInt8]] = [Array(word)]
        for _ in 0..<depth {
            var next: [[UInt8]] = []
            for variant in frontier where variant.count > 1 {
                for position in variant.indices {
                    var shorter = variant
                    shorter.remove(at: position)
                    if hashes.insert(ByteHash.of(shorter)).inserted { next.append(shorter) }
                }
            }
            frontier = next
        }
        return hashes
    }

    private static func body(of cas: CASNumber) -> String {
        String(cas.rawValue.filter(\.isNumber).dropLast())
    }

    /// Names of the esters and salts a listing covers, formed from each name ending in "ic acid"
    /// (`phenylacetic acid`: `methyl phenylacetate`, `sodium phenylacetate`).
    private static func derivativeNames(of chemical: ControlledChemical) -> [(name: String, coverage: ControlledChemical.Coverage)] {
        let groups: [(ControlledChemical.Coverage, [String])] = [
            (.esters, ["methyl", "ethyl", "propyl", "isopropyl", "butyl", "isobutyl", "tert-butyl", "benzyl"]),
            (.salts, ["sodium", "potassium", "calcium", "ammonium", "lithium", "magnesium"]),
        ]
        var names: [(String, ControlledChemical.Coverage)] = []
        for name in [chemical.name] + chemical.synonyms {
            let lowered = name.lowercased()
            guard lowered.hasSuffix("ic acid") else { continue }
            let stem = lowered.dropLast("ic acid".count)
            for (coverage, prefixes) in groups where chemical.coverage.contains(coverage) {
                names += prefixes.map { ("\($0) \(stem)ate", coverage) }
            }
        }
        return names
    }

    /// A synonym is an abbreviation when it is short and written mostly in capitals (`NPP`, `4-AP`,
    /// `1-boc-4-AP`, `P-2-P`): those are matched exactly, never corrected.
    private static func kind(ofSynonym synonym: String) -> NameForm.Kind {
        let letters = synonym.filter(\.isLetter)
        let capitals = letters.filter(\.isUppercase)
        return synonym.count <= 12 && capitals.count >= 2 && capitals.count * 2 >= letters.count ? .abbreviation : .synonym
    }
}
