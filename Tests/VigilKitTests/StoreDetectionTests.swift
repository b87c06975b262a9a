import Foundation
import Testing
import VigilCore
import VigilDetection
import VigilKit
import VigilStore
import VigilStoreSQLite
import VigilTestSupport

@Suite("Detection on stored events")
struct StoreDetectionTests {
    /// 60 days of 2 events a day in one county, then a spike of 12 on the last day.
    func store() async throws -> SQLiteEventStore {
        let store = try SQLiteEventStore.inMemory()
        let batch = try await store.beginImport(
            ImportBatchStart(sourceSystem: SourceSystemID(rawValue: "test")!, origin: "t", mapping: "vigil", startedAt: 0))
        var events: [OverdoseEvent] = []
        let start = CalendarDate(iso: "2024-01-01")!
        for day in 0..<60 {
            let count = day == 59 ? 12 : (day % 3 == 0 ? 3 : 2)
            for index in 0..<count {
                events.append(EventFactory.event("\(day)-\(index)", on: start.adding(days: day).description, region: "09009"))
            }
        }
        events.append(EventFactory.event("other", on: "2024-02-29", region: "42003"))
        _ = try await store.write(ImportChunk(events: events, rejected: [], rowsRead: events.count), to: batch)
        return store
    }

    @Test("a spike on the as-of day raises one red EARS alert; running again updates it")
    func spike() async throws {
        let store = try await store()
        let detection = StoreDetection(events: store, alerts: store)
        let configuration = AlertingConfiguration(continuationDays: 7, default: [.init(method: "ears-c2")], jurisdictions: [:])
        let day = CalendarDate(iso: "2024-02-29")!
        let outcomes = try await detection.run(.region, interval: .day, asOf: day, configuration: configuration, now: 1)
        // 42003's single event is below the default minimum of 3 events for an alert.
        #expect(outcomes.map(\.alert.latest.series) == ["09009"])
        let alert = try #require(outcomes.first?.alert)
        #expect(outcomes.allSatisfy { $0.isNew })
        #expect(alert.latest.series == "09009" && alert.latest.observed == 12 && alert.severity == .red)
        #expect(alert.latest.period == day)
        let again = try await detection.run(.region, interval: .day, asOf: day, configuration: configuration, now: 2)
        #expect(again.map(\.isNew) == [false])
        #expect(try await store.fetchAlerts(status: nil).count == 1)
        // The day before the spike raises nothing.
        let quiet = try await detection.run(.region, interval: .day, asOf: day.adding(days: -1), configuration: configuration, now: 3)
        #expect(quiet.isEmpty)
    }

    @Test("with no minimum count, one event after an empty baseline is an EARS alarm, as in R (sd 0)")
    func minimumCount() async throws {
        let store = try await store()
        var rule = AlertingConfiguration.Rule(method: "ears-c2")
        rule.minimumObserved = 1
        let configuration = AlertingConfiguration(continuationDays: 7, default: [rule], jurisdictions: [:])
        let outcomes = try await StoreDetection(events: store, alerts: store).run(
            .region, interval: .day, asOf: CalendarDate(iso: "2024-02-29")!, configuration: configuration, now: 1)
        #expect(outcomes.map(\.alert.latest.series) == ["09009", "42003"])
        #expect(outcomes.last?.alert.latest.upperBound == 0)
    }

    @Test("jurisdiction rules replace the default: a state's rules apply to its counties")
    func jurisdictions() throws {
        let configuration = AlertingConfiguration(
            continuationDays: 7, default: [.init(method: "ears-c2")], jurisdictions: ["09": [.init(method: "cusum")]])
        #expect(configuration.rules(for: RegionCode(rawValue: "09009")!).map(\.method) == ["cusum"])
        #expect(configuration.rules(for: RegionCode(rawValue: "42003")!).map(\.method) == ["ears-c2"])
    }

    @Test("the alert quality report counts alarms, alerts, detected outbreaks, PPV and delay")
    func qualityReport() async throws {
        let store = try await store()
        let outbreaks = [
            AlertQualityReport.Outbreak(series: "09009", start: CalendarDate(iso: "2024-02-28")!, end: CalendarDate(iso: "2024-02-29")!),
            AlertQualityReport.Outbreak(series: "09009", start: CalendarDate(iso: "2024-02-10")!, end: CalendarDate(iso: "2024-02-12")!),
        ]
        let rows = try await AlertQualityReport(events: store).evaluate(
            methods: ["ears-c2"], outbreaks: outbreaks, grouping: .region, interval: .day, from: CalendarDate(iso: "2024-02-01")!,
            to: CalendarDate(iso: "2024-02-29")!)
        let row = try #require(rows.first)
        // Two alarms on 2024-02-29: the spike in 09009 and the lone event in 42003 (a flat zero baseline).
        #expect(abs(row.alarmsPerWeek - 2 / (29.0 / 7)) < 1e-12)
        #expect(abs(row.alertsPerWeek - 2 / (29.0 / 7)) < 1e-12)
        #expect(row.detectedOutbreaks == 1 && row.outbreaks == 2 && row.sensitivity == 0.5)
        #expect(row.positivePredictiveValue == 0.5)
        #expect(row.medianDaysToDetection == 1)
    }

    @Test("outbreak files are checked line by line")
    func outbreakFile() throws {
        let folder = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("o.csv").path
        try "series,start,end\n09009,2024-02-10,2024-02-12\n".write(toFile: path, atomically: true, encoding: .utf8)
        #expect(try AlertQualityReport.readOutbreaks(path: path).count == 1)
        try "series,start,end\n09009,2024-02-12,2024-02-10\n".write(toFile: path, atomically: true, encoding: .utf8)
        #expect {
            _ = try AlertQualityReport.readOutbreaks(path: path)
        } throws: { error in
            "\(error)".contains(":2: the outbreak ends (2024-02-10) before it starts (2024-02-12)")
        }
    }
}
