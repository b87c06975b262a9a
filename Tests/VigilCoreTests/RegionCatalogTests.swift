import Testing
import VigilCore

@Suite("Regions")
struct RegionCatalogTests {
    let catalog = RegionCatalog.standard

    @Test("the catalogue has every gazetteer county, the 9 CT planning regions, states and countries")
    func sizes() {
        #expect(catalog.regions(at: .county).count == 3_220 + 9)
        #expect(catalog.regions(at: .state).count == 57)
        #expect(catalog.regions(at: .country).count == 249)
    }

    @Test("county names resolve as sources write them", arguments: [
        ("NEW HAVEN", "CT", "09009"), ("New Haven County", "Connecticut", "09009"), ("hartford", "09", "09003"),
        ("Capitol", "CT", "09110"), ("Capitol Planning Region", "CT", "09110"), ("WESTCHESTER", "NY", "36119"),
        ("St. Mary's", "MD", "24037"), ("Saint Marys", "MD", "24037"), ("Fairfax", "VA", "51059"),
        ("Fairfax city", "VA", "51600"), ("Doña Ana", "NM", "35013"), ("Allegheny", "PA", "42003"),
    ])
    func countyNames(name: String, state: String, code: String) {
        #expect(catalog.county(named: name, inState: state)?.code.rawValue == code)
    }

    @Test("unknown county or state names resolve to nothing", arguments: [("EAST HAVEN", "CT"), ("UNKNOWN", "CT"), ("NEW HAVEN", "ZZ")])
    func unknownNames(name: String, state: String) {
        #expect(catalog.county(named: name, inState: state) == nil)
    }

    @Test("Connecticut's two code sets both exist and are told apart")
    func connecticutCodeSets() throws {
        let legacy = try #require(catalog.region(RegionCode(rawValue: "09009")!))
        let planning = try #require(catalog.region(RegionCode(rawValue: "09170")!))
        #expect(legacy.connecticutCodeSet == .legacyCounties)
        #expect(planning.connecticutCodeSet == .planningRegions2022)
        #expect(planning.name == "South Central Connecticut Planning Region")
        let centre = try #require(planning.centroid)
        #expect(abs(centre.latitude - 41.36) < 0.1 && abs(centre.longitude + 72.84) < 0.1)
        #expect(catalog.region(RegionCode(rawValue: "42003")!)?.connecticutCodeSet == nil)
    }

    @Test("region codes parse by shape, restoring dropped leading zeros")
    func codes() throws {
        #expect(try RegionCode(parsing: "9009").rawValue == "09009")
        #expect(try RegionCode(parsing: " 42003 ").level == .county)
        #expect(try RegionCode(parsing: "9").rawValue == "09")
        #expect(try RegionCode(parsing: "us").level == .country)
        #expect(try RegionCode(parsing: "09009").stateCode?.rawValue == "09")
        for bad in ["", "123", "ABC", "0900A", "New Haven"] {
            #expect(throws: DomainError.self) { try RegionCode(parsing: bad) }
        }
    }

    @Test("coordinates outside their ranges are rejected")
    func geoPoints() throws {
        #expect(try GeoPoint(latitude: -90, longitude: 180).latitude == -90)
        for (latitude, longitude) in [(90.5, 0.0), (0, -180.1), (.nan, 0), (0, .infinity)] {
            #expect(throws: DomainError.self) { try GeoPoint(latitude: latitude, longitude: longitude) }
        }
    }
}
