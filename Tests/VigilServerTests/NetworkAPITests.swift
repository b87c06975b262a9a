import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
import VigilCore
import VigilServer
import VigilStore
import VigilStoreSQLite

@Suite("Network API")
struct NetworkAPITests {
    /// Four people and a company: A directs C, C pays B, B calls D; E stands alone.
    static func stored(_ store: SQLiteEventStore) async throws {
        func entity(_ id: String, _ schema: EntitySchema, _ name: String) -> Entity {
            Entity(id: EntityID(rawValue: id)!, schema: schema, name: name, properties: id == "A" ? [.alias: ["La Jefa"]] : [:])
        }
        _ = try await store.upsertEntities([
            entity("A", .person, "Ana Example"), entity("B", .person, "Bo Sample"), entity("C", .company, "Placeholder Trading Co."),
            entity("D", .person, "Cy Test"), entity("E", .person, "Di Alone"),
        ])
        func link(_ id: String, _ kind: LinkKind, _ from: String, _ to: String) -> Link {
            Link(id: LinkID(rawValue: id)!, kind: kind, source: EntityID(rawValue: from)!, target: EntityID(rawValue: to)!)
        }
        _ = try await store.upsertLinks([
            link("L1", .directorship, "A", "C"), link("L2", .payment, "C", "B"), link("L3", .communication, "B", "D"),
        ])
    }

    @Test("an investigator finds entities, sees a neighbourhood and traces a path; typed paths follow only those links")
    func investigate() async throws {
        let fixture = try await ServiceFixture()
        try await Self.stored(fixture.store)
        let investigator = fixture.connecticut[.investigator]!
        try await fixture.test { client in
            let found = try object(try await client.call(.get, "/api/v1/entities?search=sample", token: investigator).body)
            #expect((found["entities"] as? [[String: Any]])?.map { $0["id"] as? String } == ["B"])
            let people = try object(try await client.call(.get, "/api/v1/entities?schema=company", token: investigator).body)
            #expect((people["entities"] as? [[String: Any]])?.count == 1)
            #expect(try await client.call(.get, "/api/v1/entities?schema=spaceship", token: investigator).status == .badRequest)

            let neighbourhood = try object(try await client.call(.get, "/api/v1/entities/C", token: investigator).body)
            #expect((neighbourhood["links"] as? [[String: Any]])?.map { $0["id"] as? String } == ["L1", "L2"])
            #expect(Set((neighbourhood["neighbours"] as? [[String: Any]])?.compactMap { $0["id"] as? String } ?? []) == ["A", "B"])
            #expect(try await client.call(.get, "/api/v1/entities/Z", token: investigator).status == .notFound)

            let path = try object(try await client.call(.get, "/api/v1/network/path?from=A&to=D", token: investigator).body)
            #expect(path["connected"] as? Bool == true)
            #expect((path["entities"] as? [[String: Any]])?.map { $0["id"] as? String } == ["A", "C", "B", "D"])
            #expect((path["links"] as? [[String: Any]])?.map { $0["id"] as? String } == ["L1", "L2", "L3"])
            let typed = try object(
                try await client.call(.get, "/api/v1/network/path?from=A&to=D&types=directorship,communication", token: investigator).body)
            #expect(typed["connected"] as? Bool == false)
            let alone = try object(try await client.call(.get, "/api/v1/network/path?from=A&to=E", token: investigator).body)
            #expect(alone["connected"] as? Bool == false)
            #expect(try await client.call(.get, "/api/v1/network/path?from=A&to=Z", token: investigator).status == .notFound)
            #expect(try await client.call(.get, "/api/v1/network/path?from=A", token: investigator).status == .badRequest)
            #expect(try await client.call(.get, "/api/v1/network/path?from=A&to=D&types=bribery", token: investigator).status == .badRequest)
        }
    }

    @Test("the network pages let an investigator search, open an entity with its links and drawing, and trace a path; an analyst is refused")
    func pages() async throws {
        let fixture = try await ServiceFixture()
        try await Self.stored(fixture.store)
        try await fixture.test { client in
            let (cookie, _) = try await DashboardTests.signIn(client, secret: fixture.connecticut[.investigator]!, page: "/network")
            var headers = HTTPFields()
            headers[.cookie] = cookie
            func page(_ uri: String) async throws -> (status: HTTPResponse.Status, html: String) {
                try await client.execute(uri: uri, method: .get, headers: headers) { ($0.status, String(buffer: $0.body)) }
            }
            let search = try await page("/network?search=sample")
            #expect(search.status == .ok && search.html.contains("href=\"/network\""))
            #expect(search.html.contains("<a href=\"/network/entities/B\">Bo Sample</a>") && !search.html.contains("Ana Example"))
            let company = try await page("/network?schema=company")
            #expect(company.html.contains("Placeholder Trading Co.") && !company.html.contains("Bo Sample"))
            #expect(try await page("/network?search=nobody").html.contains("id=\"no-entities\""))

            let entity = try await page("/network/entities/C")
            #expect(entity.status == .ok)
            #expect(entity.html.contains("<h1>Placeholder Trading Co.</h1>"))
            #expect(entity.html.contains("<td>directorship</td><td><a href=\"/network/entities/A\">Ana Example</a></td><td><strong>Placeholder Trading Co.</strong></td>"))
            #expect(entity.html.contains("<td>payment</td>"))
            // The drawing: the entity and its two neighbours, each labelled with its name.
            #expect(entity.html.components(separatedBy: "<circle").count - 1 == 3)
            #expect(entity.html.contains(">Bo Sample</text>"))
            #expect(try await page("/network/entities/Z").status == .notFound)

            let path = try await page("/network/path?from=A&to=D")
            #expect(path.html.contains("Connected by 3 links"))
            #expect(path.html.contains("<span class=\"badge\">payment</span> <a href=\"/network/entities/B\">Bo Sample</a>"))
            #expect(try await page("/network/path?from=A&to=D&types=directorship").html.contains("Not connected through those link types"))
            #expect(try await page("/network/path?from=A&to=Z").html.contains("no stored entity Z"))
            #expect(try await page("/network/path?from=A&to=D&types=bribery").html.contains("link type 'bribery' is not one of"))

            let analyst = try await DashboardTests.signIn(client, secret: fixture.connecticut[.analyst]!, page: "/")
            var analystHeaders = HTTPFields()
            analystHeaders[.cookie] = analyst.cookie
            let overview = try await client.execute(uri: "/", method: .get, headers: analystHeaders) { String(buffer: $0.body) }
            #expect(!overview.contains("href=\"/network\""))
            for uri in ["/network", "/network/entities/A", "/network/path?from=A&to=D"] {
                #expect(try await client.execute(uri: uri, method: .get, headers: analystHeaders) { $0.status } == .forbidden, "\(uri)")
            }
        }
    }

    @Test("analysts and reporters may not read the networks", arguments: [Role.analyst, .reporter, .public])
    func compartment(role: Role) async throws {
        let fixture = try await ServiceFixture()
        try await fixture.test { client in
            let token = fixture.connecticut[role]!
            for path in ["/api/v1/entities", "/api/v1/entities/A", "/api/v1/network/path?from=A&to=D"] {
                let status = try await client.call(.get, path, token: token).status
                #expect(status == .forbidden, "\(role) \(path)")
            }
        }
    }
}
