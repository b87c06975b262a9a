/// The substances Vigil recognises, and the matching of free-text mentions to them.
///
/// Matching normalises the text first: case, punctuation, spacing and hyphens are ignored; salt
/// forms ("HCl", "citrate") and a trailing yes-flag ("Xylazine Y", "Fentanyl (Y)") are removed.
/// So "FENTANYL ANALOGUE", "Acetyl Fentanyl", "acetylfentanyl" and "Xylazine Y" all resolve. Text
/// that still matches nothing resolves to `nil`; callers keep it verbatim as an unknown mention.
public struct SubstanceCatalog: Sendable {
    /// The catalogue version, recorded with results that depend on it.
    public let version: String
    /// All entries, sorted by identifier.
    public let substances: [Substance]
    private let byID: [SubstanceID: Substance]
    private let byKey: [String: SubstanceID]

    /// Builds a catalogue. Every name and synonym must normalise to a key no other entry uses.
    public init(version: String, substances: [Substance]) {
        self.version = version
        self.substances = substances.sorted { $0.id < $1.id }
        var byID: [SubstanceID: Substance] = [:]
        var byKey: [String: SubstanceID] = [:]
        for substance in substances {
            precondition(byID[substance.id] == nil, "duplicate substance id \(substance.id)")
            byID[substance.id] = substance
            for text in [substance.id.rawValue, substance.name] + substance.synonyms {
                let key = Self.matchKey(text)
                precondition(byKey[key] == nil || byKey[key] == substance.id, "'\(text)' names two substances")
                byKey[key] = substance.id
            }
        }
        self.byID = byID
        self.byKey = byKey
    }

    /// The entry for an identifier.
    public func substance(_ id: SubstanceID) -> Substance? { byID[id] }

    /// The substance a free-text mention names, or `nil` when the catalogue does not know it.
    public func resolve(_ text: some StringProtocol) -> SubstanceID? {
        let key = Self.matchKey(String(text))
        return key.isEmpty ? nil : byKey[key]
    }

    /// The normalised form used for matching: lower-case letters and digits only, with salt words
    /// and a trailing yes-flag removed.
    static func matchKey(_ text: String) -> String {
        var words: [String] = []
        var current = ""
        for scalar in text.lowercased().unicodeScalars {
            if scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) {
                current.unicodeScalars.append(scalar)
            } else if !current.isEmpty {
                words.append(current)
                current = ""
            }
        }
        if !current.isEmpty { words.append(current) }
        let saltWords: Set<String> = ["hcl", "hydrochloride", "citrate", "sulfate", "sulphate", "base", "salt"]
        words.removeAll { saltWords.contains($0) }
        while words.count > 1, let last = words.last, ["y", "yes", "pos", "positive"].contains(last) {
            words.removeLast()
        }
        return words.joined()
    }
}
