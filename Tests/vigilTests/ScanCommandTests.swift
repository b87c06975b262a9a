import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
import VigilTestSupport

@Suite("vigil scan, end to end", .serialized)
struct ScanCommandTests {
    let folder: URL

    init() throws { folder = try Fixtures.temporaryDirectory() }

    /// Writes a file in the test folder and returns its path.
    func file(_ name: String, _ text: String) throws -> String {
        let path = folder.appendingPathComponent(name).path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    /// The NYC fever sample as scan files (one row per case, SaTScan's YYYY/M/D dates).
    func writeNYCFever() throws -> (cases: String, locations: String) {
        let casesText = try String(contentsOfFile: Fixtures.path("scan/nycfever_cases.csv"), encoding: .utf8)
        var cases = "location_id,date,count\n"
        for line in casesText.split(separator: "\n").dropFirst() {
            let fields = line.replacingOccurrences(of: "\"", with: "").split(separator: ",")
            cases += "\(fields[0]),\(fields[2]),\(fields[1])\n"
        }
        let geo = try String(contentsOfFile: Fixtures.path("scan/nycfever_geo.csv"), encoding: .utf8)
        let locations = "location_id,lat,lon\n" + geo.split(separator: "\n").dropFirst().joined(separator: "\n") + "\n"
        return (try file("cases.csv", cases), try file("locations.csv", locations))
    }

    @Test("the NYC fever sample gives SaTScan's most likely cluster in csv and json")
    func nycFever() throws {
        let (cases, locations) = try writeNYCFever()
        let csv = try VigilProcess.run(
            ["scan", "--cases", cases, "--locations", locations, "--from", "2001-11-01", "--as-of", "2001-11-24",
             "--replications", "99", "--format", "csv"], in: folder)
        #expect(csv.status == 0, "\(csv.standardError)")
        let lines = csv.standardOutput.split(separator: "\n")
        #expect(lines.first?.hasPrefix("cluster,centre,locations,radius_km,start,end,observed,expected") == true)
        #expect(lines[1].hasPrefix("1,11418,11418;11415;11419;11435;11416;11421;11451;11375;11417,2.9,2001-11-22,2001-11-24,4,0.67,5.97,3.845418,"))
        let json = try VigilProcess.run(
            ["scan", "--cases", cases, "--locations", locations, "--from", "2001-11-01", "--max-radius-km", "3",
             "--max-temporal-days", "7", "--replications", "99", "--format", "json"], in: folder)
        let clusters = try #require(try JSONSerialization.jsonObject(with: Data(json.standardOutput.utf8)) as? [[String: Any]])
        #expect(clusters.prefix(3).compactMap { $0["centre"] as? String } == ["11418", "11372", "10472"])
    }

    @Test("--svg draws every location and cluster; --regions-only withholds centres; --suppress-below drops small clusters")
    func mapAndPrivacy() throws {
        let (cases, locations) = try writeNYCFever()
        let map = folder.appendingPathComponent("map.svg").path
        let common = ["scan", "--cases", cases, "--locations", locations, "--from", "2001-11-01", "--as-of", "2001-11-24",
                      "--replications", "19"]
        let drawn = try VigilProcess.run(common + ["--svg", map, "--format", "csv"], in: folder)
        #expect(drawn.status == 0, "\(drawn.standardError)")
        let svg = try String(contentsOfFile: map, encoding: .utf8)
        #expect(svg.hasPrefix("<svg xmlns=\"http://www.w3.org/2000/svg\""))
        #expect(svg.components(separatedBy: "<circle cx=").count - 1 == 192)
        let clusterRows = drawn.standardOutput.split(separator: "\n").count - 1
        #expect(svg.components(separatedBy: "class=\"cluster\"").count - 1 == clusterRows)
        #expect(XMLParser(data: Data(svg.utf8)).parse())

        let publicOutput = try VigilProcess.run(
            common + ["--regions-only", "--suppress-below", "3", "--svg", map, "--format", "json"], in: folder)
        let clusters = try #require(try JSONSerialization.jsonObject(with: Data(publicOutput.standardOutput.utf8)) as? [[String: Any]])
        #expect(clusters.allSatisfy { $0["centre"] is NSNull && $0["radius_km"] is NSNull })
        #expect(clusters.allSatisfy { ($0["observed"] as? Int ?? 0) >= 3 })
        #expect(clusters.map { $0["cluster"] as? Int } == [1, 3] + clusters.dropFirst(2).map { $0["cluster"] as? Int })
        #expect(publicOutput.standardError.contains("clusters with fewer than 3 cases are not shown"))
        let publicMap = try String(contentsOfFile: map, encoding: .utf8)
        #expect(!publicMap.contains("class=\"cluster\"") && publicMap.contains("class=\"member\""))
    }

    @Test("bad input names the file, line and value", arguments: [
        ("location_id,date\nZZZ,2024-01-01\n", "location_id,lat,lon\nA,40.7,-74.0\n", nil, nil, "cases.csv:2: location 'ZZZ' is not in"),
        ("location_id,date\nA,2024-13-01\n", "location_id,lat,lon\nA,40.7,-74.0\n", nil, nil, "cases.csv:2: '2024-13-01' is not a date"),
        ("location_id,date\nA,2024-01-01\n", "location_id,lat,lon\nA,40.7,-74.0\nA,41.0,-74.0\n", nil, nil,
         "locations.csv:3: location 'A' is listed twice with different coordinates"),
        ("location_id,date\nA,2024-01-01\n", "location_id,lat,lon\nA,95.0,-74.0\n", nil, nil, "locations.csv:2: location 'A': latitude 95.0"),
        ("location_id,date\nA,2024-01-01\n", "location_id,lat,lon\nA,40.7,-74.0\n", "location_id,population\nA,0\n", nil,
         "population.csv:2: population '0' of 'A' must be a positive number"),
        ("location_id,date\nA,2024-01-01\n", "location_id,lat,lon\nA,40.7,-74.0\n", nil, "0.7", "must be in (0, 0.5]"),
    ] as [(String, String, String?, String?, String)])
    func badInput(cases: String, locations: String, population: String?, fraction: String?, message: String) throws {
        var arguments = ["scan", "--cases", try file("cases.csv", cases), "--locations", try file("locations.csv", locations)]
        if let population { arguments += ["--population", try file("population.csv", population), "--model", "poisson"] }
        if let fraction { arguments += ["--max-spatial-fraction", fraction] }
        let result = try VigilProcess.run(arguments, in: folder)
        #expect(result.status == 1, "\(result.standardOutput)")
        #expect(result.standardError.contains(message), "\(result.standardError)")
    }

    @Test("too few replications is a usage error; empty input gives no clusters")
    func edges() throws {
        let cases = try file("cases.csv", "location_id,date\n")
        let locations = try file("locations.csv", "location_id,x,y\nA,0,0\nB,1,1\n")
        let empty = try VigilProcess.run(["scan", "--cases", cases, "--locations", locations], in: folder)
        #expect(empty.status == 0 && empty.standardOutput.contains("no clusters"))
        let few = try VigilProcess.run(["scan", "--cases", cases, "--locations", locations, "--replications", "5"], in: folder)
        #expect(few.status == 1 && few.standardError.contains("replications must be from 9"))
    }

    static let connecticutCounties = ["09001", "09003", "09005", "09007", "09009", "09011", "09013", "09015"]

    /// 60 days of events in Connecticut's counties, with a spike in 09009 on the last two days.
    func importCountySpike() throws {
        var text = "id,occurred_at,region,outcome\n"
        let first = Calendar(identifier: .gregorian).date(from: DateComponents(year: 2024, month: 1, day: 1))!
        let formatter = DateFormatter()
        formatter.dateFormat = "yyyy-MM-dd"
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.calendar = Calendar(identifier: .gregorian)
        for day in 0..<60 {
            let date = formatter.string(from: first.addingTimeInterval(Double(day) * 86_400))
            for (index, county) in Self.connecticutCounties.enumerated() where (day + index) % 2 == 0 {
                text += "\(county)-\(day),\(date),\(county),nonfatal\n"
            }
            if day >= 58 { for extra in 0..<8 { text += "spike-\(day)-\(extra),\(date),09009,fatal\n" } }
        }
        let csv = try file("events.csv", text)
        #expect(try VigilProcess.run(["import", csv, "--database", "s.sqlite"], in: folder).status == 0)
    }

    @Test("scan --from-store finds a county spike and records it once as a space-time-cluster alert")
    func fromStore() throws {
        try importCountySpike()
        let arguments = ["scan", "--from-store", "--as-of", "2024-02-29", "--study-days", "60", "--max-temporal-days", "7",
                         "--replications", "99", "--database", "s.sqlite", "--format", "json"]
        let run = try VigilProcess.run(arguments, in: folder)
        #expect(run.status == 0, "\(run.standardError)")
        let alerts = try #require(try JSONSerialization.jsonObject(with: Data(run.standardOutput.utf8)) as? [[String: Any]])
        #expect(alerts.count == 1)
        #expect(alerts.first?["kind"] as? String == "space-time-cluster")
        #expect(alerts.first?["series"] as? String == "09009" && (alerts.first?["observed"] as? Int ?? 0) >= 16)
        _ = try VigilProcess.run(arguments, in: folder)
        let listed = try VigilProcess.run(["alerts", "--database", "s.sqlite", "--format", "csv"], in: folder)
        #expect(listed.standardOutput.split(separator: "\n").count == 2)
    }

    @Test("scan --from-store --model poisson takes county populations and names a county that has none")
    func fromStorePoisson() throws {
        try importCountySpike()
        let arguments = ["scan", "--from-store", "--model", "poisson", "--as-of", "2024-02-29", "--study-days", "60",
                         "--max-temporal-days", "7", "--replications", "99", "--database", "s.sqlite", "--format", "json"]
        let missing = try VigilProcess.run(arguments, in: folder)
        #expect(missing.status != 0 && missing.standardError.contains("--population"))
        let populations = Self.connecticutCounties.map { "\($0),\($0 == "09009" ? 800_000 : 400_000)" }.joined(separator: "\n")
        let population = try file("population.csv", "location_id,population\n" + populations + "\n")
        let run = try VigilProcess.run(arguments + ["--population", population], in: folder)
        #expect(run.status == 0, "\(run.standardError)")
        let alerts = try #require(try JSONSerialization.jsonObject(with: Data(run.standardOutput.utf8)) as? [[String: Any]])
        #expect(alerts.count == 1 && alerts.first?["series"] as? String == "09009")

        let without = try file("without.csv", "location_id,population\n09001,400000\n09003,900000\n")
        let unknown = try VigilProcess.run(arguments + ["--population", without], in: folder)
        #expect(unknown.status != 0 && unknown.standardError.contains("has events but no population"), "\(unknown.standardError)")
        let state = try file("state.csv", "location_id,population\n09001,400000\n09,3600000\n")
        let bad = try VigilProcess.run(arguments + ["--population", state], in: folder)
        #expect(bad.standardError.contains("state.csv:3") && bad.standardError.contains("'09'"), "\(bad.standardError)")
    }

    @Test("scan --from-store --grid-km clusters events by their own coordinates")
    func fromStoreGrid() throws {
        var text = "id,occurred_at,latitude,longitude,region,outcome\n"
        for day in 0..<40 {
            let date = "2024-02-\(day % 29 + 1 < 10 ? "0" : "")\(day % 29 + 1)"
            guard day < 29 else { break }
            for spot in 0..<6 {
                let latitude = 33.30 + 0.03 * Double(spot)
                text += "b\(day)-\(spot),\(date),\(latitude),-111.90,04013,nonfatal\n"
            }
            if day >= 27 { for extra in 0..<6 { text += "s\(day)-\(extra),\(date),33.4201,-111.9301,04013,nonfatal\n" } }
        }
        let csv = try file("grid.csv", text)
        #expect(try VigilProcess.run(["import", csv, "--database", "g.sqlite"], in: folder).status == 0)
        let run = try VigilProcess.run(
            ["scan", "--from-store", "--grid-km", "1", "--as-of", "2024-02-29", "--study-days", "29", "--max-temporal-days", "5",
             "--replications", "99", "--database", "g.sqlite", "--format", "json"], in: folder)
        #expect(run.status == 0, "\(run.standardError)")
        let alerts = try #require(try JSONSerialization.jsonObject(with: Data(run.standardOutput.utf8)) as? [[String: Any]])
        #expect(alerts.count == 1)
        #expect((alerts.first?["series"] as? String)?.hasPrefix("grid:") == true)
        #expect(alerts.first?["region"] as? String == "Maricopa County")
        #expect((alerts.first?["observed"] as? Int ?? 0) >= 12)
    }
}
