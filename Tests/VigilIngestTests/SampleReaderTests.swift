import Foundation
import Testing
import VigilCore
import VigilIngest
import VigilStore
import VigilTestSupport

@Suite("Drug sample files")
struct SampleReaderTests {
    private let today = CalendarDate(year: 2026, month: 11, day: 30)!

    private func write(_ text: String) throws -> String {
        let url = try Fixtures.temporaryDirectory().appendingPathComponent("samples.csv")
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url.path
    }

    @Test("Vigil's format: substances with purities resolved against the catalogue, unknown names kept and counted")
    func vigilFormat() throws {
        let path = try write(
            """
            sample_id,collected_on,region,latitude,longitude,place,source_kind,form,sold_as,laboratory,substances
            S1,2024-03-02,09009,41.31,-72.92,"New Haven, CT",forensic_lab,powder,fentanyl,State lab,"Fentanyl=12.5%; xylazine; Zorbamide"
            ,2024-03-03,,,,,drug_checking,pill,oxycodone 30 mg,,fentanyl
            ,2024-03-03,,,,,drug_checking,pill,oxycodone 30 mg,,fentanyl
            """)
        let reader = SampleReader(layout: .vigil, source: SourceSystemID(rawValue: "ct-lab")!, asOf: today)
        let result = try reader.read(.file(path))
        #expect(result.rejected.isEmpty)
        #expect(result.samples.count == 3)
        let first = result.samples[0]
        #expect(first.id == SampleID(rawValue: "ct-lab:S1"))
        #expect(first.region == RegionCode(rawValue: "09009") && first.location?.latitude == 41.31 && first.place == "New Haven, CT")
        #expect(first.sourceKind == .forensicLab && first.form == .powder && first.soldAs == "fentanyl" && first.laboratory == "State lab")
        #expect(first.substances.map(\.key) == ["fentanyl", "xylazine", "zorbamide"])
        #expect(first.substances[0].purityPercent == 12.5 && first.substances[1].purityPercent == nil)
        #expect(result.unknownSubstances == ["Zorbamide": 1])
        // Two identical rows without ids are two samples, with stable content ids.
        #expect(result.samples[1].id != result.samples[2].id)
        #expect(result.samples[2].id.rawValue.hasSuffix("#2"))
        #expect(try reader.read(.file(path)).samples.map(\.id) == result.samples.map(\.id))
    }

    @Test("impossible purities, future dates, missing substances and unknown kinds are rejected with line, column and reason")
    func rejected() throws {
        let path = try write(
            """
            collected_on,source_kind,substances
            2024-03-02,seizure,fentanyl=140
            2027-01-01,seizure,fentanyl
            2024-03-02,seizure,
            2024-02-30,seizure,fentanyl
            2024-03-02,street,fentanyl
            2024-03-02,seizure,fentanyl=-1
            2024-03-02,seizure,cocaine=pure
            2024-03-02,seizure,cocaine
            """)
        let result = try SampleReader(layout: .vigil, source: SourceSystemID(rawValue: "x")!, asOf: today).read(.file(path))
        #expect(result.samples.count == 1)
        let byLine = Dictionary(grouping: result.rejected.lineIssues, by: \.line)
        #expect(byLine.keys.sorted() == [2, 3, 4, 5, 6, 7, 8])
        #expect(byLine[2]?.first?.detail.contains("outside 0 to 100 %") == true)
        #expect(byLine[3]?.first?.issue.column == "collected_on" && byLine[3]?.first?.detail.contains("after today") == true)
        #expect(byLine[4]?.first?.issue.column == "substances" && byLine[4]?.first?.detail.contains("no substance") == true)
        #expect(byLine[5]?.first?.detail.contains("is not a date") == true)
        #expect(byLine[6]?.first?.detail.contains("unknown source kind 'street'") == true)
        #expect(byLine[7]?.first?.detail.contains("outside 0 to 100 %") == true)
        #expect(byLine[8]?.first?.detail.contains("is not a number") == true)
        // Rejected rows are kept as they stood, for the quarantine, each under its own key.
        let street = try #require(result.rejected.first { $0.line == 6 })
        #expect(street.rawText.hasPrefix("2024-03-02,street,fentanyl") && street.origin == path)
        #expect(Set(result.rejected.map(\.rowKey)).count == 7)
    }

    @Test("a file without a substances column is refused as a whole")
    func missingColumn() throws {
        let path = try write("collected_on,source_kind\n2024-03-02,seizure\n")
        #expect(throws: IngestError.self) { try SampleReader(layout: .vigil, source: SourceSystemID(rawValue: "x")!, asOf: today).read(.file(path)) }
    }

    @Test("Drug Checking BC's 15,300 results: the published fentanyl counts, repeats kept, placeholders left out")
    func drugCheckingBC() throws {
        let result = try SampleReader(layout: .drugCheckingBC, source: SourceSystemID(rawValue: "dcbc")!, asOf: today)
            .read(.file(Fixtures.path("samples/drugcheckingbc_full_data_2020-11-04.csv")))
        #expect(result.samples.count + Set(result.rejected.map(\.line)).count == 15_300)
        #expect(Set(result.samples.map(\.id)).count == result.samples.count)
        func count(_ text: String) -> Int { result.samples.filter { $0.substances.contains { $0.text == text } }.count }
        #expect(count("Fentanyl HCl") == 2_978)
        #expect(count("Fentanyl or Analog") == 1_846)
        #expect(count("Carfentanil HCl") == 4)
        let ftirFentanyl = result.samples.filter { $0.substances.contains { ["Fentanyl HCl", "Fentanyl or Analog", "Carfentanil HCl"].contains($0.text) } }
        // 4,823 by Python's ast.literal_eval of the FTIR lists (the data set's description says 4,819).
        #expect(ftirFentanyl.count == 4_823)
        #expect(result.samples.allSatisfy { $0.substances.allSatisfy { !["Uncertain Match", "No Library Match"].contains($0.text) } })
        #expect(result.samples.first?.collectedOn == CalendarDate(year: 2020, month: 11, day: 1))
        #expect(result.samples.allSatisfy { $0.sourceKind == .drugChecking && $0.region == nil })
        // Fentanyl HCl resolves to the catalogue's fentanyl.
        #expect(result.samples.first { $0.substances.contains { $0.text == "Fentanyl HCl" } }?.substances.first { $0.text == "Fentanyl HCl" }?.substance
            == SubstanceID(rawValue: "fentanyl"))
    }
}
