public import VigilCore
public import VigilStore
import VigilNetwork

/// What investigators ask of the stored network: an entity's neighbourhood, and how two entities
/// are connected.
public struct NetworkQueries: Sendable {
    /// An entity with the links that touch it and the entities at their other ends.
    public struct Neighbourhood: Sendable {
        public var entity: Entity
        public var links: [Link]
        public var neighbours: [Entity]
    }

    /// A chain of links between two entities, and the entities along it, in order.
    public struct Path: Sendable {
        public var entities: [Entity]
        public var links: [Link]
    }

    private let store: any NetworkStore

    /// Queries on a store.
    public init(store: any NetworkStore) {
        self.store = store
    }

    /// The neighbourhood of an entity, `nil` when it is not stored.
    public func neighbourhood(of id: EntityID) async throws -> Neighbourhood? {
        guard let entity = try await store.fetchEntities(ids: [id]).first else { return nil }
        let links = try await store.fetchLinks(touching: id)
        let others = links.map { $0.source == id ? $0.target : $0.source }
        return Neighbourhood(entity: entity, links: links, neighbours: try await store.fetchEntities(ids: others))
    }

    /// A shortest chain of links between two stored entities, in either direction, optionally only
    /// through links of some types; `nil` when they are not connected that way.
    /// - Throws: ``VigilStore/StoreError`` `unknownEntity` when either entity is not stored.
    public func path(from source: EntityID, to target: EntityID, types: Set<LinkKind>? = nil) async throws -> Path? {
        let ends = try await store.fetchEntities(ids: [source, target])
        guard ends.contains(where: { $0.id == source }), ends.contains(where: { $0.id == target }) else {
            throw StoreError(code: .unknownEntity, message: "no stored entity \(ends.contains { $0.id == source } ? target : source); GET /api/v1/entities?search= finds ids")
        }
        if source == target { return Path(entities: ends.filter { $0.id == source }, links: []) }
        let links = try await store.fetchLinks(touching: nil).filter { types?.contains($0.kind) ?? true }
        let graph = try Graph(
            edges: links.map { EdgeRecord(source: $0.source.rawValue, target: $0.target.rawValue, linkType: $0.kind.rawValue) }, isDirected: false)
        guard let from = graph.nodeID(named: source.rawValue), let to = graph.nodeID(named: target.rawValue),
            let found = try graph.shortestPath(from: from, to: to, usingWeights: false)
        else { return nil }
        let ids = found.nodes.map { EntityID(rawValue: graph.nodeNames[$0])! }
        let steps = zip(ids, ids.dropFirst()).compactMap { a, b in
            links.first { ($0.source == a && $0.target == b) || ($0.source == b && $0.target == a) }
        }
        let entities = try await store.fetchEntities(ids: ids)
        return Path(entities: ids.compactMap { id in entities.first { $0.id == id } }, links: steps)
    }
}
