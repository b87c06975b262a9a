import Foundation
import Testing
import VigilCore
import VigilIngest
import VigilStore
import VigilTestSupport

@Suite("Service location files")
struct ServiceLocationReaderTests {
    private func write(_ text: String) throws -> String {
        let url = try Fixtures.temporaryDirectory().appendingPathComponent("locations.csv")
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url.path
    }

    @Test("the SAMHSA opioid treatment programmes: not UTF-8, read as Windows-1252; 232 ZIP codes padded; 1,831 programmes")
    func opioidTreatmentPrograms() throws {
        let reader = ServiceLocationReader(layout: .samhsaOTP, source: SourceSystemID(rawValue: "otp")!)
        let result = try reader.read(.file(Fixtures.path("services/OpioidTreatmentProgram_Geocoded.csv")))
        #expect(result.locations.count == 1_831 && result.rejected.isEmpty)
        #expect(result.readAsWindows1252 && result.paddedZIPCodes == 232)
        #expect(result.locations.allSatisfy { $0.kind == .otp && $0.region == nil })
        let cayey = try #require(result.locations.first { $0.name.hasSuffix("Medicamentos Cayey") })
        #expect(cayey.name == "Clínica de Tratamiento Integral Asistido con Medicamentos Cayey")
        // A padded ZIP code keeps its ZIP+4 part.
        #expect(result.locations.contains { $0.address?.hasSuffix(", CT, 06511") == true })
        #expect(result.locations.contains { $0.address?.range(of: #", 0\d{4}-\d{4}$"#, options: .regularExpression) != nil })
    }

    @Test("the SAMHSA treatment facilities: 14,034, counties resolved by name, 1,382 ZIP codes padded, UTF-8 as it is")
    func treatmentFacilities() throws {
        let reader = ServiceLocationReader(layout: .samhsaTreatment, source: SourceSystemID(rawValue: "sut")!)
        let result = try reader.read(.file(Fixtures.path("services/SubstanceUseTreatment_Geocoded.csv")))
        #expect(result.locations.count == 14_034 && result.rejected.isEmpty && !result.readAsWindows1252)
        #expect(result.paddedZIPCodes == 1_382)
        let connecticut = result.locations.filter { $0.region?.stateCode == RegionCode(rawValue: "09") }
        #expect(connecticut.count >= 180)
        #expect(connecticut.filter { $0.region == RegionCode(rawValue: "09009") }.count == 51)
        // Names are joined with their second line; ids are stable across reads.
        #expect(result.locations.first?.name == "A New Beginning")
        #expect(try reader.read(.file(Fixtures.path("services/SubstanceUseTreatment_Geocoded.csv"))).locations.map(\.id) == result.locations.map(\.id))
    }

    @Test("Vigil's format: missing or impossible coordinates, unknown kinds, no name and negative capacities are rejected with line and reason")
    func rejected() throws {
        let path = try write(
            """
            location_id,kind,name,latitude,longitude,region,address,capacity,hours
            n1,naloxone,Library box,41.30,-72.92,09009,,,"Mo-Sa 9-17"
            n2,naloxone,No place,,,09009,,,
            n3,naloxone,Out of range,141.30,-72.92,,,,
            n4,clinic,Unknown kind,41.3,-72.9,,,,
            n5,otp,,41.3,-72.9,,,,
            n6,otp,Negative,41.3,-72.9,,,-5,
            n7,outreach,Van stop,41.3,-72.9,,,12,
            """)
        let result = try ServiceLocationReader(layout: .vigil, source: SourceSystemID(rawValue: "ct")!).read(.file(path))
        #expect(result.locations.map(\.id.rawValue) == ["ct:n1", "ct:n7"])
        #expect(result.locations[0].hours == "Mo-Sa 9-17" && result.locations[1].capacity == 12 && result.locations[1].kind == .outreach)
        let byLine = Dictionary(grouping: result.rejected.lineIssues, by: \.line)
        #expect(byLine.keys.sorted() == [3, 4, 5, 6, 7])
        #expect(byLine[3]?.first?.detail.contains("latitude is blank") == true)
        #expect(byLine[4]?.first?.detail.contains("outside −90…90") == true)
        #expect(byLine[5]?.first?.detail.contains("unknown kind 'clinic'") == true)
        #expect(byLine[6]?.first?.detail.contains("the name is blank") == true)
        #expect(byLine[7]?.first?.detail.contains("'-5' is not a whole number of 0 or more") == true)
        #expect(result.rejected.first { $0.line == 5 }?.rawText.hasPrefix("n4,clinic,") == true)
    }
}
