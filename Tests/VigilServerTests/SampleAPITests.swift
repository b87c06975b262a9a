import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import VigilCore
import VigilKit
import VigilServer
import VigilStore
import VigilStoreSQLite
import VigilTestSupport

@Suite("Drug samples over the API")
struct SampleAPITests {
    @Test("posted samples are stored within the token's jurisdictions, bad rows quarantined, and a new substance raises a live substance alert")
    func submitAndDetect() async throws {
        let fixture = try await ServiceFixture()
        let today = CalendarDate(dayNumber: Int(Date().timeIntervalSince1970) / 86_400)
        let service = VigilService(store: fixture.store, options: VigilService.Options(debounce: .milliseconds(20)))
        var csv = "sample_id,collected_on,region,source_kind,substances\n"
        for day in 30...40 { csv += "h\(day),\(today.adding(days: -day)),09009,drug_checking,fentanyl\n" }
        csv += "new1,\(today.adding(days: -2)),09009,drug_checking,fentanyl;medetomidine=3%\n"
        csv += "pa1,\(today.adding(days: -2)),42003,drug_checking,fentanyl\n"
        csv += "bad,\(today.adding(days: -2)),09009,drug_checking,fentanyl=120\n"
        let analyst = fixture.connecticut[.analyst]!
        let body = csv
        try await Application(router: service.router()).test(.router) { client in
            let answer = try await client.call(.post, "/api/v1/samples?source=lab", token: analyst, body: body, contentType: "text/csv")
            #expect(answer.status == .ok, "\(answer.body)")
            let report = try object(answer.body)
            #expect(report["inserted"] as? Int == 12 && report["read"] as? Int == 12)
            let rejected = report["rejected"] as? [[String: Any]] ?? []
            #expect(rejected.map { $0["line"] as? Int } == [14, 15], "\(rejected)")
            #expect((rejected.first?["reason"] as? String)?.contains("outside this submitter's jurisdictions") == true)
            #expect((rejected.last?["reason"] as? String)?.contains("outside 0 to 100 %") == true)
            let quarantined = try await fixture.store.fetchQuarantine(batch: nil).filter { $0.sourceSystem.rawValue == "lab" }
            #expect(quarantined.map(\.line) == [14, 15] && quarantined.first?.rawText.hasPrefix("pa1,") == true)

            await service.live.settle()
            let alerts = try object(try await client.call(.get, "/api/v1/alerts", token: analyst).body)["alerts"] as? [[String: Any]] ?? []
            let substance = try #require(alerts.first { $0["kind"] as? String == "substance" && $0["method"] as? String == "first-appearance"
                && $0["series"] as? String == "09009:medetomidine" })
            #expect(substance["severity"] as? String == "red")
            let finding = (substance["evidence"] as? [String: Any])?["finding"] as? [String: Any]
            #expect(finding?["sample_identifiers"] as? [String] == ["lab:new1"] && finding?["is_dangerous"] as? Bool == true)

            let listed = try await client.call(.get, "/api/v1/samples?substance=Medetomidine", token: analyst)
            #expect(listed.status == .ok && listed.body.contains("\"purity_percent\":3") && listed.body.contains("lab:new1"), "\(listed.body)")
            let elsewhere = try await client.call(.get, "/api/v1/samples?region=42003", token: analyst)
            #expect(elsewhere.status == .forbidden)
            let reporter = try await client.call(.get, "/api/v1/samples", token: fixture.connecticut[.reporter]!)
            #expect(reporter.status == .forbidden)
        }
    }
}
