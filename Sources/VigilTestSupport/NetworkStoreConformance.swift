import Testing
import VigilCore
public import VigilStore

/// The behaviour every ``VigilStore/NetworkStore`` backend must show.
public enum NetworkStoreConformance {
    /// The checks, by name, for parameterised tests.
    public static let checks: [(name: String, run: @Sendable (any NetworkStore) async throws -> Void)] = [
        ("entities and links read back as stored; storing them again replaces them", roundTrip),
        ("a link to an entity that is not stored is refused and nothing of its batch is stored", unknownEnds),
        ("entities are found by schema and by part of their name", search),
    ]

    static func entity(_ id: String, _ schema: EntitySchema, _ name: String, properties: [EntityProperty: [String]] = [:]) -> Entity {
        Entity(id: EntityID(rawValue: id)!, schema: schema, name: name, properties: properties, provenance: RecordSource(source: "case \"7\"", record: "line 2"))
    }

    static func link(_ id: String, _ kind: LinkKind, _ from: String, _ to: String, weight: Double? = nil) -> Link {
        Link(
            id: LinkID(rawValue: id)!, kind: kind, source: EntityID(rawValue: from)!, target: EntityID(rawValue: to)!,
            start: CalendarDate(year: 2021, month: 2, day: 28), end: nil, weight: weight, provenance: nil)
    }

    static let people = [
        entity("P1", .person, "Ana Ejemplo", properties: [.alias: ["Anita", "La Jefa"], .birthDate: ["1980-02-29"]]),
        entity("P2", .person, "Bo Sample"),
        entity("C1", .company, "Placeholder Trading Co.", properties: [.registrationNumber: ["REG-1"]]),
    ]

    static func roundTrip(_ store: any NetworkStore) async throws {
        #expect(try await store.upsertEntities(people) == 3)
        let links = [link("L1", .directorship, "P1", "C1"), link("L2", .communication, "P1", "P2", weight: 41)]
        #expect(try await store.upsertLinks(links) == 2)
        #expect(try await store.fetchEntities(ids: people.map(\.id)) == people.sorted { $0.id < $1.id })
        #expect(try await store.fetchLinks(touching: nil) == links)
        #expect(try await store.fetchLinks(touching: EntityID(rawValue: "P2")!) == [links[1]])
        #expect(try await store.fetchLinks(touchingAny: [EntityID(rawValue: "P2")!, EntityID(rawValue: "C1")!]) == links)
        #expect(try await store.fetchLinks(touchingAny: [EntityID(rawValue: "P1")!]) == links)
        #expect(try await store.fetchLinks(touchingAny: []).isEmpty)
        var renamed = people[1]
        renamed.name = "Bo Sample Jr."
        #expect(try await store.upsertEntities([renamed, people[0]]) == 0)
        #expect(try await store.fetchEntities(ids: [renamed.id]) == [renamed])
        var reweighted = links[1]
        reweighted.weight = nil
        #expect(try await store.upsertLinks([reweighted]) == 0)
        #expect(try await store.fetchLinks(touching: nil) == [links[0], reweighted])
    }

    static func unknownEnds(_ store: any NetworkStore) async throws {
        _ = try await store.upsertEntities(people)
        do {
            _ = try await store.upsertLinks([link("L1", .associate, "P1", "P2"), link("L2", .associate, "P1", "Z9")])
            Issue.record("a link to an unknown entity was stored")
        } catch let error as StoreError {
            #expect(error.code == .unknownEntity && error.message.contains("Z9"))
        }
        #expect(try await store.fetchLinks(touching: nil).isEmpty)
    }

    static func search(_ store: any NetworkStore) async throws {
        _ = try await store.upsertEntities(people)
        #expect(try await store.fetchEntities(schema: .person, nameContaining: nil, limit: 10).map(\.id.rawValue) == ["P1", "P2"])
        #expect(try await store.fetchEntities(schema: nil, nameContaining: "SAMPLE", limit: 10).map(\.id.rawValue) == ["P2"])
        #expect(try await store.fetchEntities(schema: nil, nameContaining: nil, limit: 2).map(\.id.rawValue) == ["C1", "P1"])
        #expect(try await store.fetchEntities(schema: .vessel, nameContaining: nil, limit: 10).isEmpty)
    }
}
