import Foundation
import Testing
import VigilCore
import VigilStore
import VigilTestSupport

@testable import VigilStorePostgres

@Suite("PostgreSQL faults", .enabled(if: PostgresTestDatabase.enabled), .serialized)
struct PostgresFaultTests {
    @Test("a connection lost in the middle of a chunk rolls the chunk back; writing it again stores every event once")
    func lostConnection() async throws {
        try await PostgresTestDatabase.withProxiedStore { proxied, direct, proxy in
            let events = (0..<60_000).map { EventFactory.event("f\($0)", on: $0 % 2 == 0 ? "2024-03-01" : "2024-04-01") }
            let chunk = ImportChunk(events: events, rejected: [], rowsRead: events.count)
            let batch = try await proxied.beginImport(
                ImportBatchStart(sourceSystem: SourceSystemID(rawValue: "test")!, origin: "f.csv", mapping: "vigil", startedAt: 1))
            let write = Task { try await proxied.write(chunk, to: batch) }
            try await Task.sleep(for: .milliseconds(400))
            proxy.cut()
            let outcome = await write.result
            let afterCut = try await direct.status().rows["event", default: -1]
            #expect(afterCut == 0, "the chunk was rolled back whole, not in part (\(afterCut) stored)")
            if case .success = outcome { Issue.record("the write finished before the connection was cut; make the chunk larger") }
            try proxy.restore()
            let again = try await proxied.write(chunk, to: batch)
            #expect(again.inserted == events.count && again.alreadyStored == 0)
            #expect(try await direct.status().rows["event"] == events.count)
            #expect(try await proxied.write(chunk, to: batch).alreadyStored == events.count, "a third run changes nothing")
        }
    }
}
