import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
import VigilCore
import VigilServer
import VigilStore
import VigilStoreSQLite

@Suite("Dashboard access pages")
struct AccessPageTests {
    @Test("the access page maps and tabulates distances to care in the token's jurisdictions; the placement tool chooses sites")
    func pages() async throws {
        let fixture = try await ServiceFixture()
        _ = try await fixture.store.insertServiceLocations([
            ServiceLocation(
                id: ServiceLocationID(rawValue: "otp:1"), kind: .otp, name: "New Haven OTP", location: try GeoPoint(latitude: 41.31, longitude: -72.93),
                region: RegionCode(rawValue: "09009"))
        ])
        try await fixture.test { client in
            let (cookie, _) = try await DashboardTests.signIn(client, secret: fixture.connecticut[.analyst]!, page: "/")
            var headers = HTTPFields()
            headers[.cookie] = cookie
            func get(_ uri: String) async throws -> (status: HTTPResponse.Status, html: String) {
                try await client.execute(uri: uri, method: .get, headers: headers) { ($0.status, String(buffer: $0.body)) }
            }
            let page = try await get("/access?region=09")
            #expect(page.status == .ok && page.html.contains("Access to care: Connecticut") && page.html.contains("href=\"/access\""), "\(page.html)")
            #expect(page.html.contains("id=\"access-map\"") && page.html.contains("data-region=\"09009\"") && page.html.contains("data-region=\"09003\""))
            #expect(page.html.contains("<td>New Haven County</td><td>1</td>") && page.html.contains("id=\"placement-form\""))
            #expect(try await get("/access?region=42003").status == .notFound)
            #expect(try await get("/access?kind=clinic").status == .badRequest)
            let naloxone = try await get("/access?region=09&kind=naloxone")
            #expect(naloxone.html.contains("id=\"access-error\"") && naloxone.html.contains("no facility has the kind 'naloxone'"))

            let placed = try await get("/access/place?region=09&budget=1&radius=35&grid=5")
            #expect(placed.status == .ok && placed.html.contains("id=\"placement-summary\"") && placed.html.contains("<ellipse class=\"coverage\""), "\(placed.html)")
            #expect(placed.html.contains("1 site within 35 km of 2 of 2 overdoses"), "the two county centroids are 52 km apart")
            #expect(try await get("/access/place?region=09&budget=0").status == .badRequest)
            #expect(try await get("/access/place?region=09&radius=-1").status == .badRequest)
            #expect(try await get("/access/place?region=09&since=2030-01-01").status == .badRequest)
        }
        try await fixture.test { client in
            let (cookie, _) = try await DashboardTests.signIn(client, secret: fixture.connecticut[.reporter]!, page: "/report")
            var headers = HTTPFields()
            headers[.cookie] = cookie
            #expect(try await client.execute(uri: "/access", method: .get, headers: headers) { $0.status } == .forbidden)
        }
    }
}
