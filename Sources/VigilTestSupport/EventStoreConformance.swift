import Testing
import VigilCore
public import VigilStore

/// The behaviour every ``VigilStore/EventStore`` backend must show. Each backend's test target
/// runs every check against a fresh store: SQLite in memory and on disk now, PostgreSQL later.
public enum EventStoreConformance {
    /// The checks, by name, for parameterised tests.
    public static let checks: [(name: String, run: @Sendable (any EventStore) async throws -> Void)] = [
        ("events round-trip with every field", roundTrip),
        ("re-writing the same events and rows changes nothing", idempotentWrites),
        ("filters select by region, state, dates, substance and outcome", filters),
        ("tallies and daily counts group correctly", tallies),
        ("batches record their totals and status", batches),
        ("quarantined rows keep file, line, text and reasons", quarantine),
        ("a small import is recorded whole and finished at once", importAtOnce),
    ]

    static func roundTrip(_ store: any EventStore) async throws {
        let batch = try await store.beginImport(start())
        let timed = OverdoseEvent(
            occurredAt: .instant(epochSeconds: 1_709_353_800, utcOffsetSeconds: -18_000),
            location: try GeoPoint(latitude: 41.31, longitude: -72.92), region: RegionCode(rawValue: "09009"),
            outcome: .fatal, naloxone: .given(doses: nil),
            substances: [
                SubstanceMention(substance: SubstanceID(rawValue: "fentanyl"), text: "Fentanyl HCl", certainty: .confirmed),
                SubstanceMention(substance: nil, text: "mystery powder", certainty: .suspected),
            ],
            sourceKind: .medicalExaminer, ageBand: .from35to44, sex: .male,
            provenance: Provenance(sourceSystem: SourceSystemID(rawValue: "test")!, sourceRecordID: "t1", importBatch: nil))
        let pointOnly = OverdoseEvent(
            occurredAt: .day(CalendarDate(iso: "2024-03-02")!), location: try GeoPoint(latitude: 33.4, longitude: -111.9),
            region: nil, outcome: .unknown, naloxone: .notGiven, substances: [], sourceKind: .ems, ageBand: nil, sex: nil,
            provenance: Provenance(sourceSystem: SourceSystemID(rawValue: "test")!, sourceRecordID: "t2", importBatch: nil))
        let result = try await store.write(ImportChunk(events: [timed, pointOnly], rejected: [], rowsRead: 2), to: batch)
        #expect(result.inserted == 2)
        let stored = try await store.fetchEvents(EventFilter())
        try #require(stored.count == 2)
        var expected = timed
        expected.provenance.importBatch = batch
        #expect(stored[0] == expected)
        #expect(stored[0].occurredAt.localDate.description == "2024-03-01")
        expected = pointOnly
        expected.provenance.importBatch = batch
        #expect(stored[1] == expected)
    }

    static func idempotentWrites(_ store: any EventStore) async throws {
        let batch = try await store.beginImport(start())
        let events = [EventFactory.event("e1", on: "2024-01-01"), EventFactory.event("e2", on: "2024-01-02")]
        let rejected = [row(key: "sha256:aa", line: 3)]
        let first = try await store.write(ImportChunk(events: events, rejected: rejected, rowsRead: 3), to: batch)
        #expect(first == ImportChunkResult(inserted: 2, alreadyStored: 0, quarantined: 1, alreadyQuarantined: 0))
        let second = try await store.write(ImportChunk(events: events, rejected: rejected, rowsRead: 3), to: batch)
        #expect(second == ImportChunkResult(inserted: 0, alreadyStored: 2, quarantined: 0, alreadyQuarantined: 1))
        // The same record identifier from another source is another event.
        let other = EventFactory.event("e1", on: "2024-01-01", source: "other")
        let third = try await store.write(ImportChunk(events: [other], rejected: [], rowsRead: 1), to: batch)
        #expect(third.inserted == 1)
        #expect(try await store.fetchEvents(EventFilter()).count == 3)
        #expect(try await store.fetchQuarantine(batch: nil).count == 1)
    }

    static func filters(_ store: any EventStore) async throws {
        let batch = try await store.beginImport(start())
        let events = [
            EventFactory.event("1", on: "2024-01-01", region: "09009", outcome: .fatal, substances: ["fentanyl", "xylazine"]),
            EventFactory.event("2", on: "2024-01-05", region: "09003", substances: ["cocaine"]),
            EventFactory.event("3", on: "2024-02-01", region: "09", substances: ["fentanyl"]),
            EventFactory.event("4", on: "2024-02-02", region: "42003", outcome: .fatal, substances: []),
        ]
        _ = try await store.write(ImportChunk(events: events, rejected: [], rowsRead: 4), to: batch)
        func ids(_ filter: EventFilter) async throws -> [String] {
            try await store.fetchEvents(filter).map(\.provenance.sourceRecordID)
        }
        #expect(try await ids(EventFilter()) == ["1", "2", "3", "4"])
        #expect(try await ids(EventFilter(region: RegionCode(rawValue: "09009"))) == ["1"])
        #expect(try await ids(EventFilter(region: RegionCode(rawValue: "09"))) == ["1", "2", "3"])
        #expect(try await ids(EventFilter(from: CalendarDate(iso: "2024-01-05"), to: CalendarDate(iso: "2024-02-01"))) == ["2", "3"])
        #expect(try await ids(EventFilter(substance: SubstanceID(rawValue: "fentanyl"))) == ["1", "3"])
        #expect(try await ids(EventFilter(outcome: .fatal)) == ["1", "4"])
        #expect(try await ids(EventFilter(limit: 2)) == ["1", "2"])
        #expect(try await ids(EventFilter(region: RegionCode(rawValue: "09"), substance: SubstanceID(rawValue: "cocaine"))) == ["2"])
    }

    static func tallies(_ store: any EventStore) async throws {
        let batch = try await store.beginImport(start())
        let events = [
            EventFactory.event("1", on: "2023-12-31", region: "09009", substances: ["fentanyl", "xylazine"]),
            EventFactory.event("2", on: "2024-01-01", region: "09009", substances: ["fentanyl", "Fentanyl HCl"]),
            EventFactory.event("3", on: "2024-01-01", region: "09003", outcome: .fatal, substances: ["weird stuff"]),
            EventFactory.event("4", on: "2024-01-01", region: nil, substances: [], location: try GeoPoint(latitude: 1, longitude: 1)),
        ]
        _ = try await store.write(ImportChunk(events: events, rejected: [], rowsRead: 4), to: batch)
        #expect(try await store.fetchTally(.year, filter: EventFilter()) == [Tally(key: "2023", count: 1), Tally(key: "2024", count: 3)])
        #expect(
            try await store.fetchTally(.region, filter: EventFilter())
                == [Tally(key: "", count: 1), Tally(key: "09003", count: 1), Tally(key: "09009", count: 2)])
        #expect(
            try await store.fetchTally(.substance, filter: EventFilter())
                == [Tally(key: "fentanyl", count: 2), Tally(key: "unknown:weird stuff", count: 1), Tally(key: "xylazine", count: 1)])
        #expect(try await store.fetchTally(.outcome, filter: EventFilter()) == [Tally(key: "fatal", count: 1), Tally(key: "nonfatal", count: 3)])
        let daily = try await store.fetchDailyCounts(.region, filter: EventFilter())
        #expect(daily.map { "\($0.region) \($0.date) \($0.count)" } == ["09003 2024-01-01 1", "09009 2023-12-31 1", "09009 2024-01-01 1"])
        let bySubstance = try await store.fetchDailyCounts(.regionAndSubstance, filter: EventFilter())
        #expect(
            bySubstance.map { "\($0.region):\($0.subgroup ?? "-") \($0.date) \($0.count)" }
                == ["09009:fentanyl 2023-12-31 1", "09009:fentanyl 2024-01-01 1", "09009:xylazine 2023-12-31 1"])
        let byOutcome = try await store.fetchDailyCounts(.regionAndOutcome, filter: EventFilter(region: RegionCode(rawValue: "09003")))
        #expect(byOutcome.map { "\($0.subgroup ?? "-") \($0.count)" } == ["fatal 1"])
    }

    static func batches(_ store: any EventStore) async throws {
        let first = try await store.beginImport(start())
        let second = try await store.beginImport(start())
        #expect(first < second)
        _ = try await store.write(ImportChunk(events: [EventFactory.event("1", on: "2024-01-01")], rejected: [], rowsRead: 1), to: second)
        let totals = ImportTotals(rowsRead: 1, inserted: 1)
        try await store.finishImport(second, status: .completed, totals: totals)
        let listed = try await store.fetchImportBatches()
        #expect(listed.map(\.id) == [second, first])
        #expect(listed[0].status == .completed)
        #expect(listed[0].totals == totals)
        #expect(listed[0].finishedAt != nil)
        #expect(listed[1].status == .running)
        #expect(listed[1].start == start())
        await #expect(throws: StoreError.self) {
            _ = try await store.write(ImportChunk(events: [], rejected: [], rowsRead: 0), to: ImportBatchID(rawValue: 999))
        }
    }

    static func quarantine(_ store: any EventStore) async throws {
        let first = try await store.beginImport(start())
        let second = try await store.beginImport(start())
        let rowA = row(key: "sha256:a", line: 7)
        let rowB = row(key: "sha256:b", line: 2)
        _ = try await store.write(ImportChunk(events: [], rejected: [rowA], rowsRead: 1), to: first)
        _ = try await store.write(ImportChunk(events: [], rejected: [rowB], rowsRead: 1), to: second)
        let all = try await store.fetchQuarantine(batch: nil)
        #expect(all.map(\.line) == [7, 2])
        var expected = rowA
        expected.batch = first
        #expect(all[0] == expected)
        #expect(try await store.fetchQuarantine(batch: second).map(\.rowKey) == ["sha256:b"])
    }

    static func importAtOnce(_ store: any EventStore) async throws {
        let events = [EventFactory.event("x1", on: "2024-03-01"), EventFactory.event("x2", on: "2024-03-02")]
        let (batch, result) = try await store.importAtOnce(start(), ImportChunk(events: events, rejected: [row(key: "sha256:z", line: 3)], rowsRead: 3))
        #expect(result == ImportChunkResult(inserted: 2, alreadyStored: 0, quarantined: 1, alreadyQuarantined: 0))
        let again = try await store.importAtOnce(start(), ImportChunk(events: events, rejected: [], rowsRead: 2))
        #expect(again.result.inserted == 0 && again.result.alreadyStored == 2 && again.batch != batch)
        let recorded = try #require(try await store.fetchImportBatches().first { $0.id == batch })
        #expect(recorded.status == .completed && recorded.totals.inserted == 2 && recorded.totals.quarantined == 1)
        #expect(try await store.fetchQuarantine(batch: batch).map(\.line) == [3])
        // Imports stored together: each gets its own batch, and a later one sees the earlier ones' events.
        // Each import's events, mentions and rejected rows are its own, not mixed with the others'.
        let shared = EventFactory.event("x3", on: "2024-03-03", substances: ["heroin"])
        let fresh = EventFactory.event("x4", on: "2024-03-04", substances: ["xylazine", "fentanyl"])
        let together = try await store.importAtOnce([
            (start(), ImportChunk(events: [shared], rejected: [row(key: "sha256:y1", line: 2)], rowsRead: 2)),
            (start(), ImportChunk(events: [fresh, shared, events[0]], rejected: [row(key: "sha256:y2", line: 5)], rowsRead: 4)),
        ])
        #expect(together.map(\.result.inserted) == [1, 1] && together.map(\.result.alreadyStored) == [0, 2])
        #expect(together.map(\.result.quarantined) == [1, 1])
        #expect(Set(together.map(\.batch)).count == 2 && !together.map(\.batch).contains(batch))
        let stored = try await store.fetchEvents(EventFilter(from: CalendarDate(iso: "2024-03-03")!, to: CalendarDate(iso: "2024-03-04")!))
        #expect(stored.map { $0.substances.map(\.text) } == [["heroin"], ["xylazine", "fentanyl"]])
        #expect(try await store.fetchQuarantine(batch: together[1].batch).map(\.line) == [5])
    }

    private static func start() -> ImportBatchStart {
        ImportBatchStart(sourceSystem: SourceSystemID(rawValue: "test")!, origin: "events.csv", mapping: "vigil", startedAt: 1_700_000_000)
    }

    private static func row(key: String, line: Int) -> QuarantinedRow {
        QuarantinedRow(
            batch: nil, sourceSystem: SourceSystemID(rawValue: "test")!, rowKey: key, origin: "events.csv", line: line,
            rawText: "b1,2024-02-30,\"quoted, text\"\nsecond line",
            issues: [RowIssue(column: "occurred_at", value: "2024-02-30", reason: "'2024-02-30' is not a valid date")])
    }
}
