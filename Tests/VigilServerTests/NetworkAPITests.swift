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
