public import VigilCore
public import VigilStore

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
    ///
    /// A breadth-first search from both ends at once, a level at a time from the end with the smaller
    /// frontier, each level one query for the links of the whole frontier: it reads only the links near
    /// the two ends, not the whole network. Among chains of the same length, the one through the entities
    /// and links of lowest ids is returned.
    /// - Throws: ``VigilStore/StoreError`` `unknownEntity` when either entity is not stored.
    public func path(from source: EntityID, to target: EntityID, types: Set<LinkKind>? = nil) async throws -> Path? {
        let ends = try await store.fetchEntities(ids: [source, target])
        guard ends.contains(where: { $0.id == source }), ends.contains(where: { $0.id == target }) else {
            throw StoreError(code: .unknownEntity, message: "no stored entity \(ends.contains { $0.id == source } ? target : source); GET /api/v1/entities?search= finds ids")
        }
        if source == target { return Path(entities: ends.filter { $0.id == source }, links: []) }
        var sides = [SearchSide(start: source), SearchSide(start: target)]
        while !sides[0].frontier.isEmpty, !sides[1].frontier.isEmpty {
            let side = sides[1].frontier.count < sides[0].frontier.count ? 1 : 0
            let links = try await store.fetchLinks(touchingAny: sides[side].frontier).filter { types?.contains($0.kind) ?? true }
            let reached = sides[side].expand(along: links)
            // The level is complete: of the entities it reached that the other side has seen, the one
            // nearest the other end closes a shortest chain.
            let meetings = reached.compactMap { id in sides[1 - side].depth[id].map { (id: id, depth: $0) } }
            guard let meeting = meetings.min(by: { ($0.depth, $0.id) < ($1.depth, $1.id) }) else { continue }
            let (ids, chain) = (sides[0].chain(to: meeting.id), sides[1].chain(to: meeting.id))
            let entityIDs = Array(ids.entities.reversed()) + chain.entities.dropFirst()
            let entities = try await store.fetchEntities(ids: entityIDs)
            return Path(
                entities: entityIDs.compactMap { id in entities.first { $0.id == id } }, links: Array(ids.links.reversed()) + chain.links)
        }
        return nil
    }
}

/// One end of a two-ended breadth-first search: how far each entity seen is from the end, and the link
/// by which it was first reached.
private struct SearchSide {
    var depth: [EntityID: Int]
    var parent: [EntityID: (entity: EntityID, link: Link)] = [:]
    var frontier: [EntityID]

    init(start: EntityID) {
        depth = [start: 0]
        frontier = [start]
    }

    /// Follows `links` (ordered by id) out of the frontier, which becomes the entities first reached.
    mutating func expand(along links: [Link]) -> [EntityID] {
        let current = Set(frontier)
        var touching: [EntityID: [Link]] = [:]
        for link in links {
            touching[link.source, default: []].append(link)
            if link.target != link.source { touching[link.target, default: []].append(link) }
        }
        var next: [EntityID] = []
        for node in frontier.sorted() {
            for link in touching[node] ?? [] {
                let other = link.source == node ? link.target : link.source
                guard depth[other] == nil, !current.contains(other) else { continue }
                depth[other] = depth[node]! + 1
                parent[other] = (node, link)
                next.append(other)
            }
        }
        frontier = next
        return next
    }

    /// The entities and links from `entity` back to this side's end.
    func chain(to entity: EntityID) -> (entities: [EntityID], links: [Link]) {
        var entities = [entity]
        var links: [Link] = []
        var node = entity
        while let step = parent[node] {
            links.append(step.link)
            entities.append(step.entity)
            node = step.entity
        }
        return (entities, links)
    }
}
