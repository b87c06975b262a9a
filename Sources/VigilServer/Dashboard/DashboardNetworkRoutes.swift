import Foundation
import Hummingbird
import VigilCore
import VigilKit
import VigilNetwork
import VigilStore

/// The dashboard's network pages, for investigators and admins: search the stored entities, open one to
/// see its facts, its links and a drawing of its neighbourhood, and trace the shortest chain of links
/// between two entities (optionally through some link types only). The law-enforcement compartment:
/// other roles get no link to these pages and are refused on them.
struct DashboardNetworkRoutes {
    let store: any NetworkStore

    func add(to router: Router<VigilRequestContext>) {
        router.get("/network") { request, context in try await searchPage(request, context) }
        router.get("/network/entities/:id") { _, context in try await entityPage(context) }
        router.get("/network/path") { request, context in try await pathPage(request, context) }
    }

    // MARK: Search

    private func searchPage(_ request: Request, _ context: VigilRequestContext) async throws -> Response {
        let token = try context.dashboardNetworkToken("search network entities")
        let query = request.uri.queryParameters
        let search = query.get("search") ?? ""
        let schema = query.get("schema").flatMap(EntitySchema.init(rawValue:))
        let found = try await store.fetchEntities(schema: schema, nameContaining: search.isEmpty ? nil : search, limit: 100)
        let options = "<option value=\"\">any kind</option>" + EntitySchema.allCases.map { kind in
            "<option value=\"\(kind.rawValue)\"\(kind == schema ? " selected" : "")>\(kind.rawValue)</option>"
        }.joined()
        let rows = found.map { entity in
            "<tr><td><a href=\"/network/entities/\(Self.pathComponent(entity.id))\">\(Page.escape(entity.name))</a></td>"
                + "<td>\(entity.schema.rawValue)</td><td><code>\(Page.escape(entity.id.rawValue))</code></td>"
                + "<td>\(Page.escape(entity.provenance?.source ?? "—"))</td></tr>"
        }.joined()
        let results = found.isEmpty ? "<p id=\"no-entities\">No stored entity matches.</p>" : """
            <table id="entities"><caption>\(found.count == 100 ? "The first 100 entities" : "\(found.count) entit\(found.count == 1 ? "y" : "ies")") found</caption>
            <thead><tr><th scope="col">Name</th><th scope="col">Kind</th><th scope="col">Id</th><th scope="col">Source</th></tr></thead>
            <tbody>\(rows)</tbody></table>
            """
        return Page.render("Trafficking network", token: (token.role, token.name), csrf: context.session?.csrf, """
            <form method="get" action="/network" class="card" id="search">
            <label for="search-text">Name or alias contains</label>
            <input id="search-text" name="search" type="search" value="\(Page.escape(search))">
            <label for="search-schema">Kind</label><select id="search-schema" name="schema">\(options)</select>
            <button type="submit">Search</button>
            </form>
            \(results)
            \(Self.pathForm(from: "", to: "", types: ""))
            <p>Entities and links are loaded with <code>vigil entities import</code>.</p>
            """)
    }

    // MARK: One entity

    private func entityPage(_ context: VigilRequestContext) async throws -> Response {
        let token = try context.dashboardNetworkToken("read network entities")
        guard let id = context.parameters.get("id").flatMap(EntityID.init(rawValue:)),
            let found = try await NetworkQueries(store: store).neighbourhood(of: id)
        else { throw APIError(.notFound, "no such entity; search for it on /network") }
        let entity = found.entity
        let names = Dictionary(found.neighbours.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        func named(_ other: EntityID) -> String {
            other == entity.id ? "<strong>\(Page.escape(entity.name))</strong>"
                : "<a href=\"/network/entities/\(Self.pathComponent(other))\">\(Page.escape(names[other]?.name ?? other.rawValue))</a>"
        }
        var facts = "<dt>Kind</dt><dd>\(entity.schema.rawValue)</dd><dt>Id</dt><dd><code>\(Page.escape(entity.id.rawValue))</code></dd>"
        for (property, values) in entity.properties.sorted(by: { $0.key.rawValue < $1.key.rawValue }) {
            facts += "<dt>\(property.rawValue)</dt><dd>\(Page.escape(values.joined(separator: "; ")))</dd>"
        }
        if let provenance = entity.provenance {
            facts += "<dt>Source</dt><dd>\(Page.escape(provenance.source))\(provenance.record.map { ", record " + Page.escape($0) } ?? "")</dd>"
        }
        let rows = found.links.map { link in
            "<tr><td>\(link.kind.rawValue)</td><td>\(named(link.source))</td><td>\(named(link.target))</td>"
                + "<td>\(Self.period(link))</td><td>\(link.weight.map { String($0) } ?? "—")</td>"
                + "<td>\(Page.escape(link.provenance?.source ?? "—"))</td></tr>"
        }.joined()
        let links = found.links.isEmpty ? "<p id=\"no-links\">No stored link touches this entity.</p>" : """
            <table id="links"><caption>\(found.links.count) link\(found.links.count == 1 ? "" : "s")</caption>
            <thead><tr><th scope="col">Type</th><th scope="col">From</th><th scope="col">To</th><th scope="col">Period</th>
            <th scope="col">Weight</th><th scope="col">Source</th></tr></thead><tbody>\(rows)</tbody></table>
            """
        return Page.render(entity.name, token: (token.role, token.name), csrf: context.session?.csrf, """
            <dl class="facts" id="entity">\(facts)</dl>
            <section aria-labelledby="neighbourhood-heading"><h2 id="neighbourhood-heading">Neighbourhood</h2>
            <figure id="drawing">\(try drawing(found))<figcaption>The entity and its \(found.neighbours.count) neighbour\(found.neighbours.count == 1 ? "" : "s"), coloured by kind, sized by links.</figcaption></figure>
            \(links)</section>
            \(Self.pathForm(from: entity.id.rawValue, to: "", types: ""))
            <p><a href="/network">Search the network</a></p>
            """)
    }

    /// A drawing of an entity's neighbourhood, nodes coloured by kind and sized by their links in it.
    private func drawing(_ found: NetworkQueries.Neighbourhood) throws -> String {
        let entities = [found.entity] + found.neighbours
        let kinds = Dictionary(entities.map { ($0.id.rawValue, $0.schema) }, uniquingKeysWith: { first, _ in first })
        let graph = try Graph(
            edges: found.links.map { EdgeRecord(source: $0.source.rawValue, target: $0.target.rawValue) }, isDirected: false,
            isolatedNodes: [found.entity.id.rawValue])
        let names = Dictionary(entities.map { ($0.id.rawValue, $0.name) }, uniquingKeysWith: { first, _ in first })
        var generator = SplitMix64(seed: 1)
        let schemaOrder = EntitySchema.allCases
        let groups = (0..<graph.nodeCount).map { schemaOrder.firstIndex(of: kinds[graph.nodeNames[$0]] ?? .person) ?? 0 }
        return NetworkDrawing(size: 480, labelLimit: 60).svg(
            graph: graph, positions: ForceLayout().positions(of: graph, using: &generator), sizes: graph.degrees().map(Double.init),
            sizeName: "links", groups: groups, groupName: { schemaOrder[$0].rawValue },
            labels: graph.nodeNames.map { names[$0] ?? $0 })
    }

    // MARK: Paths

    private func pathPage(_ request: Request, _ context: VigilRequestContext) async throws -> Response {
        let token = try context.dashboardNetworkToken("trace network paths")
        let query = request.uri.queryParameters
        let (fromText, toText, typesText) = (query.get("from") ?? "", query.get("to") ?? "", query.get("types") ?? "")
        var answer: String
        do {
            guard let from = EntityID(rawValue: fromText), let to = EntityID(rawValue: toText) else {
                throw APIError(.badRequest, "give the ids of both entities")
            }
            let types = try typesText.isEmpty ? nil : NetworkRoutes.linkKinds(typesText)
            if let path = try await NetworkQueries(store: store).path(from: from, to: to, types: types) {
                var steps = "<li><a href=\"/network/entities/\(Self.pathComponent(path.entities[0].id))\">\(Page.escape(path.entities[0].name))</a></li>"
                for (link, entity) in zip(path.links, path.entities.dropFirst()) {
                    steps += "<li><span class=\"badge\">\(link.kind.rawValue)</span> "
                        + "<a href=\"/network/entities/\(Self.pathComponent(entity.id))\">\(Page.escape(entity.name))</a></li>"
                }
                answer = "<p role=\"status\" id=\"result\">Connected by \(path.links.count) link\(path.links.count == 1 ? "" : "s").</p><ol id=\"path\">\(steps)</ol>"
            } else {
                answer = "<p role=\"status\" id=\"result\">Not connected\(types == nil ? "" : " through those link types").</p>"
            }
        } catch let error as APIError {
            answer = "<p class=\"error\" role=\"alert\" id=\"result\">\(Page.escape(error.message))</p>"
        } catch let error as StoreError where error.code == .unknownEntity {
            answer = "<p class=\"error\" role=\"alert\" id=\"result\">\(Page.escape(error.message))</p>"
        }
        return Page.render("Path between two entities", token: (token.role, token.name), csrf: context.session?.csrf, """
            \(answer)
            \(Self.pathForm(from: fromText, to: toText, types: typesText))
            <p><a href="/network">Search the network</a></p>
            """)
    }

    private static func pathForm(from: String, to: String, types: String) -> String {
        """
        <form method="get" action="/network/path" class="card" id="path-form">
        <h2>Shortest chain between two entities</h2>
        <label for="path-from">From (id)</label><input id="path-from" name="from" type="text" required value="\(Page.escape(from))">
        <label for="path-to">To (id)</label><input id="path-to" name="to" type="text" required value="\(Page.escape(to))">
        <label for="path-types">Only through link types (comma-separated, optional)</label>
        <input id="path-types" name="types" type="text" value="\(Page.escape(types))" placeholder="\(LinkKind.allCases.prefix(3).map(\.rawValue).joined(separator: ","))">
        <button type="submit">Trace</button>
        </form>
        """
    }

    private static func period(_ link: Link) -> String {
        switch (link.start, link.end) {
        case (nil, nil): "—"
        case (let start?, nil): "from \(start)"
        case (nil, let end?): "until \(end)"
        case (let start?, let end?): "\(start) to \(end)"
        }
    }

    /// An entity id as a URL path component.
    private static func pathComponent(_ id: EntityID) -> String {
        id.rawValue.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed.subtracting(["/"])) ?? id.rawValue
    }
}

extension VigilRequestContext {
    /// The session's token, whose role must work with network data (investigator or admin); without a
    /// session the browser is sent to the login page.
    func dashboardNetworkToken(_ what: String) throws -> APIToken {
        guard let token, session != nil else { throw RedirectToLogin() }
        guard token.role.allows(.investigateNetworks) else { throw APIError.forbidden(what) }
        return token
    }
}
