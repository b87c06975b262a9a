import Foundation
import Logging
import Testing
import VigilCore
import VigilKit
import VigilStore
import VigilStoreSQLite
import VigilTestSupport

/// A store that fails on the n-th chunk write, standing in for a process killed mid-import.
struct FailingStore: EventStore {
    let base: any EventStore
    let failOnChunk: Int
    let counter = Counter()

    final class Counter: @unchecked Sendable {
        // Only touched from the importer's sequential chunk writes.
        var value = 0
    }

    struct Crash: Error {}

    func write(_ chunk: ImportChunk, to batch: ImportBatchID) async throws -> ImportChunkResult {
        counter.value += 1
        if counter.value == failOnChunk { throw Crash() }
        return try await base.write(chunk, to: batch)
    }
    func beginImport(_ start: ImportBatchStart) async throws -> ImportBatchID { try await base.beginImport(start) }
    func importAtOnce(_ imports: [(start: ImportBatchStart, chunk: ImportChunk)]) async throws
        -> [(batch: ImportBatchID, result: ImportChunkResult)]
    {
        try await base.importAtOnce(imports)
    }
    func beginBulkLoad() async throws { try await base.beginBulkLoad() }
    func endBulkLoad() async throws { try await base.endBulkLoad() }
    func finishImport(_ batch: ImportBatchID, status: ImportBatch.Status, totals: ImportTotals) async throws {
        try await base.finishImport(batch, status: status, totals: totals)
    }
    func fetchImportBatches() async throws -> [ImportBatch] { try await base.fetchImportBatches() }
    func fetchEvents(_ filter: EventFilter) async throws -> [OverdoseEvent] { try await base.fetchEvents(filter) }
    func fetchTally(_ dimension: TallyDimension, filter: EventFilter) async throws -> [Tally] {
        try await base.fetchTally(dimension, filter: filter)
    }
    func fetchDailyCounts(_ grouping: SeriesGrouping, filter: EventFilter) async throws -> [DailyCount] {
        try await base.fetchDailyCounts(grouping, filter: filter)
    }
    func fetchQuarantine(batch: ImportBatchID?) async throws -> [QuarantinedRow] { try await base.fetchQuarantine(batch: batch) }
}

let now: Int64 = 1_800_000_000  // 2027-01-15, after every synthetic event
let silent = Logger(label: "test") { _ in SwiftLogNoOpLogHandler() }

@Suite("Event import")
struct EventImporterTests {
    @Test("good rows are stored, bad rows quarantined with file, line and reasons")
    func mixedFile() async throws {
        let store = try SQLiteEventStore.inMemory()
        let path = Fixtures.path("ingest/vigil_mixed.csv")
        let report = try await EventImporter(store: store).run(.init(path: path), asOf: now, logger: silent)
        #expect(report.totals == ImportTotals(rowsRead: 12, inserted: 5, alreadyStored: 0, quarantined: 7, alreadyQuarantined: 0))
        #expect(report.sourceSystem.rawValue == "vigil_mixed")
        let quarantined = try await store.fetchQuarantine(batch: report.batch)
        #expect(quarantined.map(\.line) == [6, 7, 8, 9, 10, 11, 12])
        #expect(quarantined.allSatisfy { $0.origin == path })
        #expect(quarantined[0].rawText == "b1,2024-02-30,,,09009,fatal,,,,ems,,")
        #expect(quarantined[0].issues.first?.column == "occurred_at")
        let batches = try await store.fetchImportBatches()
        #expect(batches.first?.status == .completed)
        #expect(batches.first?.totals == report.totals)
    }

    @Test("importing the same file again changes nothing", arguments: [false, true])
    func idempotent(bulkLoad: Bool) async throws {
        let store = try SQLiteEventStore.inMemory()
        let options = EventImporter.Options(
            path: Fixtures.path("ingest/ct_ocme_excerpt.csv"), mapping: "ct-ocme", bulkLoadThresholdBytes: bulkLoad ? 0 : .max)
        let first = try await EventImporter(store: store).run(options, asOf: now, logger: silent)
        let before = try await store.fetchEvents(EventFilter())
        let second = try await EventImporter(store: store).run(options, asOf: now, logger: silent)
        #expect(first.totals.inserted == 16)
        #expect(second.totals == ImportTotals(rowsRead: 16, inserted: 0, alreadyStored: 16, quarantined: 0, alreadyQuarantined: 0))
        let after = try await store.fetchEvents(EventFilter())
        #expect(after == before)
    }

    @Test("an import that dies mid-way keeps whole chunks, and a re-run finishes the job without duplicates")
    func resumesAfterCrash() async throws {
        let folder = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let csv = folder.appendingPathComponent("events.csv").path
        var generator = SplitMix64(seed: 7)
        try SyntheticEventFile.write(rows: 2_500, to: csv, using: &generator)
        let store = try SQLiteEventStore(path: folder.appendingPathComponent("v.sqlite").path)
        let options = EventImporter.Options(path: csv, chunkSize: 500, bulkLoadThresholdBytes: 0)

        await #expect(throws: FailingStore.Crash.self) {
            _ = try await EventImporter(store: FailingStore(base: store, failOnChunk: 3)).run(options, asOf: now, logger: silent)
        }
        let partial = try await store.fetchEvents(EventFilter())
        #expect(partial.count == 1_000)
        #expect(try await store.fetchImportBatches().first?.status == .failed)

        let rerun = try await EventImporter(store: store).run(options, asOf: now, logger: silent)
        #expect(rerun.totals.inserted == 1_500)
        #expect(rerun.totals.alreadyStored == 1_000)
        let all = try await store.fetchEvents(EventFilter())
        #expect(all.count == 2_500)
        #expect(Set(all.map(\.id)).count == 2_500)
        // Indexes dropped for the bulk load are back: the substance query still answers.
        #expect(try await store.fetchTally(.substance, filter: EventFilter()).reduce(0) { $0 + $1.count } > 2_500)
    }

    @Test("NDJSON with Vigil's format imports the same events as CSV")
    func ndjson() async throws {
        let folder = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("events.ndjson").path
        let lines = [
            #"{"id": "n1", "occurred_at": "2024-03-01T23:30:00-05:00", "region": "09009", "outcome": "fatal", "confirmed_substances": ["fentanyl", "xylazine"], "source_kind": "medical_examiner", "naloxone_doses": 0}"#,
            #"{"id": "n2", "occurred_at": "2024-03-02", "latitude": 41.3, "longitude": -72.9, "outcome": "nonfatal"}"#,
            #"{"id": "n3", "occurred_at": "not a date", "region": "09009"}"#,
        ]
        try (lines.joined(separator: "\n") + "\n").write(toFile: path, atomically: true, encoding: .utf8)
        let store = try SQLiteEventStore.inMemory()
        let report = try await EventImporter(store: store).run(.init(path: path), asOf: now, logger: silent)
        #expect(report.totals.inserted == 2 && report.totals.quarantined == 1)
        let events = try await store.fetchEvents(EventFilter())
        #expect(events.map(\.provenance.sourceRecordID) == ["n1", "n2"])
        #expect(events[0].substances.map(\.substance?.rawValue) == ["fentanyl", "xylazine"])
        #expect(events[0].naloxone == .notGiven)
        #expect(try await store.fetchQuarantine(batch: nil).first?.line == 3)
    }

    @Test("unusable inputs fail with a clear error and store nothing")
    func unusableInputs() async throws {
        let store = try SQLiteEventStore.inMemory()
        await #expect(throws: (any Error).self) {
            _ = try await EventImporter(store: store).run(.init(path: "/no/such/file.csv"), asOf: now, logger: silent)
        }
        await #expect(throws: (any Error).self) {
            _ = try await EventImporter(store: store).run(
                .init(path: Fixtures.path("ingest/vigil_mixed.csv"), format: "xlsx"), asOf: now, logger: silent)
        }
        #expect(try await store.fetchImportBatches().isEmpty)
    }
}
