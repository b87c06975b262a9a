public import VigilCore

/// Finds watchlist entries in a manifest line's description and declared CAS number.
///
/// The rules, in the order they are tried, and the confidence each gives:
///
/// | rule | when | confidence |
/// | --- | --- | --- |
/// | `cas` | a listed CAS number, declared (0.99) or in the description (0.97) | 0.97–0.99 |
/// | `cas-check-digit` | a CAS number with a wrong check digit whose other digits are a listed number's | 0.70 |
/// | `exact-name` | the preferred name as listed, case aside | 0.98 |
/// | `synonym` | a synonym as listed (an abbreviation such as NPP: 0.90) | 0.95 |
/// | `normalised-name` | a name once spaces, hyphens and punctuation are set aside (abbreviation: 0.85) | 0.90 |
/// | `coverage-esters`, `coverage-salts` | an ester or salt the listing covers, named from an acid's name (`methyl phenylacetate`, `sodium phenylacetate`) | 0.85 |
/// | `word-order` | the words of a multi-word name in another order | 0.80 |
/// | `fuzzy-N` | a name with N misspelled letters (one for words of 5–8 letters, two from 9) | 0.80, 0.70 |
///
/// Where two names overlap, the longer wins ("N-phenethyl 4-piperidone" is NPP, not 4-piperidone).
/// A name is only recognised as a whole: a run of the description's tokens must spell it, not part
/// of a longer word (`piperidine` is not found in `4-methylpiperidine`), and not when a hyphen ties
/// it to a further substituent (`1-benzyl-4-piperidone` is not `4-piperidone`), except for salt and
/// hydrate words (`4-AP-HCl`). Stereo descriptors are ignored. A salt of an entry whose listing
/// does not state that salts are covered keeps the match at 0.9 of its confidence.
///
/// A matcher keeps scratch space, a cache of spelling corrections and the matches of the
/// descriptions it has seen most recently (manifests repeat their goods line after line), so it is
/// not shared between threads: give each worker its own, over one shared ``WatchlistIndex``.
public final class PrecursorMatcher {
    /// The index the matcher reads.
    public let index: WatchlistIndex
    /// How many descriptions' matches are remembered before the memory starts afresh.
    public static let rememberedDescriptions = 50_000
    /// Matches of descriptions seen, by the hash of the description and declared CAS number (a
    /// collision replaces the older entry).
    private var remembered: [UInt64: (description: String, declaredCAS: CASNumber?, matches: [PrecursorMatch])] = [:]
    private var text = ChemicalText()
    private var correctedText = ChemicalText()
    private var corrections: [UInt64: (word: [UInt8], correction: Int32, distance: Int8)] = [:]
    private var tokenHashes: [UInt64] = []
    private var tokenDistances: [Int] = []

    /// A matcher over an index.
    public init(index: WatchlistIndex) {
        self.index = index
    }

    /// Every entry found on a line, the most confident first (at most one match per entry).
    public func matches(description: String, declaredCAS: CASNumber? = nil) -> [PrecursorMatch] {
        // What a line's matches depend on: its description and the CAS number declared beside it.
        var key = ByteHash.of(description.utf8)
        if let declaredCAS { key = ByteHash.of(declaredCAS.rawValue.utf8, after: ByteHash.adding(0, to: key)) }
        if let known = remembered[key], known.description == description, known.declaredCAS == declaredCAS { return known.matches }
        let found = search(description: description, declaredCAS: declaredCAS)
        if remembered.count >= Self.rememberedDescriptions { remembered.removeAll(keepingCapacity: true) }
        remembered[key] = (description, declaredCAS, found)
        return found
    }

    private func search(description: String, declaredCAS: CASNumber?) -> [PrecursorMatch] {
        var found: [PrecursorMatch] = []
        if let declaredCAS { found.append(contentsOf: casMatch(declaredCAS, confidence: 0.99)) }
        text.load(description)
        for cas in casNumbersInText() { found.append(contentsOf: casMatch(cas, confidence: 0.97)) }

        var names = nameMatches(in: text, distances: nil)
        if names.isEmpty { names = wordOrderMatches() }
        if let distances = correctSpelling() { names += nameMatches(in: correctedText, distances: distances) }
        found.append(contentsOf: Self.outermost(names).map(\.match))

        var best: [ChemicalID: PrecursorMatch] = [:]
        for match in found where (best[match.chemical]?.confidence ?? -1) < match.confidence { best[match.chemical] = match }
        return best.values.sorted { ($0.confidence, $1.chemical) > ($1.confidence, $0.chemical) }
    }

    // MARK: CAS numbers

    private func casMatch(_ cas: CASNumber, confidence: Double) -> [PrecursorMatch] {
        if cas.hasValidCheckDigit {
            guard let entry = index.watchlist.entry(cas: cas) else { return [] }
            return [PrecursorMatch(chemical: entry.id, rule: .cas, confidence: confidence, matchedForm: cas.rawValue)]
        }
        guard let position = index.entry(casBody: cas) else { return [] }
        return [
            PrecursorMatch(
                chemical: index.watchlist.entries[position].id, rule: .casWithWrongCheckDigit, confidence: 0.7, matchedForm: cas.rawValue)
        ]
    }

    /// CAS numbers written in the description: digits, hyphen, two digits, hyphen, one digit.
    private func casNumbersInText() -> [CASNumber] {
        let tokens = text.tokens
        guard tokens.count >= 3 else { return [] }
        var numbers: [CASNumber] = []
        for first in 0..<(tokens.count - 2) {
            let (a, b, c) = (tokens[first], tokens[first + 1], tokens[first + 2])
            guard (2...7).contains(a.end - a.start), b.end - b.start == 2, c.end - c.start == 1,
                b.start == a.end + 1, c.start == b.end + 1,
                text.bytes[a.end] == UInt8(ascii: "-"), text.bytes[b.end] == UInt8(ascii: "-"),
                [a, b, c].allSatisfy({ token in text.bytes(of: token).allSatisfy { $0 >= 48 && $0 <= 57 } })
            else { continue }
            let written = String(decoding: text.bytes[a.start..<c.end], as: UTF8.self)
            if let cas = try? CASNumber(parsing: written) { numbers.append(cas) }
        }
        return numbers
    }

    // MARK: Names

    /// Names spelled by runs of tokens; `distances` gives each token's spelling correction when the
    /// text is a corrected one.
    private func nameMatches(in text: ChemicalText, distances: [Int]?) -> [Found] {
        let tokens = text.tokens
        var spans: [(form: Int32, first: Int, last: Int)] = []
        for first in tokens.indices {
            var node = WatchlistIndex.root
            walk: for last in first..<tokens.count {
                for byte in text.bytes(of: tokens[last]) {
                    guard let next = index.child(of: node, byte: byte) else { break walk }
                    node = next
                }
                for form in index.forms(endingAt: node) { spans.append((form, first, last)) }
            }
        }
        let hasNonSaltSpan = spans.contains { span in !(span.first...span.last).allSatisfy { tokens[$0].isSaltWord } }
        var matches: [Found] = []
        for span in spans where !isDerivative(text, first: span.first, last: span.last) {
            if hasNonSaltSpan, (span.first...span.last).allSatisfy({ tokens[$0].isSaltWord }) { continue }
            let form = index.forms[Int(span.form)]
            let rule: PrecursorMatch.Rule
            let confidence: Double
            if let distances {
                let distance = distances[span.first...span.last].reduce(0, +)
                guard distance > 0, distance <= 2 else { continue }
                rule = .fuzzy(distance: distance)
                confidence = 0.9 - 0.1 * Double(distance)
            } else if case .coveredDerivative(let coverage) = form.kind {
                rule = .coverage(coverage)
                confidence = 0.85
            } else if form.spelling.elementsEqual(text.spelling(from: span.first, through: span.last)) {
                rule = form.kind == .name ? .exactName : .synonym
                confidence = form.kind == .name ? 0.98 : form.kind == .synonym ? 0.95 : 0.9
            } else {
                rule = .normalizedName
                confidence = form.kind == .abbreviation ? 0.85 : 0.9
            }
            let salt = hasSaltWord(text, outside: span.first...span.last)
            matches.append(Found(first: span.first, last: span.last, match: match(form, rule: rule, confidence: confidence, isSaltForm: salt)))
        }
        return matches
    }

    /// A match with the tokens it spans.
    private struct Found {
        var first: Int
        var last: Int
        var match: PrecursorMatch
    }

    /// The matches no longer match contains: "N-phenethyl 4-piperidone" is NPP, not also 4-piperidone.
    private static func outermost(_ found: [Found]) -> [Found] {
        found.filter { inner in
            !found.contains { outer in
                outer.first <= inner.first && inner.last <= outer.last && outer.last - outer.first > inner.last - inner.first
            }
        }
    }

    /// Multi-word names with their words in another order: "anhydride, propionic".
    private func wordOrderMatches() -> [Found] {
        let tokens = text.tokens
        guard tokens.count >= 2 else { return [] }
        tokenHashes.removeAll(keepingCapacity: true)
        for token in tokens { tokenHashes.append(ByteHash.of(text.bytes(of: token))) }
        var matches: [Found] = []
        for first in tokens.indices {
            for count in 2...4 where first + count <= tokens.count {
                guard let forms = index.forms(withBagOf: tokenHashes[first..<(first + count)]) else { continue }
                let words = tokens[first..<(first + count)].map { Array(text.bytes(of: $0)) }.sorted { $0.lexicographicallyPrecedes($1) }
                for position in forms {
                    let form = index.forms[Int(position)]
                    guard form.tokens.sorted(by: { $0.lexicographicallyPrecedes($1) }) == words,
                        !isDerivative(text, first: first, last: first + count - 1)
                    else { continue }
                    let last = first + count - 1
                    let salt = hasSaltWord(text, outside: first...last)
                    matches.append(Found(first: first, last: last, match: match(form, rule: .wordOrder, confidence: 0.8, isSaltForm: salt)))
                }
            }
        }
        return matches
    }

    /// Replaces misspelled words by the name words they are nearest to; returns each token's
    /// number of edits, or `nil` when nothing was corrected.
    private func correctSpelling() -> [Int]? {
        guard text.tokens.contains(where: { correction(of: text.bytes(of: $0), isSaltWord: $0.isSaltWord) != nil }) else { return nil }
        var corrected: [UInt8] = []
        tokenDistances.removeAll(keepingCapacity: true)
        var previousEnd = 0
        var changed = false
        for token in text.tokens {
            let word = text.bytes(of: token)
            corrected.append(contentsOf: text.bytes[previousEnd..<token.start])
            previousEnd = token.end
            if let fix = correction(of: word, isSaltWord: token.isSaltWord) {
                corrected.append(contentsOf: index.vocabulary[fix.word])
                tokenDistances.append(fix.distance)
                changed = true
            } else {
                corrected.append(contentsOf: word)
                tokenDistances.append(0)
            }
        }
        guard changed else { return nil }
        correctedText.load(String(decoding: corrected, as: UTF8.self))
        guard correctedText.tokens.count == tokenDistances.count else { return nil }
        return tokenDistances
    }

    private func correction(of word: ArraySlice<UInt8>, isSaltWord: Bool) -> (word: Int, distance: Int)? {
        guard word.count >= 5, !isSaltWord, word.contains(where: { $0 >= 97 }) else { return nil }
        let hash = ByteHash.of(word)
        if let cached = corrections[hash], cached.word.elementsEqual(word) {
            return cached.correction < 0 ? nil : (Int(cached.correction), Int(cached.distance))
        }
        var fix: (word: Int, distance: Int)?
        if !index.isVocabulary(word, hash: hash), !BenignWords.contains(word, hash: hash) { fix = index.correction(of: word) }
        corrections[hash] = (Array(word), Int32(fix?.word ?? -1), Int8(fix?.distance ?? 0))
        return fix
    }

    // MARK: Helpers

    /// Whether a hyphen or bracket ties the span to a substituent before or after it, which makes the
    /// text name another compound (salt and hydrate words aside).
    private func isDerivative(_ text: ChemicalText, first: Int, last: Int) -> Bool {
        let tokens = text.tokens
        if tokens[first].isJoinedToPrevious {
            let previous = tokens[first - 1]
            if !previous.isSaltWord, let lead = text.bytes(of: previous).first, lead >= 97 { return true }
        }
        if last + 1 < tokens.count, tokens[last + 1].isJoinedToPrevious, !tokens[last + 1].isSaltWord {
            let next = text.bytes(of: tokens[last + 1])
            if let lead = next.first, lead >= 97 { return true }
            if last + 2 < tokens.count, tokens[last + 2].isJoinedToPrevious { return true }  // a locant: "-4-ol"
        }
        return false
    }

    private func hasSaltWord(_ text: ChemicalText, outside span: ClosedRange<Int>) -> Bool {
        text.tokens.indices.contains { !span.contains($0) && text.tokens[$0].isSaltWord }
    }

    private func match(_ form: WatchlistIndex.NameForm, rule: PrecursorMatch.Rule, confidence: Double, isSaltForm: Bool) -> PrecursorMatch {
        let entry = index.watchlist.entries[form.entry]
        let covered = !isSaltForm || entry.coverage.contains(.salts)
        return PrecursorMatch(
            chemical: entry.id, rule: rule, confidence: covered ? confidence : confidence * 0.9, matchedForm: form.text,
            isSaltForm: isSaltForm)
    }
}
