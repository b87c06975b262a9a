public import VigilCore
public import VigilReach
public import VigilStore

/// How far overdoses happen from care (`vigil access`, the dashboard's access page): the stored events of a
/// period against the stored service locations, per county or state, with ``VigilReach/AccessAnalysis``.
/// Events without coordinates stand at their county's centroid; events with neither are left out and counted.
public struct TreatmentAccess: Sendable {
    /// How rows are grouped.
    public enum Grouping: String, Sendable, CaseIterable {
        case county, state
    }

    /// What a run found.
    public struct Outcome: Sendable {
        /// The analysis: nearest facilities per event and kind, and the region rows.
        public var report: AccessReport
        /// Events analysed, of which placed at their county's centroid; events left out for having no place.
        public var events: Int
        public var eventsAtCentroid: Int
        public var eventsWithoutPlace: Int
        /// Facilities of each kind.
        public var facilities: [ServiceKind: Int]
        /// Per row region, the capacity of its facilities of the measured kind, where every one of them states it.
        public var capacity: [RegionCode: Int]
    }

    private let events: any EventStore
    private let locations: any ServiceLocationStore

    /// The use case over a store.
    public init(events: any EventStore, locations: any ServiceLocationStore) {
        self.events = events
        self.locations = locations
    }

    /// Runs the analysis.
    /// - Parameters:
    ///   - kind: The kind the region rows measure distances to.
    ///   - filter: Which events (dates, region, jurisdictions).
    ///   - grouping: County or state rows.
    ///   - populations: Residents per county, for rates (Vigil does not bundle populations).
    /// - Throws: ``VigilReach/ReachError`` `noFacilities` when no location of `kind` is stored; store errors.
    public func run(
        kind: ServiceKind = .otp, filter: EventFilter, grouping: Grouping = .county, populations: [RegionCode: Int] = [:],
        regions: RegionCatalog = .standard
    ) async throws -> Outcome {
        func group(_ code: RegionCode?) -> RegionCode {
            guard let code else { return RegionCode(rawValue: "US")! }
            return grouping == .state ? code.stateCode ?? code : code
        }
        var accessEvents: [AccessEvent] = []
        var (atCentroid, withoutPlace) = (0, 0)
        for event in try await events.fetchEvents(filter) {
            if let point = event.location {
                accessEvents.append(AccessEvent(region: group(event.region), location: point))
            } else if let code = event.region, let centroid = regions.region(code)?.centroid {
                accessEvents.append(AccessEvent(region: group(code), location: centroid))
                atCentroid += 1
            } else {
                withoutPlace += 1
            }
        }
        let stored = try await locations.fetchServiceLocations(kind: nil, region: nil)
        let facilities = stored.map { AccessFacility(kind: .init(rawValue: $0.kind.rawValue), location: $0.location, region: group($0.region)) }
        var grouped = [RegionCode: Int]()
        for (code, population) in populations { grouped[group(code), default: 0] += population }
        let report = try AccessAnalysis(.init(summaryKind: .init(rawValue: kind.rawValue))).evaluate(
            events: accessEvents, facilities: facilities, populations: grouped)
        var capacity: [RegionCode: Int?] = [:]
        for location in stored where location.kind == kind {
            let region = group(location.region)
            capacity[region] = location.capacity.flatMap { stated in capacity[region, default: 0].map { $0 + stated } }
        }
        return Outcome(
            report: report, events: accessEvents.count, eventsAtCentroid: atCentroid, eventsWithoutPlace: withoutPlace,
            facilities: Dictionary(grouping: stored, by: \.kind).mapValues(\.count), capacity: capacity.compactMapValues { $0 })
    }
}
