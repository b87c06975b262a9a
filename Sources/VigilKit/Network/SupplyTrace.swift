public import VigilCore
public import VigilStore

/// From precursor to overdose (`vigil trace`): from an entity (a shipment, one of its parties, or a
/// seizure), the links of the network out to the seizures within a few hops; each seizure's drug
/// samples (the sample ids its `sample` property lists); and the overdose alerts near those samples,
/// either because an alert lists the sample in its evidence or because it is in the sample's county (or
/// state) within a number of days. Every step says what it rests on.
public struct SupplyTrace: Sendable {
    /// One seizure reached, and what follows from it.
    public struct Chain: Hashable, Sendable {
        /// The entities from the start to the seizure, the start first.
        public var entities: [Entity]
        /// The links between them, in the same order.
        public var links: [Link]
        /// The seizure's samples that are stored.
        public var samples: [DrugSample]
        /// Sample ids the seizure lists that are not stored.
        public var missingSamples: [String]
        /// The alerts near the samples, with the sample and the reason.
        public var alerts: [NearbyAlert]

        /// The seizure.
        public var seizure: Entity { entities[entities.count - 1] }
    }

    /// An alert near one of a seizure's samples.
    public struct NearbyAlert: Hashable, Sendable {
        /// The alert.
        public var alert: Alert
        /// The sample it is near.
        public var sample: SampleID
        /// Why it counts: the alert lists the sample in its evidence, or is in the sample's area and days.
        public var reason: String
    }

    /// What a trace found.
    public struct Report: Hashable, Sendable {
        /// The entity traced from.
        public var start: Entity
        /// The seizures reached, nearest first.
        public var chains: [Chain]
        /// The hops searched.
        public var maxHops: Int
    }

    private let network: any NetworkStore
    private let samples: any SampleStore
    private let alerts: any AlertStore

    /// A trace over a store's network, samples and alerts.
    public init(network: any NetworkStore, samples: any SampleStore, alerts: any AlertStore) {
        self.network = network
        self.samples = samples
        self.alerts = alerts
    }

    /// Traces from an entity; `nil` when there is no such entity.
    /// - Parameters:
    ///   - maxHops: How many links away seizures are looked for.
    ///   - days: Overdose alerts whose periods come within this many days of a sample, in its county or
    ///     state, count as near it.
    public func trace(from id: EntityID, maxHops: Int = 4, days: Int = 60) async throws -> Report? {
        guard let start = try await network.fetchEntities(ids: [id]).first else { return nil }
        var depth: [EntityID: Int] = [id: 0]
        var parent: [EntityID: Link] = [:]
        var frontier = [id]
        var candidates: [EntityID] = [id]
        for hop in 1...max(1, maxHops) where !frontier.isEmpty {
            let current = Set(frontier)
            var next: [EntityID] = []
            for link in try await network.fetchLinks(touchingAny: frontier).sorted(by: { $0.id < $1.id }) {
                for (near, far) in [(link.source, link.target), (link.target, link.source)] where current.contains(near) && depth[far] == nil {
                    depth[far] = hop
                    parent[far] = link
                    next.append(far)
                }
            }
            frontier = next.sorted()
            candidates += frontier
        }
        let reached = try await network.fetchEntities(ids: Array(depth.keys))
        let byID = Dictionary(reached.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        let allAlerts = try await alerts.fetchAlerts(status: nil)
        var chains: [Chain] = []
        for seizureID in candidates {
            guard let seizure = byID[seizureID], seizure.schema == .seizure else { continue }
            var entities = [seizure]
            var links: [Link] = []
            var node = seizureID
            while let link = parent[node] {
                node = link.source == node ? link.target : link.source
                links.insert(link, at: 0)
                if let entity = byID[node] { entities.insert(entity, at: 0) }
            }
            let listed = seizure.properties[.sample] ?? []
            let stored = listed.isEmpty ? [] : try await samples.fetchSamples(SampleFilter(ids: listed.map(SampleID.init(rawValue:))))
            let storedIDs = Set(stored.map(\.id.rawValue))
            chains.append(
                Chain(
                    entities: entities, links: links, samples: stored, missingSamples: listed.filter { !storedIDs.contains($0) },
                    alerts: stored.flatMap { Self.alerts(near: $0, in: allAlerts, days: days) }))
        }
        return Report(start: start, chains: chains, maxHops: maxHops)
    }

    /// The alerts that list a sample in their evidence, and the overdose alerts in its county or state whose
    /// periods come within `days` of it.
    static func alerts(near sample: DrugSample, in alerts: [Alert], days: Int) -> [NearbyAlert] {
        alerts.compactMap { alert in
            let evidence = alert.latest.evidence
            let listed = (evidence?.samples?.sampleIdentifiers ?? []) + (evidence?.finding?.sampleIdentifiers ?? [])
            if listed.contains(sample.id.rawValue) {
                return NearbyAlert(alert: alert, sample: sample.id, reason: "the alert lists this sample in its evidence")
            }
            guard alert.latest.kind != "substance", let region = sample.region else { return nil }
            let alertRegion = alert.latest.region
            guard alertRegion == region || region.stateCode == alertRegion || alertRegion.stateCode == region else { return nil }
            let gap = max(alert.firstPeriod.dayNumber - sample.collectedOn.dayNumber, sample.collectedOn.dayNumber - alert.latest.period.dayNumber, 0)
            guard gap <= days else { return nil }
            return NearbyAlert(
                alert: alert, sample: sample.id,
                reason: "overdose alert in \(alertRegion.rawValue), \(gap == 0 ? "during its days" : "\(gap) days apart"), the sample in \(region.rawValue)")
        }
    }
}
