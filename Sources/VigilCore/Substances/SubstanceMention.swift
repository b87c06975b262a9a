/// One substance named in one event, with the source's own words.
///
/// When the catalogue recognises the text, ``substance`` holds its identifier; when it does not,
/// ``substance`` is `nil` and ``text`` keeps the mention verbatim, so nothing a source reported is
/// lost and unknown names can be reviewed and added to the catalogue.
public struct SubstanceMention: Hashable, Sendable, Codable {
    /// The catalogue substance, or `nil` for an unrecognised mention.
    public var substance: SubstanceID?
    /// The mention as the source wrote it (a column name for a flag column).
    public var text: String
    /// Whether the substance was suspected (scene, EMS impression) or confirmed (toxicology, lab).
    public var certainty: Certainty

    /// How sure the source is that the substance was involved.
    public enum Certainty: String, Hashable, Sendable, Codable {
        /// Suspected from the scene or the clinical picture.
        case suspected
        /// Confirmed by toxicology or a laboratory.
        case confirmed
    }

    /// Creates a mention.
    public init(substance: SubstanceID?, text: String, certainty: Certainty) {
        self.substance = substance
        self.text = text
        self.certainty = certainty
    }
}
