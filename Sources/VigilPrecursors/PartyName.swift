/// A company or place name reduced for comparison: lower case, letters and digits only, legal
/// forms dropped (`Co., Ltd.`, `GmbH`, `LLC`…), words as a set. "Acme Chemical Co., Ltd." and
/// "ACME CHEMICAL LIMITED" are the same party.
public struct PartyName: Hashable, Sendable {
    let words: Set<String>

    /// The reduced name, `nil` when nothing is left of it (blank, or legal forms only).
    public init?(_ text: String?) {
        guard let text else { return nil }
        var words: Set<String> = []
        var current = ""
        for character in text.lowercased() {
            if character.isLetter || character.isNumber {
                current.append(character)
            } else if character != "." {
                if !current.isEmpty, !Self.legalForms.contains(current) { words.insert(current) }
                current = ""
            }
        }
        if !current.isEmpty, !Self.legalForms.contains(current) { words.insert(current) }
        guard !words.isEmpty else { return nil }
        self.words = words
    }

    /// Whether two names are the same party: the same words, or all the words of a name of two or
    /// more words among the other's.
    func matches(_ other: PartyName) -> Bool {
        if words == other.words { return true }
        let (shorter, longer) = words.count <= other.words.count ? (words, other.words) : (other.words, words)
        return shorter.count >= 2 && shorter.isSubset(of: longer)
    }

    private static let legalForms: Set<String> = [
        "co", "company", "corp", "corporation", "inc", "incorporated", "ltd", "limited", "llc", "plc", "gmbh", "ag", "sa", "sas",
        "sarl", "srl", "spa", "bv", "nv", "pte", "pvt", "pty", "kg", "oy", "ab", "as", "the", "and",
    ]
}

extension PartyName {
    /// A key naming the party, equal for names with the same words: its words sorted, joined by hyphens
    /// ("Acme Chemical Co., Ltd." → `acme-chemical`).
    public var key: String { words.sorted().joined(separator: "-") }
}
