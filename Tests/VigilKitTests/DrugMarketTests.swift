import Foundation
import Testing
import VigilCore
import VigilDetection
import VigilKit
import VigilStore
import VigilStoreSQLite
import VigilTestSupport

@Suite("Drug-market alerts, watches and fused overdose alerts")
struct DrugMarketTests {
    static let county = RegionCode(rawValue: "09009")!

    static func sample(_ id: String, _ day: String, region: String = "09009", at point: GeoPoint? = nil, _ substances: String...) -> DrugSample {
        DrugSample(
            id: SampleID(rawValue: "lab:\(id)"), collectedOn: CalendarDate(iso: day)!, region: region.isEmpty ? nil : RegionCode(rawValue: region),
            location: point, sourceKind: .forensicLab,
            substances: substances.map { SampleSubstance(substance: SubstanceCatalog.standard.resolve($0), text: $0) })
    }

    static func events(_ store: SQLiteEventStore, _ counts: [(day: String, region: String, count: Int)]) async throws {
        let batch = try await store.beginImport(
            ImportBatchStart(sourceSystem: SourceSystemID(rawValue: "test")!, origin: "t", mapping: "vigil", startedAt: 0))
        var events: [OverdoseEvent] = []
        for (day, region, count) in counts {
            for index in 0..<count { events.append(EventFactory.event("\(region)-\(day)-\(index)", on: day, region: region)) }
        }
        _ = try await store.write(ImportChunk(events: events, rejected: [], rowsRead: events.count), to: batch)
    }

    @Test("medetomidine new to a county becomes one red substance alert listing its samples; a re-run adds nothing")
    func substanceAlert() async throws {
        let store = try SQLiteEventStore.inMemory()
        var samples = (1...20).map { Self.sample("f\($0)", CalendarDate(iso: "2024-01-01")!.adding(days: $0).description, "fentanyl", "xylazine") }
        samples.append(Self.sample("m1", "2024-03-05", "fentanyl", "medetomidine"))
        samples.append(Self.sample("m2", "2024-03-05", "medetomidine"))
        samples.append(Self.sample("bc", "2024-03-05", region: "", "medetomidine"))
        _ = try await store.insertSamples(samples)
        let use = SubstanceAlerts(samples: store, alerts: store)
        let (from, to) = (CalendarDate(iso: "2024-03-01")!, CalendarDate(iso: "2024-03-07")!)
        let outcome = try await use.run(from: from, to: to, now: 10)
        let first = try #require(outcome.alerts.first { $0.alert.latest.method == "first-appearance" }?.alert)
        #expect(first.latest.kind == "substance" && first.latest.series == "09009:medetomidine" && first.severity == .red)
        #expect(first.latest.observed == 2 && first.latest.period == CalendarDate(iso: "2024-03-05")!)
        let finding = try #require(first.latest.evidence?.finding)
        #expect(finding.isDangerous && finding.substanceName == "Medetomidine" && finding.sampleIdentifiers == ["lab:m1", "lab:m2"])
        // The co-occurrence with fentanyl is its own alert, listing only the sample with both.
        let together = try #require(outcome.alerts.first { $0.alert.latest.method == "new-cooccurrence" }?.alert)
        #expect(together.latest.series == "09009:medetomidine:with:fentanyl" && together.latest.evidence?.finding?.sampleIdentifiers == ["lab:m1"])
        // The sample without a region is a finding but raises no alert.
        #expect(outcome.unplacedFindings.map(\.region) == ["unknown"])
        let again = try await use.run(from: from, to: to, now: 20)
        #expect(again.alerts.allSatisfy { !$0.isNew } && again.alerts.count == outcome.alerts.count)
    }

    @Test("a dangerous new substance puts its county on watch: a count EARS ignores alarms with lowered thresholds, saying why")
    func watch() async throws {
        let store = try SQLiteEventStore.inMemory()
        // Baseline 2,4,2,4,2,4,2 (mean 2.857, sd 1.069) then 6: below C2's 6.16 at alpha 0.001, above 5.34 at 0.01.
        let start = CalendarDate(iso: "2024-03-01")!
        let counts = [2, 4, 2, 4, 2, 4, 2, 0, 0, 6]
        try await Self.events(store, counts.enumerated().map { (start.adding(days: $0.offset).description, "09009", $0.element) })
        let asOf = start.adding(days: 9)
        let configuration = AlertingConfiguration(continuationDays: 7, default: [.init(method: "ears-c2")], jurisdictions: [:])
        let detection = StoreDetection(events: store, alerts: store, samples: store)
        #expect(try await detection.run(.region, interval: .day, asOf: asOf, configuration: configuration, now: 1).isEmpty)

        _ = try await store.insertSamples([Self.sample("old", "2023-06-01", "fentanyl"), Self.sample("iso", "2024-03-08", "isotonitazene")])
        let substance = try await SubstanceAlerts(samples: store, alerts: store).run(from: start, to: asOf, configuration: configuration, now: 2)
        let started = try #require(substance.alerts.first?.alert)
        #expect(started.latest.subgroup == "isotonitazene" && started.severity == .red)

        let outcomes = try await detection.run(.region, interval: .day, asOf: asOf, configuration: configuration, now: 3)
        let alert = try #require(outcomes.first?.alert)
        #expect(outcomes.count == 1 && alert.latest.observed == 6 && alert.latest.series == "09009")
        let notes = alert.latest.evidence?.notes ?? []
        #expect(notes.first?.hasPrefix("On watch: Isotonitazene appeared in 09009 on 2024-03-08 (alert \(started.id.rawValue))") == true)
        #expect(notes.first?.contains("alpha ×10") == true && notes.first?.contains("until 2024-04-05") == true)
        // The sample in the county's window is attached, and a dangerous new substance makes the alert red.
        #expect(alert.latest.evidence?.samples?.sampleIdentifiers == ["lab:iso"] && alert.severity == .red)
        // A county of another state is not on watch.
        #expect(SubstanceWatch(alerts: [started], on: asOf, settings: .standard).entry(covering: RegionCode(rawValue: "42003")!) == nil)
        #expect(SubstanceWatch(alerts: [started], on: asOf.adding(days: 40), settings: .standard).entries.isEmpty)
    }

    @Test("an overdose cluster and nearby samples with a new nitazene give one fused red alert whose evidence lists those samples")
    func fusedCluster() async throws {
        let store = try SQLiteEventStore.inMemory()
        // 40 days of 1 event a day in each of eight Connecticut counties, then 12 a day for the last 3 days in New Haven.
        let counties = ["09001", "09003", "09005", "09007", "09009", "09011", "09013", "09015"]
        let first = CalendarDate(iso: "2024-04-01")!
        var counts: [(String, String, Int)] = []
        for day in 0..<40 {
            for county in counties { counts.append((first.adding(days: day).description, county, county == "09009" && day >= 37 ? 12 : 1)) }
        }
        try await Self.events(store, counts)
        let newHaven = try GeoPoint(latitude: 41.35, longitude: -72.92)
        _ = try await store.insertSamples([
            // The county's earlier history: fentanyl only.
            Self.sample("h1", "2024-01-10", "fentanyl"), Self.sample("h2", "2024-02-10", "fentanyl", "xylazine"),
            // Within the cluster's days and area: two with protonitazene (one placed only by coordinates), one without.
            Self.sample("n1", "2024-05-08", "fentanyl", "protonitazene"),
            Self.sample("n2", "2024-05-09", region: "", at: newHaven, "protonitazene"),
            Self.sample("c1", "2024-05-09", "cocaine"),
            // Far away: Pittsburgh.
            Self.sample("far", "2024-05-09", region: "42003", at: try GeoPoint(latitude: 40.44, longitude: -79.99), "protonitazene"),
        ])
        let scan = try SpaceTimeScan(.init(maxTemporalDays: 7, replications: 99, seed: 7))
        let outcome = try await StoreScan(events: store, alerts: store, samples: store).run(
            scan, asOf: first.adding(days: 39), studyDays: 40, alertLevel: 0.05, now: 1)
        #expect(outcome.alerts.count == 1)
        let alert = try #require(outcome.alerts.first)
        #expect(alert.latest.kind == "space-time-cluster" && alert.latest.series == "09009" && alert.severity == .red)
        let nearby = try #require(alert.latest.evidence?.samples)
        #expect(nearby.sampleIdentifiers.sorted() == ["lab:c1", "lab:n1", "lab:n2"])
        let nitazene = try #require(nearby.substances.first)
        #expect(nitazene.key == "protonitazene" && nitazene.samples == 2 && nitazene.isNew && nitazene.isDangerous)
        #expect(nitazene.firstSeen == CalendarDate(iso: "2024-05-08")!)
        #expect(nearby.substances.first { $0.key == "fentanyl" }?.isNew == false)
        #expect(alert.latest.evidence?.eventSubstances.first?.key == "fentanyl")
        #expect(alert.latest.evidence?.notes.contains { $0.contains("Protonitazene (dangerous, new to the area, first seen 2024-05-08; 2 samples)") } == true)
    }
}
