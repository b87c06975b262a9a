public import VigilCore
public import VigilStore

/// What a store holds, counted several ways: the report `vigil demo` prints.
public struct StoreSummary: Sendable, Codable {
    /// A labelled count.
    public struct Line: Hashable, Sendable, Codable {
        /// The key (a year, region code, substance identifier…).
        public var key: String
        /// A readable label for the key.
        public var label: String
        /// The number of events.
        public var count: Int
    }

    /// The total number of events.
    public var total: Int
    /// Events per year.
    public var byYear: [Line]
    /// Events per region, most first.
    public var byRegion: [Line]
    /// Events per substance (an event counts once per substance it mentions), most first.
    public var bySubstance: [Line]
    /// Events per outcome.
    public var byOutcome: [Line]
    /// Events per source system.
    public var bySource: [Line]

    /// Counts what `store` holds under `filter`.
    public static func make(
        store: any EventStore, filter: EventFilter = EventFilter(), regions: RegionCatalog = .standard,
        substances: SubstanceCatalog = .standard
    ) async throws -> StoreSummary {
        func lines(_ dimension: TallyDimension, label: (String) -> String) async throws -> [Line] {
            try await store.fetchTally(dimension, filter: filter).map { Line(key: $0.key, label: label($0.key), count: $0.count) }
        }
        let byYear = try await lines(.year) { $0 }
        let byRegion = try await lines(.region) { key in
            guard let code = RegionCode(rawValue: key), let region = regions.region(code) else {
                return key.isEmpty ? "(no region)" : key
            }
            return region.stateUSPS.map { "\(region.name), \($0)" } ?? region.name
        }
        let bySubstance = try await lines(.substance) { key in
            substances.substance(SubstanceID(rawValue: key))?.name ?? key
        }
        let byOutcome = try await lines(.outcome) { $0 }
        let bySource = try await lines(.sourceSystem) { $0 }
        let mostFirst: (Line, Line) -> Bool = { ($0.count, $1.key) > ($1.count, $0.key) }
        return StoreSummary(
            total: byOutcome.reduce(0) { $0 + $1.count }, byYear: byYear, byRegion: byRegion.sorted(by: mostFirst),
            bySubstance: bySubstance.sorted(by: mostFirst), byOutcome: byOutcome, bySource: bySource)
    }
}
