import Testing
import VigilCore
import VigilDetection
import VigilKit
import VigilStore
import VigilStoreSQLite
import VigilTestSupport

@Suite("Count series and summaries")
struct SeriesBuilderTests {
    func store(with events: [OverdoseEvent]) async throws -> SQLiteEventStore {
        let store = try SQLiteEventStore.inMemory()
        let batch = try await store.beginImport(
            ImportBatchStart(sourceSystem: SourceSystemID(rawValue: "test")!, origin: "t", mapping: "vigil", startedAt: 0))
        _ = try await store.write(ImportChunk(events: events, rejected: [], rowsRead: events.count), to: batch)
        return store
    }

    @Test("daily series fill every day with zeros, one series per region")
    func daily() async throws {
        let store = try await store(with: [
            EventFactory.event("1", on: "2024-01-01", region: "09009"),
            EventFactory.event("2", on: "2024-01-03", region: "09009"),
            EventFactory.event("3", on: "2024-01-03", region: "09009"),
            EventFactory.event("4", on: "2024-01-02", region: "09003"),
        ])
        let series = try await SeriesBuilder(store: store).build(.region, interval: .day, filter: EventFilter())
        #expect(series.map(\.name) == ["09003", "09009"])
        #expect(series[1].dates.map(\.description) == ["2024-01-01", "2024-01-02", "2024-01-03"])
        #expect(series[1].counts == [1, 0, 2])
        #expect(series[0].counts == [0, 1, 0])
    }

    @Test("weekly series start on the Monday before the range and add up the days")
    func weekly() async throws {
        let store = try await store(with: [
            EventFactory.event("1", on: "2024-01-03", substances: ["fentanyl", "xylazine"]),
            EventFactory.event("2", on: "2024-01-07", substances: ["fentanyl"]),
            EventFactory.event("3", on: "2024-01-08", substances: ["cocaine"]),
            EventFactory.event("4", on: "2024-01-22", substances: ["fentanyl"]),
        ])
        let series = try await SeriesBuilder(store: store).build(.regionAndSubstance, interval: .week, filter: EventFilter())
        #expect(series.map(\.name) == ["09009:cocaine", "09009:fentanyl", "09009:xylazine"])
        #expect(series[1].dates.map(\.description) == ["2024-01-01", "2024-01-08", "2024-01-15", "2024-01-22"])
        #expect(series[1].counts == [2, 0, 0, 1])
        #expect(series[0].counts == [0, 1, 0, 0])
    }

    @Test("an explicit range pads the series at both ends; no events gives no series")
    func explicitRange() async throws {
        let store = try await store(with: [EventFactory.event("1", on: "2024-01-03")])
        let filter = EventFilter(from: CalendarDate(iso: "2024-01-01"), to: CalendarDate(iso: "2024-01-05"))
        let series = try await SeriesBuilder(store: store).build(.region, interval: .day, filter: filter)
        #expect(series.first?.counts == [0, 0, 1, 0, 0])
        let empty = EventFilter(from: CalendarDate(iso: "2025-01-01"))
        #expect(try await SeriesBuilder(store: store).build(.region, interval: .day, filter: empty).isEmpty)
    }

    @Test("the summary names regions and substances and counts every event once per dimension")
    func summary() async throws {
        let store = try await store(with: [
            EventFactory.event("1", on: "2023-06-01", region: "09009", substances: ["fentanyl", "xylazine"]),
            EventFactory.event("2", on: "2024-06-01", region: "09009", outcome: .fatal, substances: ["fentanyl"]),
            EventFactory.event("3", on: "2024-06-02", region: "42003", substances: ["glitter"]),
        ])
        let summary = try await StoreSummary.make(store: store)
        #expect(summary.total == 3)
        #expect(summary.byYear.map(\.count) == [1, 2])
        #expect(summary.byRegion.first?.label == "New Haven County, CT")
        #expect(summary.bySubstance.map(\.key) == ["fentanyl", "unknown:glitter", "xylazine"])
        #expect(summary.bySubstance.first?.label == "Fentanyl")
    }
}
