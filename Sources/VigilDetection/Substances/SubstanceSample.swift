public import VigilCore

/// One drug sample as the drug-market monitor sees it: when and where it was collected, and which
/// substances were found in it.
///
/// A sample is a seizure, a forensic laboratory result or a drug-checking result. Samples in which
/// nothing of interest was found still matter: they are part of the denominator of every share, so
/// pass them with an empty `substances` list rather than dropping them.
///
/// Substance identifiers are compared exactly, so normalise them first (the `SubstanceCatalog` slugs
/// of `VigilCore`, such as `fentanyl` or `xylazine`). A substance listed twice in one sample counts
/// once. The region is any stable key: a county FIPS code such as `09009`, a state code, or a
/// site name; it is compared exactly too.
public struct SubstanceSample: Hashable, Sendable, Codable {
    /// The day the sample was collected (or, when unknown, the day it was received).
    public var day: CalendarDate
    /// The region key the sample belongs to, such as a county FIPS code.
    public var region: String
    /// The substances found, as normalised catalogue identifiers; empty when nothing was found.
    public var substances: [SubstanceID]

    /// Creates a sample.
    /// - Parameters:
    ///   - day: The collection day.
    ///   - region: The region key, such as a county FIPS code.
    ///   - substances: The substances found, normalised; duplicates count once.
    public init(day: CalendarDate, region: String, substances: [SubstanceID]) {
        self.day = day
        self.region = region
        self.substances = substances
    }
}
