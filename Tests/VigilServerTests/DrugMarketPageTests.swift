import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
import VigilCore
import VigilKit
import VigilServer
import VigilStore
import VigilStoreSQLite

@Suite("Dashboard drug-market pages")
struct DrugMarketPageTests {
    static func sample(_ id: String, _ day: String, _ region: String, _ substances: String...) -> DrugSample {
        DrugSample(
            id: SampleID(rawValue: "lab:\(id)"), collectedOn: CalendarDate(iso: day)!, region: RegionCode(rawValue: region), sourceKind: .drugChecking,
            substances: substances.map { SampleSubstance(substance: SubstanceCatalog.standard.resolve($0), text: $0) })
    }

    @Test("the drug-market page charts substances with first sightings, lists new ones and substance alerts; alerts show their evidence; the notice suppresses small counts")
    func pages() async throws {
        let fixture = try await ServiceFixture()
        var samples = (1...12).map { Self.sample("f\($0)", "2024-0\(1 + $0 % 3)-1\($0 % 9)", "09009", "fentanyl", "xylazine") }
        samples += (1...11).map { Self.sample("m\($0)", "2024-04-1\($0 % 9)", "09009", "fentanyl", "medetomidine") }
        samples += [Self.sample("m12", "2024-04-20", "09003", "medetomidine"), Self.sample("pa", "2024-04-20", "42003", "medetomidine")]
        _ = try await fixture.store.insertSamples(samples)
        let recorded = try await SubstanceAlerts(samples: fixture.store, alerts: fixture.store).run(
            from: CalendarDate(iso: "2024-04-01")!, to: CalendarDate(iso: "2024-04-30")!, now: 5)
        let alert = try #require(recorded.alerts.first { $0.alert.latest.series == "09009:medetomidine" }?.alert)
        try await fixture.test { client in
            let (cookie, _) = try await DashboardTests.signIn(client, secret: fixture.connecticut[.analyst]!, page: "/")
            var headers = HTTPFields()
            headers[.cookie] = cookie
            func get(_ uri: String) async throws -> (status: HTTPResponse.Status, html: String) {
                try await client.execute(uri: uri, method: .get, headers: headers) { ($0.status, String(buffer: $0.body)) }
            }
            let market = try await get("/drug-market?region=09009&months=6")
            #expect(market.status == .ok && market.html.contains("Drug market: New Haven County"), "\(market.html)")
            #expect(market.html.contains("data-substance=\"medetomidine\"") && market.html.contains("Medetomidine first seen 2024-04-10"))
            #expect(market.html.contains("id=\"new-substances\"") && market.html.contains("/alerts/\(alert.id.rawValue)"))
            #expect(market.html.contains("href=\"/drug-market\""), "the navigation links the page")
            #expect(try await get("/drug-market?region=42003").status == .notFound)

            let overview = try await get("/")
            #expect(overview.html.contains("substance: Medetomidine"))
            let page = try await get("/alerts/\(alert.id.rawValue)")
            #expect(page.html.contains("id=\"evidence\"") && page.html.contains("<strong>Medetomidine</strong> (dangerous) was found for the first time"))
            #expect(page.html.contains("<code>lab:m9</code>"), "the first sample with medetomidine, on 2024-04-10")

            let notice = try await get("/drug-market/notice?region=09&substance=medetomidine&since=2024-04-01")
            #expect(notice.status == .ok && notice.html.contains("Drug alert: Medetomidine found in the local drug supply"))
            // Hartford's single sample is suppressed, and so is New Haven's 11, which with the total would reveal it.
            #expect(notice.html.contains("<td>Hartford County, CT</td><td>not shown</td>") && notice.html.contains("<td>New Haven County, CT</td><td>not shown</td>"), "\(notice.html)")
            #expect(!notice.html.contains("Allegheny"))
        }
        // Reporters see no drug-market page.
        try await fixture.test { client in
            let (cookie, _) = try await DashboardTests.signIn(client, secret: fixture.connecticut[.reporter]!, page: "/report")
            var headers = HTTPFields()
            headers[.cookie] = cookie
            #expect(try await client.execute(uri: "/drug-market", method: .get, headers: headers) { $0.status } == .forbidden)
        }
    }
}
