import Testing
import VigilCore
public import VigilStore

/// The behaviour every ``VigilStore/SampleStore`` backend must show.
public enum SampleStoreConformance {
    /// The checks, by name, for parameterised tests.
    public static let checks: [(name: String, run: @Sendable (any SampleStore) async throws -> Void)] = [
        ("samples read back as stored, oldest first; storing them again adds nothing", roundTrip),
        ("samples are selected by dates, region (a state includes its counties), substance and source kind", filters),
    ]

    static let samples: [DrugSample] = [
        DrugSample(
            id: SampleID(rawValue: "lab:2"), collectedOn: CalendarDate(year: 2024, month: 3, day: 2)!, region: RegionCode(rawValue: "09009"),
            location: try? GeoPoint(latitude: 41.31, longitude: -72.92), place: "New Haven, \"Green\"", sourceKind: .forensicLab, form: .powder,
            soldAs: "fentanyl", substances: [
                SampleSubstance(substance: SubstanceID(rawValue: "fentanyl"), text: "Fentanyl HCl", purityPercent: 12.5),
                SampleSubstance(substance: SubstanceID(rawValue: "xylazine"), text: "xylazine"),
                SampleSubstance(substance: nil, text: "Mystery-1"),
            ], laboratory: "State lab"),
        DrugSample(
            id: SampleID(rawValue: "lab:1"), collectedOn: CalendarDate(year: 2024, month: 3, day: 2)!, region: RegionCode(rawValue: "42003"),
            sourceKind: .seizure, substances: [SampleSubstance(substance: SubstanceID(rawValue: "cocaine"), text: "cocaine")]),
        DrugSample(
            id: SampleID(rawValue: "dc:1"), collectedOn: CalendarDate(year: 2023, month: 12, day: 31)!, region: RegionCode(rawValue: "09"),
            sourceKind: .drugChecking, form: .pill, substances: [SampleSubstance(substance: SubstanceID(rawValue: "fentanyl"), text: "fentanyl")]),
        DrugSample(
            id: SampleID(rawValue: "dc:2"), collectedOn: CalendarDate(year: 2024, month: 1, day: 5)!, place: "Mail in",
            sourceKind: .drugChecking, substances: [SampleSubstance(substance: nil, text: "Medetomidine?")]),
    ]

    static func roundTrip(_ store: any SampleStore) async throws {
        #expect(try await store.insertSamples(samples) == 4)
        let ordered = samples.sorted { ($0.collectedOn, $0.id) < ($1.collectedOn, $1.id) }
        #expect(try await store.fetchSamples(SampleFilter()) == ordered)
        #expect(try await store.insertSamples(samples) == 0)
        #expect(try await store.insertSamples([]) == 0)
        #expect(try await store.fetchSamples(SampleFilter(limit: 2)) == Array(ordered.prefix(2)))
    }

    static func filters(_ store: any SampleStore) async throws {
        _ = try await store.insertSamples(samples)
        func ids(_ filter: SampleFilter) async throws -> [String] { try await store.fetchSamples(filter).map(\.id.rawValue) }
        let march = CalendarDate(year: 2024, month: 3, day: 1)!
        #expect(try await ids(SampleFilter(from: march)) == ["lab:1", "lab:2"])
        #expect(try await ids(SampleFilter(to: march)) == ["dc:1", "dc:2"])
        #expect(try await ids(SampleFilter(region: RegionCode(rawValue: "09"))) == ["dc:1", "lab:2"])
        #expect(try await ids(SampleFilter(region: RegionCode(rawValue: "09009"))) == ["lab:2"])
        #expect(try await ids(SampleFilter(substance: "fentanyl")) == ["dc:1", "lab:2"])
        #expect(try await ids(SampleFilter(substance: "mystery-1")) == ["lab:2"])
        #expect(try await ids(SampleFilter(sourceKind: .drugChecking)) == ["dc:1", "dc:2"])
        #expect(try await ids(SampleFilter(substance: "fentanyl", limit: 1)) == ["dc:1"])
        #expect(try await ids(SampleFilter(ids: [SampleID(rawValue: "lab:2"), SampleID(rawValue: "dc:1"), SampleID(rawValue: "none")])) == ["dc:1", "lab:2"])
        #expect(try await ids(SampleFilter(ids: [])).isEmpty)
    }
}
