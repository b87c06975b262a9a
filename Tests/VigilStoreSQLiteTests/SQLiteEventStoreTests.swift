import Foundation
import Testing
import VigilCore
import VigilStore
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
