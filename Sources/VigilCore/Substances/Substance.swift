/// The stable identifier of a substance in the catalogue, a lower-case slug such as `fentanyl` or
/// `para-fluorofentanyl`.
public struct SubstanceID: TypedIdentifier {
    /// The slug.
    public let rawValue: String
    /// Wraps a slug; the catalogue decides whether it names a known substance.
    public init(rawValue: String) { self.rawValue = rawValue }
}

/// A substance, or a group of substances a source cannot tell apart ("fentanyl analogue",
/// "benzodiazepine"), that overdose and drug-market data refer to.
public struct Substance: Hashable, Sendable, Codable {
    /// The canonical identifier.
    public var id: SubstanceID
    /// The display name.
    public var name: String
    /// The pharmacological class used for grouping.
    public var substanceClass: SubstanceClass
    /// Other names and spellings sources use, matched after normalisation.
    public var synonyms: [String]

    /// Creates a catalogue entry.
    public init(id: SubstanceID, name: String, substanceClass: SubstanceClass, synonyms: [String]) {
        self.id = id
        self.name = name
        self.substanceClass = substanceClass
        self.synonyms = synonyms
    }
}

/// The class a substance belongs to.
public enum SubstanceClass: String, Hashable, Sendable, Codable, CaseIterable {
    /// Fentanyl itself.
    case fentanyl
    /// Fentanyl analogues and related synthetic opioids of the fentanyl family.
    case fentanylAnalogue = "fentanyl-analogue"
    /// Benzimidazole opioids (nitazenes).
    case nitazene
    /// Other synthetic opioids (methadone, tramadol, tapentadol, U-47700).
    case syntheticOpioid = "synthetic-opioid"
    /// Heroin and natural or semi-synthetic opioids (morphine, codeine, oxycodone…).
    case naturalOrSemiSyntheticOpioid = "natural-semisynthetic-opioid"
    /// An opioid the source does not name.
    case unspecifiedOpioid = "opioid-unspecified"
    /// Cocaine.
    case cocaine
    /// Methamphetamine, amphetamine, MDMA and other stimulants.
    case stimulant
    /// Veterinary alpha-2 agonist sedatives (xylazine, medetomidine).
    case alpha2Agonist = "alpha2-agonist"
    /// Benzodiazepines, including designer benzodiazepines.
    case benzodiazepine
    /// Gabapentinoids.
    case gabapentinoid
    /// Ethanol.
    case alcohol
    /// Anything else (dissociatives, kratom…).
    case other
}
