import Foundation
import Testing
import VigilTestSupport

@Suite("vigil screen, end to end", .serialized)
struct ScreenCommandTests {
    let folder: URL

    init() throws { folder = try Fixtures.temporaryDirectory() }

    static let header = "shipment_id,line,risk,matched_id,matched_name,control,match_rule,confidence,reasons"

    /// The count of flagged lines in the summary on standard error.
    func flaggedCount(_ run: VigilProcess.Result) -> Int? {
        guard let range = run.standardError.range(of: #"flagged (\d+)"#, options: .regularExpression) else { return nil }
        return Int(run.standardError[range].dropFirst("flagged ".count))
    }

    @Test("the labelled manifest: every flagged line is written, highest risk first, the same in csv and json")
    func labelled() throws {
        let manifest = Fixtures.path("precursors/labelled-manifest.csv")
        let csv = try VigilProcess.run(["screen", "--manifest", manifest, "--format", "csv"], in: folder)
        #expect(csv.status == 0 || csv.status == 3, "\(csv.standardError)")
        let lines = csv.standardOutput.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
        #expect(lines.first.map(String.init) == Self.header)
        let flagged = try #require(flaggedCount(csv))
        #expect(flagged > 100 && lines.count == flagged + 1)
        let risks = lines.dropFirst().compactMap { line in line.split(separator: ",", maxSplits: 3).dropFirst(2).first.flatMap { Int($0) } }
        #expect(risks.count == flagged && risks == risks.sorted(by: >))
        #expect(lines.contains { $0.contains(",npp,N-phenethyl-4-piperidone,") })

        let json = try VigilProcess.run(["screen", "--manifest", manifest, "--format", "json"], in: folder)
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(json.standardOutput.utf8)) as? [[String: Any]])
        #expect(rows.count == flagged)
        #expect(rows.map { $0["risk"] as? Int ?? -1 } == risks)
    }

    @Test("a bad quantity is reported with its line and column, exit status 3, and the rest is still screened")
    func badQuantity() throws {
        let manifest = folder.appendingPathComponent("manifest.csv").path
        try """
            shipment_id,line,description,quantity,unit,consignee
            S1,1,N-phenethyl-4-piperidone,25,kg,Acme
            S1,2,cotton shirts,lots,kg,Acme
            S1,3,4-ANPP hydrochloride,1,kg,Acme

            """.write(toFile: manifest, atomically: true, encoding: .utf8)
        let run = try VigilProcess.run(["screen", "--manifest", manifest, "--format", "csv"], in: folder)
        #expect(run.status == 3)
        #expect(run.standardError.contains("manifest.csv:3: column 'quantity' value 'lots'"))
        #expect(run.standardError.contains("screened 3 lines, flagged 2"))
        let lines = run.standardOutput.split(separator: "\n")
        #expect(lines.count == 3 && lines[1].hasPrefix("S1,") && lines[2].hasPrefix("S1,"))
    }
}
