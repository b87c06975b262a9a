/// The identifier of a drug sample: its source (a lab, a drug-checking service, a seizure system) and the
/// record's identifier there, written `source:record`, so that importing a file again adds nothing.
public struct SampleID: TypedIdentifier {
    /// The text `source:record`.
    public let rawValue: String
    /// Wraps stored text.
    public init(rawValue: String) { self.rawValue = rawValue }
    /// The identifier of record `recordID` in source `source`.
    public init(source: SourceSystemID, recordID: String) { rawValue = source.rawValue + ":" + recordID }
}

/// What kind of service or system analysed a sample.
public enum SampleSourceKind: String, Hashable, Sendable, Codable, CaseIterable {
    /// Drugs seized by law enforcement.
    case seizure
    /// A forensic laboratory's analysis (of a seizure or case exhibit).
    case forensicLab = "forensic_lab"
    /// A drug-checking service testing what people who use drugs bring in.
    case drugChecking = "drug_checking"
    /// Toxicology of a person (post-mortem or clinical).
    case toxicology
}

/// The physical form of a sample.
public enum SampleForm: String, Hashable, Sendable, Codable, CaseIterable {
    case powder, pill, tar, liquid, paper, crystal, plant, other
}

/// A substance found in a sample, with its purity or concentration when measured.
public struct SampleSubstance: Hashable, Sendable, Codable {
    /// The catalogue substance, or `nil` when the catalogue does not know the name (kept in ``text``).
    public var substance: SubstanceID?
    /// The name as the source wrote it.
    public var text: String
    /// The share of the sample by weight, in percent (0–100), when measured.
    public var purityPercent: Double?

    /// A substance found.
    public init(substance: SubstanceID?, text: String, purityPercent: Double? = nil) {
        self.substance = substance
        self.text = text
        self.purityPercent = purityPercent
    }

    /// The name detection works on: the catalogue identifier, else the source's text in lower case.
    public var key: String { substance?.rawValue ?? text.lowercased() }
}

/// A drug sample with what was found in it: a seizure, a forensic lab result or a drug-checking result.
///
/// It says when and where the sample was collected (a region and/or a point, and the site or town as
/// the source names it), what kind of service analysed it, its form, what it was sold or seized as, and
/// the substances found. A sample has at least one substance.
public struct DrugSample: Hashable, Sendable, Codable, Identifiable {
    /// The stable identifier, from the provenance.
    public var id: SampleID
    /// When the sample was collected.
    public var collectedOn: CalendarDate
    /// The region it was collected in (a US state or county), when known.
    public var region: RegionCode?
    /// Where, when the source gives coordinates.
    public var location: GeoPoint?
    /// The site, town or service as the source names it.
    public var place: String?
    /// Who analysed it.
    public var sourceKind: SampleSourceKind
    /// Its form, when known.
    public var form: SampleForm?
    /// What it was sold or seized as ("fentanyl", "down", "oxycodone 30 mg").
    public var soldAs: String?
    /// The substances found, in source order, without repeats.
    public var substances: [SampleSubstance]
    /// The laboratory or service.
    public var laboratory: String?

    /// Creates a sample.
    public init(
        id: SampleID, collectedOn: CalendarDate, region: RegionCode? = nil, location: GeoPoint? = nil, place: String? = nil,
        sourceKind: SampleSourceKind, form: SampleForm? = nil, soldAs: String? = nil, substances: [SampleSubstance], laboratory: String? = nil
    ) {
        self.id = id
        self.collectedOn = collectedOn
        self.region = region
        self.location = location
        self.place = place
        self.sourceKind = sourceKind
        self.form = form
        self.soldAs = soldAs
        self.substances = substances
        self.laboratory = laboratory
    }
}
