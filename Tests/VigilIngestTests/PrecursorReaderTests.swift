import Foundation
import Testing
import VigilCore
import VigilIngest
import VigilStore
import VigilTestSupport

@Suite("Manifest, notification and watchlist files")
struct PrecursorReaderTests {
    private func write(_ text: String, name: String = "manifest.csv") throws -> String {
        let path = try Fixtures.temporaryDirectory().appendingPathComponent(name).path
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        return path
    }

    @Test("bad values are reported with line, column and value, and the line is still read without them")
    func badValues() throws {
        let path = try write(
            """
            shipment_id,line,date,description,hs_code,cas,quantity,unit,consignee,transshipment_ports
            S1,1,2026-03-05,"NPP, 25 kg drums",2933.39,39742-60-4,25,kg,Beta Imports,Colombo;Port Klang
            S1,2,05/03/2026,acetone,2914.11,67-64-1,abc,kg,,
            S1,3,2026-03-05,toluene,29023,108-88-3,10,furlongs,,
            S2,x,2026-02-30,piperidine,,110-89-4x,"1,250.5",L,,
            S3,1,2026-03-05,,,,,,,
            S3,2,2026-03-05,"4-AP, 39742-60-5 in text",,39742-60-5,5,,,
            """)
        let reader = try ManifestReader(path: path)
        let chunk = try reader.next(limit: 100)
        #expect(chunk.lines.count == 5, "the line without a description is left out")
        #expect(chunk.fileLines == [2, 3, 4, 5, 7])
        let first = chunk.lines[0]
        #expect(first.description == "NPP, 25 kg drums" && first.quantity == Quantity(value: 25, unit: .kg))
        #expect(first.transshipmentPorts == ["Colombo", "Port Klang"])
        #expect(first.date == CalendarDate(year: 2026, month: 3, day: 5))
        #expect(chunk.lines[3].quantity == Quantity(value: 1250.5, unit: .l))
        #expect(chunk.lines[4].cas == "39742-60-5", "a wrong check digit is not an input error")
        let found = chunk.issues.map { "\($0.line) \($0.issue.column ?? "-") \($0.issue.value ?? "-")" }
        #expect(found == [
            "3 date 05/03/2026", "3 quantity abc", "4 hs_code 29023", "4 unit furlongs", "5 cas 110-89-4x", "5 line x",
            "5 date 2026-02-30", "6 description -", "7 unit -",
        ])
        #expect(chunk.issues.allSatisfy { !$0.issue.reason.isEmpty })
        #expect(chunk.issues[3].description.contains("unknown unit 'furlongs'"))
        #expect(try reader.next(limit: 100).lines.isEmpty)
        #expect(reader.absentFields.contains("shipper") && !reader.absentFields.contains("cas"))
    }

    @Test("a manifest without a description column is refused as a whole, saying which column to add")
    func missingDescription() throws {
        let path = try write("shipment_id,goods\nS1,NPP\n")
        do {
            _ = try ManifestReader(path: path)
            Issue.record("accepted a manifest without descriptions")
        } catch let error as IngestError {
            #expect(error.code == .missingColumn && error.message.contains("'description'"))
        }
    }

    @Test("a mapping reads another layout: renamed columns and day-first dates")
    func mapping() throws {
        let path = try write("Goods Description;x,Tariff,Date\nacetone,2914.11,31/12/2026\n")
        let mapping = ManifestMapping(
            name: "broker", columns: ["description": "Goods Description;x", "hs_code": "Tariff", "date": "Date"], dateOrder: .dmy,
            portSeparators: "|")
        let chunk = try ManifestReader(path: path, mapping: mapping).next(limit: 10)
        #expect(chunk.issues.isEmpty)
        #expect(chunk.lines.first?.date == CalendarDate(year: 2026, month: 12, day: 31))
        #expect(chunk.lines.first?.hsCode == "2914.11")
    }

    @Test("notifications are read with their status; a bad status or a missing substance is reported per line")
    func notifications() throws {
        let path = try write(
            """
            pen_id,exporter,importer,substance,quantity,unit,expected_dispatch,status
            PEN-1,Alpha,Beta,N-phenethyl-4-piperidone,100,kg,2026-03-10,objected
            PEN-2,Alpha,Beta,,5,kg,2026-03-10,
            PEN-3,Alpha,Beta,acetone,5,kg,2026-03-10,maybe
            """, name: "pen.csv")
        let (notifications, issues) = try NotificationReader.read(.file(path))
        #expect(notifications.map(\.id) == ["PEN-1", "PEN-3"])
        #expect(notifications[0].status == .objected && notifications[1].status == .pending)
        #expect(issues.map { "\($0.line) \($0.issue.column ?? "-")" } == ["3 substance", "4 status"])
    }

    @Test("a watchlist with a repeated id, a bad CAS number or an unknown coverage word is refused with its line")
    func badWatchlists() throws {
        let header = "id,name,synonyms,cas,coverage\n"
        let cases: [(String, String)] = [
            ("npp,NPP,,39742-60-4,salts\nnpp,again,,,\n", "line 2"),
            ("npp,NPP,,39742-60-5,\n", "check digit"),
            ("npp,NPP,,,sugars\n", "unknown coverage 'sugars'"),
            ("NPP!,NPP,,,\n", "not an id"),
        ]
        for (body, expected) in cases {
            let path = try write(header + body, name: "list.csv")
            do {
                _ = try WatchlistReader.read(path: path)
                Issue.record("accepted \(body)")
            } catch let error as IngestError {
                #expect(error.code == .invalidReference && "\(error)".contains(expected), "\(error)")
            }
        }
        let ok = try WatchlistReader.read(path: try write(header + "npp,N-phenethyl-4-piperidone,NPP;1-phenethyl-4-piperidone,39742-60-4,salts\n", name: "list.csv"))
        #expect(ok.first?.synonyms == ["NPP", "1-phenethyl-4-piperidone"] && ok.first?.coverage == [.salts])
    }
}
