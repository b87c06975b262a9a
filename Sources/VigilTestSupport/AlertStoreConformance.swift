import Testing
import VigilCore
public import VigilStore

/// The behaviour every ``VigilStore/AlertStore`` backend must show.
public enum AlertStoreConformance {
    /// The checks, by name, for parameterised tests.
    public static let checks: [(name: String, run: @Sendable (any AlertStore) async throws -> Void)] = [
        ("an ongoing spike updates its alert; a later one opens a new alert", continuation),
        ("recording the same signal twice changes nothing", idempotent),
        ("alerts move open → acknowledged → closed and no further", transitions),
        ("an alert's evidence is stored and replaced by a later signal's", evidence),
    ]

    static func signal(_ day: String, observed: Int = 10, severity: Alert.Severity = .yellow, series: String = "09009")
        -> AlertSignal
    {
        AlertSignal(
            method: "ears-c2", series: series, region: RegionCode(rawValue: String(series.prefix(5)))!, subgroup: nil,
            interval: "day", period: CalendarDate(iso: day)!, observed: observed, expected: 3, upperBound: 7.5, score: 4.2,
            pValue: nil, severity: severity)
    }

    static func continuation(_ store: any AlertStore) async throws {
        let first = try await store.recordSignal(signal("2024-03-01"), continuationDays: 7, at: 100)
        #expect(first.isNew)
        let next = try await store.recordSignal(signal("2024-03-05", observed: 14, severity: .red), continuationDays: 7, at: 200)
        #expect(!next.isNew && next.alert.id == first.alert.id)
        #expect(next.alert.firstPeriod.description == "2024-03-01" && next.alert.latest.period.description == "2024-03-05")
        #expect(next.alert.severity == .red && next.alert.latest.observed == 14 && next.alert.updatedAt == 200)
        // Back to yellow: the alert keeps the highest severity seen.
        let calmer = try await store.recordSignal(signal("2024-03-06", severity: .yellow), continuationDays: 7, at: 300)
        #expect(calmer.alert.severity == .red && calmer.alert.latest.severity == .yellow)
        let later = try await store.recordSignal(signal("2024-03-20"), continuationDays: 7, at: 400)
        #expect(later.isNew && later.alert.id != first.alert.id)
        let otherSeries = try await store.recordSignal(signal("2024-03-06", series: "09003"), continuationDays: 7, at: 500)
        #expect(otherSeries.isNew)
        #expect(try await store.fetchAlerts(status: nil).map(\.id) == [otherSeries.alert.id, later.alert.id, first.alert.id])
    }

    static func idempotent(_ store: any AlertStore) async throws {
        let first = try await store.recordSignal(signal("2024-03-01"), continuationDays: 7, at: 100)
        let again = try await store.recordSignal(signal("2024-03-01"), continuationDays: 7, at: 999)
        #expect(!again.isNew && again.alert == first.alert)
        #expect(try await store.fetchAlerts(status: nil).count == 1)
    }

    static func transitions(_ store: any AlertStore) async throws {
        let alert = try await store.recordSignal(signal("2024-03-01"), continuationDays: 7, at: 100).alert
        let acknowledged = try await store.updateAlert(alert.id, to: .acknowledged, note: "team on site", at: 200)
        #expect(acknowledged.status == .acknowledged && acknowledged.note == "team on site")
        #expect(try await store.fetchAlerts(status: .open).isEmpty)
        // An acknowledged alert still takes the same spike's next alarm.
        let ongoing = try await store.recordSignal(signal("2024-03-02"), continuationDays: 7, at: 300)
        #expect(!ongoing.isNew && ongoing.alert.status == .acknowledged)
        let closed = try await store.updateAlert(alert.id, to: .closed, note: nil, at: 400)
        #expect(closed.status == .closed && closed.note == "team on site")
        #expect(try await store.fetchAlert(alert.id) == closed)
        #expect(try await store.fetchAlert(AlertID(rawValue: 999)) == nil)
        await #expect(throws: StoreError.self) { _ = try await store.updateAlert(alert.id, to: .acknowledged, note: nil, at: 500) }
        await #expect(throws: StoreError.self) { _ = try await store.updateAlert(AlertID(rawValue: 999), to: .closed, note: nil, at: 500) }
        // Re-running detection for a period the closed alert covers changes nothing.
        let rerun = try await store.recordSignal(signal("2024-03-02"), continuationDays: 7, at: 550)
        #expect(!rerun.isNew && rerun.alert.id == alert.id && rerun.alert.status == .closed)
        // After closing, the next alarm opens a new alert.
        #expect(try await store.recordSignal(signal("2024-03-03"), continuationDays: 7, at: 600).isNew)
    }

    static func evidence(_ store: any AlertStore) async throws {
        let day = CalendarDate(iso: "2024-03-01")!
        var signal = signal("2024-03-01")
        signal.evidence = AlertEvidence(
            samples: NearbySamples(
                from: day.adding(days: -28), to: day, regions: [RegionCode(rawValue: "09009")!], radiusKilometres: 62.5,
                centre: try GeoPoint(latitude: 41.3, longitude: -72.9), sampleIdentifiers: ["lab:1", "lab:2"], count: 2,
                substances: [.init(key: "isotonitazene", name: "Isotonitazene", samples: 2, firstSeen: day, isNew: true, isDangerous: true)]),
            eventSubstances: [SubstanceTally(key: "fentanyl", name: "Fentanyl", count: 9)], notes: ["Severity raised to red: …"])
        let first = try await store.recordSignal(signal, continuationDays: 7, at: 100)
        #expect(first.alert.latest.evidence == signal.evidence)
        #expect(try await store.fetchAlert(first.alert.id)?.latest.evidence == signal.evidence)
        var next = self.signal("2024-03-02")
        next.evidence = AlertEvidence(notes: ["On watch"])
        let updated = try await store.recordSignal(next, continuationDays: 7, at: 200)
        #expect(!updated.isNew && updated.alert.latest.evidence == next.evidence)
        #expect(try await store.fetchAlerts(status: nil).first?.latest.evidence?.notes == ["On watch"])
    }
}
