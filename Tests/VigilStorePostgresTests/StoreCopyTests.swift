import Foundation
import Testing
import VigilCore
import VigilKit
import VigilStore
import VigilStoreSQLite
import VigilTestSupport

@testable import VigilStorePostgres

@Suite("Copying a store between SQLite and PostgreSQL", .enabled(if: PostgresTestDatabase.enabled), .serialized)
struct StoreCopyTests {
    /// A SQLite store with a row in every table.
    static func filled(_ path: String) async throws -> SQLiteEventStore {
        let store = try SQLiteEventStore(path: path)
        var timed = EventFactory.event("e1", on: "2024-03-01", substances: ["fentanyl", "mystery powder"], location: try GeoPoint(latitude: 41.31, longitude: -72.925))
        timed.occurredAt = .instant(epochSeconds: 1_709_300_000, utcOffsetSeconds: -18_000)
        timed.naloxone = .notGiven
        let events = [timed, EventFactory.event("e2", on: "2023-12-31", region: "42003"), EventFactory.event("e3", on: "2024-02-29")]
        let rejected = QuarantinedRow(
            batch: nil, sourceSystem: SourceSystemID(rawValue: "test")!, rowKey: "sha256:q", origin: "f.csv", line: 4, rawText: "a,\tb\\c\nd",
            issues: [RowIssue(column: "outcome", value: "sleepy", reason: "is not fatal")])
        _ = try await store.importAtOnce(
            ImportBatchStart(sourceSystem: SourceSystemID(rawValue: "test")!, origin: "f.csv", mapping: "vigil", startedAt: 5),
            ImportChunk(events: events, rejected: [rejected], rowsRead: 4))
        let signal = AlertSignal(
            method: "ears-c2", series: "09009", region: RegionCode(rawValue: "09009")!, subgroup: nil, interval: "day",
            period: CalendarDate(iso: "2024-03-01")!, observed: 9, expected: 2.25, upperBound: 6.1, score: 1e-7, pValue: nil, severity: .red,
            evidence: AlertEvidence(eventSubstances: [SubstanceTally(key: "fentanyl", name: "Fentanyl", count: 9)], notes: ["On watch: …"]))
        let alert = try await store.recordSignal(signal, continuationDays: 7, at: 10).alert
        _ = try await TokenIssuer(store: store).create(name: "analyst", role: .analyst, jurisdictions: try Jurisdictions(parsing: "09"), now: 3)
        try await store.appendAudit([AuditEntry(at: 11, tokenID: nil, role: nil, action: "GET /api/v1/events", detail: "x", status: 401)])
        let subscription = try await store.insertSubscription(
            WebhookSubscription(url: "http://127.0.0.1:9/h", secret: "s", jurisdictions: try Jurisdictions(parsing: "09"), minimumSeverity: .red, createdAt: 12))
        _ = try await store.enqueue([
            WebhookDelivery(subscription: subscription.id, alert: alert.id.rawValue, idempotencyKey: "k", payload: "{}", nextAttemptAt: 13)
        ])
        let line = ScreeningLineRecord(
            position: 0, fileLine: 2, shipmentID: "S1", lineNumber: 1, description: "NPP, \"25\" kg", consignee: "Beta", risk: 47.5,
            matchedID: "npp", matchRule: "synonym", confidence: 0.95, reasons: [.init(factor: "controlled-match", points: 47.5, detail: "NPP")])
        let run = try await store.insertScreeningRun(
            ScreeningRun(origin: "m.csv", watchlistVersion: "2026.11.30", parameters: "{}", startedBy: nil, startedAt: 14, linesScreened: 3, linesFlagged: 1),
            lines: [line], consignees: ["Beta"])
        try await store.recordDecision(.referred, run: run.id, position: 0, by: "tok", note: "look", at: 15)
        let people = [
            Entity(id: EntityID(rawValue: "P1")!, schema: .person, name: "Ana", properties: [.alias: ["A", "B"]]),
            Entity(id: EntityID(rawValue: "C1")!, schema: .company, name: "Co", provenance: RecordSource(source: "f", record: "2")),
        ]
        _ = try await store.upsertEntities(people)
        _ = try await store.upsertLinks([
            Link(id: LinkID(rawValue: "L1")!, kind: .directorship, source: people[0].id, target: people[1].id, start: CalendarDate(year: 2020, month: 1, day: 1), weight: 2.5)
        ])
        _ = try await store.insertSamples([
            DrugSample(
                id: SampleID(rawValue: "lab:1"), collectedOn: CalendarDate(year: 2024, month: 3, day: 2)!, region: RegionCode(rawValue: "09009"),
                location: try GeoPoint(latitude: 41.3, longitude: -72.9), sourceKind: .forensicLab, form: .powder,
                substances: [SampleSubstance(substance: SubstanceID(rawValue: "fentanyl"), text: "Fentanyl", purityPercent: 9.5)]),
            DrugSample(
                id: SampleID(rawValue: "dc:1"), collectedOn: CalendarDate(year: 2024, month: 1, day: 2)!, sourceKind: .drugChecking,
                substances: [SampleSubstance(substance: nil, text: "unknown powder")]),
        ])
        _ = try await store.insertServiceLocations([
            ServiceLocation(
                id: ServiceLocationID(rawValue: "otp:1"), kind: .otp, name: "New Haven OTP", location: try GeoPoint(latitude: 41.3, longitude: -72.92),
                region: RegionCode(rawValue: "09009"), capacity: 300),
            ServiceLocation(id: ServiceLocationID(rawValue: "nal:1"), kind: .naloxone, name: "Box", location: try GeoPoint(latitude: 41.2, longitude: -73.1)),
        ])
        return store
    }

    @Test("SQLite to PostgreSQL and back gives the same rows in every table, checked by counts and checksums")
    func roundTrip() async throws {
        let folder = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let original = try await Self.filled(folder.appendingPathComponent("a.sqlite").path)
        try await PostgresTestDatabase.withStore { postgres in
            let there = try await StoreCopy(from: original, to: postgres).run()
            #expect(there.allSatisfy(\.matches) && there.allSatisfy { $0.rows > 0 }, "\(there)")
            let back = try SQLiteEventStore(path: folder.appendingPathComponent("b.sqlite").path)
            let again = try await StoreCopy(from: postgres, to: back).run()
            #expect(again.map(\.checksum) == there.map(\.checksum) && again.allSatisfy(\.matches))
            #expect(try await back.fetchEvents(EventFilter()) == original.fetchEvents(EventFilter()))
            #expect(try await postgres.fetchDailyCounts(.region, filter: EventFilter()) == original.fetchDailyCounts(.region, filter: EventFilter()))
            // The copy goes on numbering where the original stopped.
            let next = try await postgres.beginImport(
                ImportBatchStart(sourceSystem: SourceSystemID(rawValue: "test")!, origin: "g", mapping: "vigil", startedAt: 6))
            #expect(next.rawValue == 2)
            // A target that is not empty is refused, and nothing is written to it.
            await #expect(throws: DomainError.self) { try await StoreCopy(from: original, to: postgres).run() }
            #expect(try await postgres.status().rows["event"] == 3)
        }
    }
}
