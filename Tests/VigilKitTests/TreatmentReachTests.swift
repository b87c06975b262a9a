import Foundation
import Testing
import VigilCore
import VigilKit
import VigilReach
import VigilStore
import VigilStoreSQLite
import VigilTestSupport

@Suite("Treatment reach on stored events and service locations")
struct TreatmentReachTests {
    static func point(_ latitude: Double, _ longitude: Double) -> GeoPoint { try! GeoPoint(latitude: latitude, longitude: longitude) }

    static func store(_ events: [OverdoseEvent]) async throws -> SQLiteEventStore {
        let store = try SQLiteEventStore.inMemory()
        let batch = try await store.beginImport(
            ImportBatchStart(sourceSystem: SourceSystemID(rawValue: "test")!, origin: "t", mapping: "vigil", startedAt: 0))
        _ = try await store.write(ImportChunk(events: events, rejected: [], rowsRead: events.count), to: batch)
        _ = try await store.insertServiceLocations([
            ServiceLocation(id: ServiceLocationID(rawValue: "otp:nh"), kind: .otp, name: "New Haven OTP", location: point(41.30, -72.92), region: RegionCode(rawValue: "09009")),
            ServiceLocation(id: ServiceLocationID(rawValue: "otp:far"), kind: .otp, name: "Far OTP", location: point(40.0, -75.0), region: RegionCode(rawValue: "42101")),
            ServiceLocation(id: ServiceLocationID(rawValue: "nal:1"), kind: .naloxone, name: "Box", location: point(41.40, -72.92), region: RegionCode(rawValue: "09009")),
        ])
        return store
    }

    @Test("per county: events, rates, median and type-7 90th percentile of the distance to the nearest OTP, shares beyond 10/25/50 km (hand-computed)")
    func access() async throws {
        let store = try await Self.store([
            EventFactory.event("a", on: "2024-03-01", location: Self.point(41.30, -72.92)),
            EventFactory.event("b", on: "2024-03-02", location: Self.point(41.40, -72.92)),
            EventFactory.event("c", on: "2024-03-03", location: Self.point(41.50, -72.92)),
            EventFactory.event("d", on: "2024-03-03", region: "09003"),
            EventFactory.event("e", on: "2024-03-03", region: "US"),
        ])
        let outcome = try await TreatmentAccess(events: store, locations: store).run(
            filter: EventFilter(), populations: [RegionCode(rawValue: "09009")!: 100_000])
        #expect(outcome.events == 4 && outcome.eventsAtCentroid == 1 && outcome.eventsWithoutPlace == 1)
        #expect(outcome.facilities == [.otp: 2, .naloxone: 1])
        let newHaven = try #require(outcome.report.regions.first { $0.region == RegionCode(rawValue: "09009") })
        let degree = 6371.0088 * Double.pi / 180  // 111.195 km
        #expect(newHaven.eventCount == 3 && newHaven.eventsPerHundredThousand == 3 && newHaven.facilityCount == 1)
        #expect(newHaven.facilitiesPerHundredThousand == 1)
        #expect(abs((newHaven.medianKilometres ?? 0) - 0.1 * degree) < 1e-6)
        // Type 7: h = (3 − 1) · 0.9 = 1.8, between the 2nd and 3rd smallest: 0.1° + 0.8 · 0.1°.
        #expect(abs((newHaven.percentile90Kilometres ?? 0) - 0.18 * degree) < 1e-6)
        #expect(newHaven.beyond.map(\.eventCount) == [2, 0, 0])
        let hartford = try #require(outcome.report.regions.first { $0.region == RegionCode(rawValue: "09003") })
        #expect(hartford.eventCount == 1 && hartford.eventsPerHundredThousand == nil && hartford.facilityCount == 0)
        // Naloxone is measured too, for every event.
        #expect(outcome.report.nearest(.naloxone)?.kilometres.first.map { abs($0 - 0.1 * degree) < 1e-6 } == true)

        let empty = try SQLiteEventStore.inMemory()
        await #expect(throws: ReachError.self) { try await TreatmentAccess(events: empty, locations: empty).run(filter: EventFilter()) }
    }

    @Test("stored events weigh by fatality and recency; a grid spans them; a bad sites file names its line")
    func placementInputs() async throws {
        let store = try await Self.store([
            EventFactory.event("new", on: "2024-03-11", outcome: .fatal, location: Self.point(41.30, -72.92)),
            EventFactory.event("old", on: "2024-03-01", location: Self.point(41.40, -72.92)),
        ])
        let demand = try await ServicePlacement.storedEvents(store, filter: EventFilter(), weighting: .init(halfLifeDays: 10, fatalWeight: 3))
        #expect(Set(demand.map(\.weight)) == [3, 0.5])
        let grid = try ServicePlacement.grid(kilometres: 5, over: demand)
        #expect(grid.count >= 3 && grid.allSatisfy { (41.29...41.46).contains($0.location.latitude) })
        #expect(throws: ServicePlacement.InputError.self) { try ServicePlacement.grid(kilometres: 0, over: demand) }
        let plan = try ServicePlacement().plan(candidates: grid, demand: demand, radiusKilometres: 3, budget: 1, exact: true)
        #expect(plan.solution.isProvenOptimal && plan.solution.coveredWeight == 3)
        #expect(throws: ReachError.self) { try ServicePlacement().plan(candidates: grid, demand: demand, radiusKilometres: 0, budget: 1, exact: false) }

        let folder = try Fixtures.temporaryDirectory()
        let sites = folder.appendingPathComponent("sites.csv")
        try "site_id,lat,lon\ns1,41.3,-72.9\ns1,41.4,-72.9\n".write(to: sites, atomically: true, encoding: .utf8)
        #expect { try ServicePlacement.readSites(sites.path) } throws: { "\($0)".hasSuffix("sites.csv:3: site 's1' is listed twice") }
        let events = folder.appendingPathComponent("events.csv")
        try "lat,lon,weight\n41.3,-72.9,2\n91,-72.9,1\n".write(to: events, atomically: true, encoding: .utf8)
        #expect { try ServicePlacement.readEvents(events.path) } throws: { "\($0)".contains("events.csv:3: latitude 91.0 is outside") }
    }

    @Test("the bundled county outlines place points in their county (or Connecticut planning region) and draw a map")
    func boundaries() throws {
        let boundaries = try CountyBoundaries.bundled()
        #expect(boundaries.county(containing: Self.point(41.308, -72.925)) == RegionCode(rawValue: "09009"))
        #expect(boundaries.county(containing: Self.point(41.308, -72.925), planningRegions: true) == RegionCode(rawValue: "09170"))
        #expect(boundaries.county(containing: Self.point(41.764, -72.685)) == RegionCode(rawValue: "09003"))
        #expect(boundaries.county(containing: Self.point(40.4406, -79.9959)) == RegionCode(rawValue: "42003"))
        #expect(boundaries.county(containing: Self.point(40.0, -68.0)) == nil, "the Atlantic")
        let svg = CountyChoropleth.svg(
            values: [RegionCode(rawValue: "09009")!: 2.5, RegionCode(rawValue: "09003")!: 7.5],
            counties: [RegionCode(rawValue: "09009")!, RegionCode(rawValue: "09003")!, RegionCode(rawValue: "09001")!], boundaries: boundaries,
            caption: "Median km", circles: [.init(centre: Self.point(41.3, -72.9), radiusKilometres: 10, label: "site 1")])
        #expect(svg.components(separatedBy: "class=\"county\"").count == 4)
        #expect(svg.contains("data-region=\"09009\"") && svg.contains("fill=\"#feedde\"") && svg.contains("fill=\"#a63603\""))
        #expect(svg.contains("Fairfield County: no value") && svg.contains("<ellipse class=\"coverage\""))
    }
}
