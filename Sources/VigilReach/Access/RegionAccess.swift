public import VigilCore

/// The access summary of one region: its events, their rate, and how far they were from the nearest facility of
/// the summary kind.
///
/// Distances are those of the region's events to the nearest facility of the kind anywhere, across region
/// borders. Every statistic that is undefined for the region is `nil`: rates without a population, distance
/// statistics without events.
public struct RegionAccess: Hashable, Sendable, Codable {
    /// The events of a region farther than a threshold from the nearest facility.
    public struct ShareBeyond: Hashable, Sendable, Codable {
        /// The threshold, in kilometres.
        public var thresholdKilometres: Double
        /// The events strictly farther than the threshold.
        public var eventCount: Int
        /// Those events over all the region's events, 0…1; `nil` when the region has no events.
        public var share: Double?

        /// Creates a share.
        public init(thresholdKilometres: Double, eventCount: Int, share: Double?) {
            self.thresholdKilometres = thresholdKilometres
            self.eventCount = eventCount
            self.share = share
        }
    }

    /// The region.
    public var region: RegionCode
    /// The events in the region.
    public var eventCount: Int
    /// The region's population, when the caller gave it.
    public var population: Int?
    /// Events per 100,000 residents; `nil` without a population.
    public var eventsPerHundredThousand: Double?
    /// Facilities of the summary kind in the region (by their own region code).
    public var facilityCount: Int
    /// Facilities of the summary kind per 100,000 residents; `nil` without a population.
    public var facilitiesPerHundredThousand: Double?
    /// The median distance from the region's events to the nearest facility of the summary kind, in kilometres
    /// (``SampleQuantile/type7(ofSorted:probability:)`` at 0.5); `nil` without events.
    public var medianKilometres: Double?
    /// The 90th percentile of those distances (type 7 at 0.9), in kilometres; `nil` without events.
    public var percentile90Kilometres: Double?
    /// Per threshold of the analysis, in the order given: the events beyond it.
    public var beyond: [ShareBeyond]

    /// Creates a summary.
    public init(
        region: RegionCode, eventCount: Int, population: Int?, eventsPerHundredThousand: Double?, facilityCount: Int,
        facilitiesPerHundredThousand: Double?, medianKilometres: Double?, percentile90Kilometres: Double?,
        beyond: [ShareBeyond]
    ) {
        self.region = region
        self.eventCount = eventCount
        self.population = population
        self.eventsPerHundredThousand = eventsPerHundredThousand
        self.facilityCount = facilityCount
        self.facilitiesPerHundredThousand = facilitiesPerHundredThousand
        self.medianKilometres = medianKilometres
        self.percentile90Kilometres = percentile90Kilometres
        self.beyond = beyond
    }
}
