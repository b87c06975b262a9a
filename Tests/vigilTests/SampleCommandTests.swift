import Foundation
import Testing
import VigilTestSupport

@Suite("vigil import --kind samples and vigil samples, end to end through the built executable", .serialized)
struct SampleCommandTests {
    let folder: URL

    init() throws { folder = try Fixtures.temporaryDirectory() }

    @Test("Drug Checking BC's results import once, with rejections listed and unknown substances reported; samples filter by substance")
    func drugCheckingBC() throws {
        let file = Fixtures.path("samples/drugcheckingbc_full_data_2020-11-04.csv")
        let first = try VigilProcess.run(["import", file, "--kind", "samples", "--mapping", "drugcheckingbc", "--database", "s.sqlite"], in: folder)
        #expect(first.status == 3, "\(first.standardError)")
        let read = try #require(first.standardOutput.firstMatch(of: /samples read: (\d+)/).flatMap { Int($0.1) })
        #expect(first.standardOutput.contains("new samples:  \(read)"))
        #expect(first.standardOutput.contains("Substances not in the catalogue") && first.standardOutput.contains("Caffeine (7195)"))
        #expect(first.standardError.contains("no substance was identified"))
        let again = try VigilProcess.run(["import", file, "--kind", "samples", "--mapping", "drugcheckingbc", "--database", "s.sqlite"], in: folder)
        #expect(again.standardOutput.contains("new samples:  0"))
        let carfentanil = try VigilProcess.run(["samples", "--substance", "carfentanil", "--format", "csv", "--database", "s.sqlite"], in: folder)
        #expect(carfentanil.status == 0)
        #expect(carfentanil.standardOutput.split(separator: "\n").count == 1 + 4)
        let bad = try VigilProcess.run(["import", file, "--kind", "samples", "--mapping", "ct-ocme", "--database", "s.sqlite"], in: folder)
        #expect(bad.status != 0 && bad.standardError.contains("is not a sample layout"))
    }

    @Test("samples emerging reports medetomidine new to one county on the day it first appears, with fentanyl")
    func emerging() throws {
        var csv = "sample_id,collected_on,region,source_kind,substances\n"
        for day in 1...28 { csv += "a\(day),2024-02-\(day < 10 ? "0" : "")\(day),09009,drug_checking,fentanyl;xylazine\n" }
        csv += "b1,2024-03-05,09009,drug_checking,fentanyl;medetomidine\nb2,2024-03-06,09003,drug_checking,cocaine\n"
        let file = folder.appendingPathComponent("emerging.csv")
        try csv.write(to: file, atomically: true, encoding: .utf8)
        _ = try VigilProcess.run(["import", file.path, "--kind", "samples", "--database", "e.sqlite"], in: folder)
        let result = try VigilProcess.run(
            ["samples", "emerging", "--from", "2024-03-01", "--to", "2024-03-31", "--format", "csv", "--database", "e.sqlite"], in: folder)
        #expect(result.status == 0, "\(result.standardError)")
        let lines = result.standardOutput.split(separator: "\n").map(String.init)
        #expect(lines.contains { $0.hasPrefix("firstAppearance,09009,medetomidine,,2024-03-05,") })
        #expect(lines.contains { $0.hasPrefix("newCooccurrence,09009,medetomidine,fentanyl,2024-03-05,") })
        #expect(!lines.contains { $0.contains(",xylazine,") && $0.hasPrefix("firstAppearance") })
        #expect(lines.contains { $0.hasPrefix("firstAppearance,09003,cocaine,,2024-03-06,") })
        let bad = try VigilProcess.run(["samples", "emerging", "--from", "2024-03-31", "--to", "2024-03-01", "--database", "e.sqlite"], in: folder)
        #expect(bad.status != 0 && bad.standardError.contains("is after --to"))
    }
}
