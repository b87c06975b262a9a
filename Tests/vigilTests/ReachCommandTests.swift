import Foundation
import Testing
import VigilTestSupport

@Suite("vigil import --kind services, access and place, end to end through the built executable", .serialized)
struct ReachCommandTests {
    let folder: URL

    init() throws { folder = try Fixtures.temporaryDirectory() }

    func write(_ name: String, _ text: String) throws -> String { try Fixtures.write(text, named: name, in: folder) }

    @Test("the SAMHSA OTP file imports with its repairs reported; access per county; bad service rows are quarantined")
    func access() throws {
        let otp = Fixtures.path("services/OpioidTreatmentProgram_Geocoded.csv")
        let imported = try VigilProcess.run(["import", otp, "--kind", "services", "--mapping", "samhsa-otp", "--database", "r.sqlite"], in: folder)
        #expect(imported.status == 0, "\(imported.standardError)")
        #expect(imported.standardOutput.contains("new locations:  1831") && imported.standardOutput.contains("read as Windows-1252"))
        #expect(imported.standardOutput.contains("232 ZIP codes had lost their leading zeros"))
        let bad = try write("bad.csv", "location_id,kind,name,latitude,longitude\nb1,naloxone,Box,95,-72.9\nb2,naloxone,Box 2,41.3,-72.9\n")
        let partly = try VigilProcess.run(["import", bad, "--kind", "services", "--database", "r.sqlite"], in: folder)
        #expect(partly.status == 3 && partly.standardError.contains("latitude 95.0 is outside"), "\(partly.standardError)")

        let events = try write("events.csv", """
            id,occurred_at,region,latitude,longitude,outcome
            e1,2024-03-01,09009,41.31,-72.93,fatal
            e2,2024-03-02,09009,41.50,-72.93,nonfatal
            e3,2024-03-03,09003,,,nonfatal
            """)
        _ = try VigilProcess.run(["import", events, "--database", "r.sqlite"], in: folder)
        let population = try write("population.csv", "location_id,population\n09009,864835\n09003,899498\n")
        let table = try VigilProcess.run(
            ["access", "--region", "09", "--population", population, "--svg", "access.svg", "--format", "csv", "--database", "r.sqlite"], in: folder)
        #expect(table.status == 0, "\(table.standardError)")
        let rows = table.standardOutput.split(separator: "\n").map(String.init)
        #expect(rows.first == "region,name,events,rate_per_100k,median_km,p90_km,facilities,facilities_per_100k,share_over_10_km,share_over_25_km,share_over_50_km")
        #expect(rows.contains { $0.hasPrefix("09009,New Haven County,2,0.23,") }, "\(rows)")
        #expect(rows.contains { $0.hasPrefix("09003,Hartford County,1,0.11,") })
        #expect(table.standardError.contains("1 at their county's centroid"))
        #expect(try String(contentsOf: folder.appendingPathComponent("access.svg"), encoding: .utf8).contains("data-region=\"09009\""))
        let unknown = try VigilProcess.run(["access", "--kind", "clinic", "--database", "r.sqlite"], in: folder)
        #expect(unknown.status == 64 && unknown.standardError.contains("--kind 'clinic' is not one of"))
    }

    @Test("place: the greedy sites with their new and total coverage; --exact proves the optimum; bad budgets, radii and empty inputs are refused")
    func place() throws {
        let sites = try write("sites.csv", "site_id,lat,lon\nA,41.30,-72.92\nB,41.76,-72.68\nC,41.31,-72.90\n")
        let events = try write("events.csv", "lat,lon,weight\n41.30,-72.92,1\n41.31,-72.91,1\n41.30,-72.93,1\n41.76,-72.68,5\n")
        let greedy = try VigilProcess.run(["place", "--sites", sites, "--events", events, "--budget", "2", "--radius-km", "3", "--format", "csv"], in: folder)
        #expect(greedy.status == 0, "\(greedy.standardError)")
        let rows = greedy.standardOutput.split(separator: "\n").map(String.init)
        #expect(rows.count == 3 && rows[1].hasPrefix("B,41.76,-72.68,1,1,5.0,5.0") && rows[2].hasPrefix("A,41.3,-72.92,3,4,3.0,8.0"), "\(rows)")
        let exact = try VigilProcess.run(["place", "--sites", sites, "--events", events, "--budget", "2", "--radius-km", "3", "--exact"], in: folder)
        #expect(exact.standardError.contains("proven optimal"))
        let tooMany = try VigilProcess.run(["place", "--sites", sites, "--events", events, "--budget", "4", "--radius-km", "3"], in: folder)
        #expect(tooMany.status != 0 && tooMany.standardError.contains("--budget 4 is more than the 3 candidate sites"))
        let zero = try VigilProcess.run(["place", "--sites", sites, "--events", events, "--budget", "1", "--radius-km", "0"], in: folder)
        #expect(zero.status != 0 && zero.standardError.contains("radius"), "\(zero.standardError)")
        let none = try VigilProcess.run(["place", "--grid", "5", "--from-store", "--budget", "1", "--radius-km", "5", "--database", "empty.sqlite"], in: folder)
        #expect(none.status != 0 && none.standardError.contains("no stored events with a place"))
        let both = try VigilProcess.run(["place", "--sites", sites, "--grid", "5", "--events", events, "--budget", "1", "--radius-km", "5"], in: folder)
        #expect(both.status == 64 && both.standardError.contains("give either --sites FILE or --grid KM"))
    }
}
