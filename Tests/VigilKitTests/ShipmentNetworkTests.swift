import Foundation
import Testing
import VigilCore
import VigilIngest
import VigilKit
import VigilStore
import VigilStoreSQLite
import VigilTestSupport

@Suite("Shipments and their parties derived into the network")
struct ShipmentNetworkTests {
    private func write(_ text: String, name: String, in folder: URL) throws -> String {
        let url = folder.appendingPathComponent(name)
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url.path
    }

    @Test("one company per reduced name across manifest and notifications, linked as sender, receiver and notify party; again changes nothing")
    func derive() async throws {
        let folder = try Fixtures.temporaryDirectory()
        let manifest = try write(
            """
            shipment_id,line,date,description,shipper,consignee,notify_party,origin,destination
            S1,1,2026-03-05,"NPP, 25 kg drums",Alpha Chemical Co. Ltd,Beta Imports,Gamma Logistics,CN,MX
            S1,2,2026-03-05,acetone,Alpha Chemical Co. Ltd,Beta Imports,,CN,MX
            ,,2026-03-06,toluene,ALPHA CHEMICAL LIMITED,Delta SA,,,
            S3,1,2026-03-07,piperidine,,,,,
            """, name: "manifest.csv", in: folder)
        let notifications = try write(
            """
            pen_id,exporter,importer,substance,quantity,unit,expected_dispatch,status
            PEN-1,"Alpha Chemical Company",Beta Imports Inc.,N-phenethyl-4-piperidone,100,kg,2026-03-10,objected
            """, name: "pen.csv", in: folder)
        let store = try SQLiteEventStore(path: folder.appendingPathComponent("n.sqlite").path)
        let report = try await ShipmentNetwork(store: store).run(manifest: .file(manifest), notifications: .file(notifications))
        #expect(report.issues.isEmpty)
        let companies = try await store.fetchEntities(schema: .company, nameContaining: nil, limit: 100)
        #expect(companies.map(\.id.rawValue).sorted() == ["company:alpha-chemical", "company:beta-imports", "company:delta", "company:gamma-logistics"])
        let alpha = try #require(companies.first { $0.id.rawValue == "company:alpha-chemical" })
        #expect(alpha.name == "ALPHA CHEMICAL LIMITED" || alpha.name == "Alpha Chemical Co. Ltd" || alpha.name == "Alpha Chemical Company")
        #expect(Set([alpha.name] + (alpha.properties[.alias] ?? [])) == ["Alpha Chemical Co. Ltd", "ALPHA CHEMICAL LIMITED", "Alpha Chemical Company"])
        let shipments = try await store.fetchEntities(schema: .shipment, nameContaining: nil, limit: 100)
        #expect(shipments.count == 4, "\(shipments.map { "\($0.id.rawValue) \($0.schema)" })")
        let first = try #require(shipments.first { $0.id.rawValue == "shipment:S1" })
        #expect(first.properties[.substance] == ["NPP, 25 kg drums", "acetone"])
        #expect(first.properties[.location] == ["CN", "MX"])
        #expect(shipments.contains { $0.id.rawValue == "shipment:\(manifest):line 4" })

        let alphaLinks = try await store.fetchLinks(touching: alpha.id)
        #expect(Set(alphaLinks.map { "\($0.kind.rawValue) \($0.target.rawValue)" })
            == ["shipment_sender shipment:S1", "shipment_sender shipment:\(manifest):line 4", "shipment_sender pen:PEN-1"])
        let gamma = try await store.fetchLinks(touching: EntityID(rawValue: "company:gamma-logistics")!)
        #expect(gamma.map(\.kind) == [.shipmentNotify])
        #expect(gamma.first?.provenance == RecordSource(source: manifest, record: "line 2"))
        // The stored network answers the investigators' question: how is the supplier tied to the importer?
        let path = try #require(try await NetworkQueries(store: store).path(from: alpha.id, to: EntityID(rawValue: "company:beta-imports")!))
        #expect(path.links.count == 2)

        let again = try await ShipmentNetwork(store: store).run(manifest: .file(manifest), notifications: .file(notifications))
        #expect(again.entitiesDerived == report.entitiesDerived && again.entitiesAdded == 0 && again.linksAdded == 0)
    }
}
