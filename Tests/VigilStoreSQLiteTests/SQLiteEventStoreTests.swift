import Foundation
import Testing
import VigilCore
import VigilStore
import GRDB
import VigilStoreSQLite
import VigilTestSupport

@Suite("SQLite event store")
struct SQLiteEventStoreTests {
    @Test("in memory: passes the store conformance suite", arguments: EventStoreConformance.checks.indices)
    func conformanceInMemory(check: Int) async throws {
        try await EventStoreConformance.checks[check].run(try SQLiteEventStore.inMemory())
    }

    @Test("on disk: passes the store conformance suite", arguments: EventStoreConformance.checks.indices)
    func conformanceOnDisk(check: Int) async throws {
        let folder = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        try await EventStoreConformance.checks[check].run(try SQLiteEventStore(path: folder.appendingPathComponent("v.sqlite").path))
    }

    @Test("a database file keeps its events across reopening, in WAL mode")
    func persistsAcrossReopen() async throws {
        let folder = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("v.sqlite").path
        do {
            let store = try SQLiteEventStore(path: path)
            let batch = try await store.beginImport(
                ImportBatchStart(sourceSystem: SourceSystemID(rawValue: "t")!, origin: "f", mapping: "vigil", startedAt: 0))
            _ = try await store.write(ImportChunk(events: [EventFactory.event("1", on: "2024-01-01")], rejected: [], rowsRead: 1), to: batch)
        }
        // Bytes 18 and 19 of an SQLite file are the write and read format versions: 2 means WAL.
        let header = try #require(FileManager.default.contents(atPath: path)).prefix(20)
        #expect(Array(header.suffix(2)) == [2, 2])
        let reopened = try SQLiteEventStore(path: path)
        #expect(try await reopened.fetchEvents(EventFilter()).map(\.provenance.sourceRecordID) == ["1"])
    }

    @Test("a file that is not a database gives a clear error")
    func rejectsNonDatabase() throws {
        let folder = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("notes.sqlite").path
        try Data("this is not a database, just some text that is long enough to have a header".utf8).write(to: URL(fileURLWithPath: path))
        #expect {
            _ = try SQLiteEventStore(path: path)
        } throws: { error in
            (error as? StoreError)?.code == .cannotOpen && "\(error)".contains(path)
        }
    }

    @Test("a path in a missing folder gives a clear error")
    func rejectsMissingFolder() throws {
        #expect {
            _ = try SQLiteEventStore(path: "/nonexistent-folder-vigil/v.sqlite")
        } throws: { error in
            (error as? StoreError)?.code == .cannotOpen
        }
    }
}

@Suite("SQLite alert store")
struct SQLiteAlertStoreTests {
    @Test("passes the alert store conformance suite", arguments: AlertStoreConformance.checks.indices)
    func conformance(check: Int) async throws {
        try await AlertStoreConformance.checks[check].run(try SQLiteEventStore.inMemory())
    }
}

@Suite("SQLite access store")
struct SQLiteAccessStoreTests {
    @Test("passes the access store conformance suite", arguments: AccessStoreConformance.checks.indices)
    func conformance(check: Int) async throws {
        try await AccessStoreConformance.checks[check].run(try SQLiteEventStore.inMemory())
    }

    @Test("passes the network store conformance suite", arguments: NetworkStoreConformance.checks.indices)
    func networkConformance(check: Int) async throws {
        try await NetworkStoreConformance.checks[check].run(try SQLiteEventStore.inMemory())
    }

    @Test("passes the sample store conformance suite", arguments: SampleStoreConformance.checks.indices)
    func sampleConformance(check: Int) async throws {
        try await SampleStoreConformance.checks[check].run(try SQLiteEventStore.inMemory())
    }

    @Test("passes the service location store conformance suite", arguments: ServiceLocationStoreConformance.checks.indices)
    func serviceLocationConformance(check: Int) async throws {
        try await ServiceLocationStoreConformance.checks[check].run(try SQLiteEventStore.inMemory())
    }

    @Test("passes the screening store conformance suite", arguments: ScreeningStoreConformance.checks.indices)
    func screeningConformance(check: Int) async throws {
        try await ScreeningStoreConformance.checks[check].run(try SQLiteEventStore.inMemory())
    }

    @Test("the audit log refuses UPDATE and DELETE, even in SQL")
    func appendOnly() async throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("audit-\(UUID().uuidString).sqlite").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let store = try SQLiteEventStore(path: path)
        try await store.appendAudit([AuditEntry(at: 1, tokenID: "tok_a", role: .admin, action: "GET /api/v1/audit", detail: "", status: 200)])
        let database = try DatabaseQueue(path: path)
        #expect(throws: DatabaseError.self) { try database.write { try $0.execute(sql: "UPDATE audit_log SET status = 500") } }
        #expect(throws: DatabaseError.self) { try database.write { try $0.execute(sql: "DELETE FROM audit_log") } }
        #expect(try await store.fetchAudit(before: nil, limit: 10).map(\.status) == [200])
    }

    @Test("event lists page by cursor and stay within jurisdictions")
    func jurisdictionsAndCursor() async throws {
        let store = try SQLiteEventStore.inMemory()
        let events = [
            EventFactory.event("a", on: "2024-01-01", region: "09009"), EventFactory.event("b", on: "2024-01-02", region: "09003"),
            EventFactory.event("c", on: "2024-01-02", region: "42003"), EventFactory.event("d", on: "2024-01-03", region: nil, location: try GeoPoint(latitude: 41, longitude: -73)),
            EventFactory.event("e", on: "2024-01-04", region: "09011"),
        ]
        let batch = try await store.beginImport(ImportBatchStart(sourceSystem: SourceSystemID(rawValue: "test")!, origin: "t", mapping: "vigil", startedAt: 0))
        _ = try await store.write(ImportChunk(events: events, rejected: [], rowsRead: events.count), to: batch)
        func ids(_ codes: String, after: EventCursor? = nil, limit: Int? = nil) async throws -> [String] {
            try await store.fetchEvents(EventFilter(jurisdictions: try Jurisdictions(parsing: codes), after: after, limit: limit))
                .map(\.provenance.sourceRecordID)
        }
        #expect(try await ids("09") == ["a", "b", "e"])
        #expect(try await ids("42003,09003") == ["b", "c"])
        #expect(try await ids("US") == ["a", "b", "c", "d", "e"])
        let first = try await store.fetchEvents(EventFilter(limit: 2))
        #expect(try await ids("US", after: EventCursor(after: first.last!), limit: 2) == ["c", "d"])
        #expect(try await store.fetchTally(.region, filter: EventFilter(jurisdictions: try Jurisdictions(parsing: "42"))).map(\.count) == [1])
    }
}
