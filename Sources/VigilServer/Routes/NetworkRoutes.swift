import Foundation
import Hummingbird
import VigilCore
import VigilKit
import VigilStore

/// The stored trafficking networks for investigators and admins: `GET /api/v1/entities` finds
/// entities by name and schema, `GET /api/v1/entities/:id` gives one with its links and neighbours,
/// and `GET /api/v1/network/path?from=&to=[&types=]` a shortest chain of links between two.
///
/// Network records carry no region, so they are not limited by the token's jurisdictions; they are
/// kept from analysts and reporters (the law-enforcement compartment).
struct NetworkRoutes {
    let store: any NetworkStore

    func add(to router: Router<VigilRequestContext>) {
        router.get("/api/v1/entities") { request, context in
            try context.requireNetworks("read network entities")
            let query = request.uri.queryParameters
            let limit = try QueryFilter.integer(query, "limit", default: 100, in: 1...1000)
            let schema = try query.get("schema").map { text in
                guard let schema = EntitySchema(rawValue: text) else {
                    throw APIError(.badRequest, "schema '\(text)' is not one of " + EntitySchema.allCases.map(\.rawValue).joined(separator: ", "))
                }
                return schema
            }
            let found = try await store.fetchEntities(schema: schema, nameContaining: query.get("search"), limit: limit)
            return try Response.json(["entities": found.map(EntityRepresentation.init)], audit: "\(found.count) entities")
        }
        router.get("/api/v1/entities/:id") { _, context in
            try context.requireNetworks("read network entities")
            guard let id = context.parameters.get("id").flatMap(EntityID.init(rawValue:)),
                let found = try await NetworkQueries(store: store).neighbourhood(of: id)
            else { throw APIError(.notFound, "no such entity; GET /api/v1/entities?search= finds ids") }
            let answer = Neighbourhood(
                entity: EntityRepresentation(found.entity), links: found.links.map(LinkRepresentation.init),
                neighbours: found.neighbours.map(EntityRepresentation.init))
            return try Response.json(answer, audit: "entity \(id): \(found.links.count) links")
        }
        router.get("/api/v1/network/path") { request, context in
            try context.requireNetworks("trace network paths")
            let query = request.uri.queryParameters
            guard let from = query.get("from").flatMap(EntityID.init(rawValue:)), let to = query.get("to").flatMap(EntityID.init(rawValue:)) else {
                throw APIError(.badRequest, "give the two entities: ?from=ID&to=ID")
            }
            let types = try query.get("types").map(Self.linkKinds)
            let path: NetworkQueries.Path?
            do { path = try await NetworkQueries(store: store).path(from: from, to: to, types: types) } catch let error as StoreError
                where error.code == .unknownEntity
            { throw APIError(.notFound, error.message) }
            guard let path else {
                return try Response.json(Path(connected: false, entities: [], links: []), audit: "no path \(from) → \(to)")
            }
            return try Response.json(
                Path(connected: true, entities: path.entities.map(EntityRepresentation.init), links: path.links.map(LinkRepresentation.init)),
                audit: "path \(from) → \(to): \(path.links.count) links")
        }
    }

    /// The link types of a comma-separated list.
    /// - Throws: ``APIError`` 400 naming an unknown type and the known ones.
    static func linkKinds(_ text: String) throws -> Set<LinkKind> {
        Set(try text.split(separator: ",").map { name in
            guard let kind = LinkKind(rawValue: name.trimmingCharacters(in: .whitespaces)) else {
                throw APIError(.badRequest, "link type '\(name)' is not one of " + LinkKind.allCases.map(\.rawValue).joined(separator: ", "))
            }
            return kind
        })
    }

    struct Neighbourhood: Encodable {
        var entity: EntityRepresentation
        var links: [LinkRepresentation]
        var neighbours: [EntityRepresentation]
    }

    struct Path: Encodable {
        var connected: Bool
        var entities: [EntityRepresentation]
        var links: [LinkRepresentation]
    }
}

/// An entity as the API writes it.
struct EntityRepresentation: Encodable {
    var id: String
    var schema: String
    var name: String
    var properties: [String: [String]]
    var source: String?
    var record: String?

    init(_ entity: Entity) {
        id = entity.id.rawValue
        schema = entity.schema.rawValue
        name = entity.name
        properties = Dictionary(uniqueKeysWithValues: entity.properties.map { ($0.key.rawValue, $0.value) })
        source = entity.provenance?.source
        record = entity.provenance?.record
    }
}

/// A link as the API writes it.
struct LinkRepresentation: Encodable {
    var id: String
    var type: String
    var source: String
    var target: String
    var start: String?
    var end: String?
    var weight: Double?

    init(_ link: Link) {
        id = link.id.rawValue
        type = link.kind.rawValue
        source = link.source.rawValue
        target = link.target.rawValue
        start = link.start?.description
        end = link.end?.description
        weight = link.weight
    }
}

extension VigilRequestContext {
    /// The authenticated token, whose role must work with network data (investigator or admin).
    /// - Throws: ``APIError`` 401 without a token, 403 for other roles.
    func requireNetworks(_ what: String) throws {
        guard let token else { throw APIError.unauthenticated }
        guard token.role.allows(.investigateNetworks) else { throw APIError.forbidden(what) }
    }
}
