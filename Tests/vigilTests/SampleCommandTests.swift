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
}
