import Foundation
import Testing
import VigilTestSupport

@Suite("vigil detect --kind substance, samples notice and trace, end to end through the built executable", .serialized)
struct DrugMarketCommandTests {
    let folder: URL

    init() throws { folder = try Fixtures.temporaryDirectory() }

    func write(_ name: String, _ text: String) throws -> String { try Fixtures.write(text, named: name, in: folder) }

    @Test("a shipment's party leads to a seizure, its samples, the substance alert and the fused overdose alert near them")
    func trace() throws {
        var samples = "sample_id,collected_on,region,source_kind,substances\n"
        for day in 1...20 { samples += "h\(day),2024-01-\(day < 10 ? "0" : "")\(day),09009,drug_checking,fentanyl\n" }
        samples += "z1a,2024-02-27,09009,forensic_lab,fentanyl;protonitazene\nbad,2024-02-27,09009,forensic_lab,fentanyl=130\n"
        let sampleFile = try write("samples.csv", samples)
        let imported = try VigilProcess.run(["import", sampleFile, "--kind", "samples", "--source", "lab", "--database", "t.sqlite"], in: folder)
        #expect(imported.status == 3 && imported.standardOutput.contains("new samples:  21"), "\(imported.standardOutput)")
        let quarantine = try VigilProcess.run(["quarantine", "--database", "t.sqlite"], in: folder)
        #expect(quarantine.standardOutput.contains("fentanyl=130") && quarantine.standardOutput.contains("outside 0 to 100 %"), "\(quarantine.standardOutput)")

        let substance = try VigilProcess.run(
            ["detect", "--from-store", "--kind", "substance", "--since", "2024-02-01", "--as-of", "2024-02-29", "--format", "csv", "--database", "t.sqlite"],
            in: folder)
        #expect(substance.status == 0, "\(substance.standardError)")
        #expect(substance.standardOutput.contains("09009:protonitazene") && substance.standardOutput.contains("first-appearance"), "\(substance.standardOutput)")

        var events = "id,occurred_at,region,outcome\n"
        for day in 1...28 { events += "e\(day),2024-02-\(day < 10 ? "0" : "")\(day),09009,nonfatal\n" }
        for index in 0..<12 { events += "s\(index),2024-02-29,09009,fatal\n" }
        _ = try VigilProcess.run(["import", try write("events.csv", events), "--database", "t.sqlite"], in: folder)
        let config = try write("rules.json", #"{"default": [{"method": "ears-c2"}]}"#)
        let detected = try VigilProcess.run(
            ["detect", "--from-store", "--as-of", "2024-02-29", "--config", config, "--format", "json", "--database", "t.sqlite"], in: folder)
        #expect(detected.status == 0 && detected.standardOutput.contains("ears-c2"), "\(detected.standardOutput)\(detected.standardError)")

        let entities = try write("entities.csv", """
            id,schema,name,sample
            ship1,shipment,Shipment of 4-piperidone,
            acme,company,Acme Chemical Trading,
            p1,person,Jan Kowalski,
            z1,seizure,Seizure at New Haven,lab:z1a;lab:z9
            other,person,Unrelated Person,
            """)
        let links = try write("links.csv", """
            source,target,type,start
            acme,ship1,shipment_sender,2023-11-02
            p1,acme,directorship,2020-01-01
            p1,z1,seizure_involvement,2024-02-27
            """)
        let loaded = try VigilProcess.run(["entities", "import", "--entities", entities, "--links", links, "--database", "t.sqlite"], in: folder)
        #expect(loaded.status == 0, "\(loaded.standardError)")

        let traced = try VigilProcess.run(["trace", "ship1", "--format", "csv", "--database", "t.sqlite"], in: folder)
        #expect(traced.status == 0, "\(traced.standardError)")
        let rows = traced.standardOutput.split(separator: "\n").map(String.init)
        #expect(rows.filter { $0.hasPrefix("z1,link,") }.count == 3)
        #expect(rows.contains { $0.hasPrefix("z1,link,shipment Shipment of 4-piperidone [ship1],company Acme Chemical Trading [acme],shipment_sender,2023-11-02") })
        #expect(rows.contains { $0.hasPrefix("z1,sample,seizure Seizure at New Haven [z1],lab:z1a,fentanyl;protonitazene,\"collected 2024-02-27 in 09009, forensic_lab\"") }, "\(rows)")
        #expect(rows.contains { $0.hasPrefix("z1,sample,seizure Seizure at New Haven [z1],lab:z9,not stored") })
        // The two substance alerts (first appearance, and with fentanyl) and the fused overdose alert list the sample in their evidence.
        #expect(rows.filter { $0.hasPrefix("z1,alert,lab:z1a,") && $0.hasSuffix("the alert lists this sample in its evidence") }.count == 3, "\(rows)")
        #expect(rows.contains { $0.contains("temporal ears-c2 09009") })

        let lonely = try VigilProcess.run(["trace", "other", "--database", "t.sqlite"], in: folder)
        #expect(lonely.status == 2 && lonely.standardError.contains("no seizure within 4 links"))
        let unknown = try VigilProcess.run(["trace", "nobody", "--database", "t.sqlite"], in: folder)
        #expect(unknown.status != 0 && unknown.standardError.contains("there is no entity 'nobody'"))

        let notice = try VigilProcess.run(
            ["samples", "notice", "--substance", "Protonitazene", "--since", "2024-02-01", "--through", "2024-02-29", "--advice", "Carry naloxone",
             "--issued-by", "Test Health Department", "--suppress-below", "1", "--database", "t.sqlite"], in: folder)
        #expect(notice.status == 0, "\(notice.standardError)")
        #expect(notice.standardOutput.hasPrefix("Drug alert: Protonitazene found in the local drug supply"))
        #expect(notice.standardOutput.contains("- New Haven County, CT: 1 samples") && notice.standardOutput.contains("- Carry naloxone"))
        let suppressed = try VigilProcess.run(
            ["samples", "notice", "--substance", "protonitazene", "--since", "2024-02-01", "--format", "html", "--pdf", "notice.pdf", "--database", "t.sqlite"],
            in: folder)
        #expect(suppressed.standardOutput.contains("<td>New Haven County, CT</td><td>not shown</td>"))
        // CI installs Chromium for the browser test; the PDF is printed with it.
        if BrowserTests.chromium != nil {
            #expect(suppressed.status == 0 && FileManager.default.contents(atPath: folder.appendingPathComponent("notice.pdf").path)?.prefix(5) == Data("%PDF-".utf8), "\(suppressed.standardError)")
        }
        let none = try VigilProcess.run(["samples", "notice", "--substance", "carfentanil", "--since", "2024-02-01", "--database", "t.sqlite"], in: folder)
        #expect(none.status != 0 && none.standardError.contains("no sample collected from 2024-02-01"))
    }
}
