/// The result of an ``AccessAnalysis``: per event, the nearest facility of each kind; per region, a summary.
public struct AccessReport: Hashable, Sendable, Codable {
    /// The parameters used.
    public var parameters: AccessAnalysis.Parameters
    /// The number of events analysed.
    public var eventCount: Int
    /// One entry per kind of facility present, sorted by kind.
    public var nearest: [NearestFacilities]
    /// One summary per region, sorted by region code: every region that has an event, a facility of the summary
    /// kind, or a population.
    public var regions: [RegionAccess]

    /// Creates a report.
    public init(
        parameters: AccessAnalysis.Parameters, eventCount: Int, nearest: [NearestFacilities], regions: [RegionAccess]
    ) {
        self.parameters = parameters
        self.eventCount = eventCount
        self.nearest = nearest
        self.regions = regions
    }

    /// The nearest facilities of one kind, or `nil` when no facility has that kind.
    public func nearest(_ kind: AccessFacility.Kind) -> NearestFacilities? {
        nearest.first { $0.kind == kind }
    }
}
