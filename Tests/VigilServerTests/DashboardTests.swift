import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
import VigilCore
import VigilServer
import VigilStore
import VigilStoreSQLite

@Suite("Dashboard forms")
struct DashboardTests {
    /// Signs in through the login form; returns the session cookie and the CSRF token of `page`.
    static func signIn(_ client: any TestClientProtocol, secret: String, page: String) async throws -> (cookie: String, csrf: String) {
        var headers = HTTPFields()
        headers[.contentType] = "application/x-www-form-urlencoded"
        let login = try await client.execute(uri: "/login", method: .post, headers: headers, body: ByteBuffer(string: "token=\(secret)")) { $0 }
        let cookie = try #require(login.headers[.setCookie]?.split(separator: ";").first.map(String.init))
        var pageHeaders = HTTPFields()
        pageHeaders[.cookie] = cookie
        let html = try await client.execute(uri: page, method: .get, headers: pageHeaders) { String(buffer: $0.body) }
        let csrf = try #require(html.firstMatch(of: /name="csrf" value="([0-9a-f]+)"/)?.1)
        return (cookie, String(csrf))
    }

    @Test("a CSV upload stores what it can and lists the quarantined rows; a form without the CSRF token is refused")
    func upload() async throws {
        let fixture = try await ServiceFixture()
        try await fixture.test { client in
            let (cookie, csrf) = try await Self.signIn(client, secret: fixture.connecticut[.analyst]!, page: "/upload")
            let csv = "id,occurred_at,region,outcome\nu1,2024-03-01,09009,fatal\nu2,2024-03-01,42003,fatal\nu3,not-a-date,09009,fatal\n"
            let boundary = "vigil-test-boundary"
            func body(csrf: String) -> String {
                "--\(boundary)\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n\(csrf)\r\n"
                    + "--\(boundary)\r\nContent-Disposition: form-data; name=\"mapping\"\r\n\r\nvigil\r\n"
                    + "--\(boundary)\r\nContent-Disposition: form-data; name=\"file\"; filename=\"e.csv\"\r\nContent-Type: text/csv\r\n\r\n\(csv)\r\n"
                    + "--\(boundary)--\r\n"
            }
            var headers = HTTPFields()
            headers[.cookie] = cookie
            headers[.contentType] = "multipart/form-data; boundary=\(boundary)"
            let page = try await client.execute(uri: "/upload", method: .post, headers: headers, body: ByteBuffer(string: body(csrf: csrf))) {
                String(buffer: $0.body)
            }
            #expect(page.contains("1 new events, 0 already stored, 2 rows quarantined"), "\(page)")
            #expect(page.contains("is outside this token"))
            #expect(page.contains("not-a-date"))
            let refused = try await client.execute(uri: "/upload", method: .post, headers: headers, body: ByteBuffer(string: body(csrf: "0000"))) { $0.status }
            #expect(refused == .forbidden)
        }
        #expect(try await fixture.store.fetchEvents(EventFilter()).contains { $0.provenance.sourceRecordID == "u1" })
    }

    @Test("the region page shows a county of the token's jurisdictions and answers 404 for another state's")
    func regionPage() async throws {
        let fixture = try await ServiceFixture()
        try await fixture.test { client in
            let (cookie, _) = try await Self.signIn(client, secret: fixture.connecticut[.analyst]!, page: "/")
            var headers = HTTPFields()
            headers[.cookie] = cookie
            let page = try await client.execute(uri: "/regions/09009", method: .get, headers: headers) { ($0.status, String(buffer: $0.body)) }
            #expect(page.0 == .ok && page.1.contains("New Haven County") && page.1.contains("id=\"by-substance\"") && page.1.contains("fentanyl"))
            #expect(page.1.contains("/alerts/\(fixture.connecticutAlert)"))
            #expect(try await client.execute(uri: "/regions/42003", method: .get, headers: headers) { $0.status } == .notFound)
        }
    }

    @Test("an admin creates and revokes a token on the admin page, and sees the audit log there")
    func admin() async throws {
        let fixture = try await ServiceFixture()
        try await fixture.test { client in
            let (cookie, csrf) = try await Self.signIn(client, secret: fixture.connecticut[.admin]!, page: "/admin")
            var headers = HTTPFields()
            headers[.cookie] = cookie
            headers[.contentType] = "application/x-www-form-urlencoded"
            let created = try await client.execute(
                uri: "/admin/tokens", method: .post, headers: headers,
                body: ByteBuffer(string: "csrf=\(csrf)&name=New+reporter&role=reporter&jurisdiction=09003")
            ) { String(buffer: $0.body) }
            let secret = try #require(created.firstMatch(of: /id="secret">(vgl_[0-9a-f]+)</)?.1)
            #expect(created.contains("id=\"audit\"") && created.contains("id=\"tokens\""))
            let id = try #require(try await fixture.store.fetchTokens().first { $0.name == "New reporter" }?.id)
            #expect(try await client.call(.post, "/api/v1/events", token: String(secret), body: #"{"id":"n","occurred_at":"2024-03-01","region":"09003","outcome":"fatal"}"#).status == .ok)
            _ = try await client.execute(uri: "/admin/tokens/\(id)/revoke", method: .post, headers: headers, body: ByteBuffer(string: "csrf=\(csrf)")) { $0 }
            #expect(try await client.call(.get, "/api/v1/health", token: String(secret)).status == .unauthorized)
            // An analyst's session cannot open the admin page.
            let analyst = try await Self.signIn(client, secret: fixture.connecticut[.analyst]!, page: "/")
            var analystHeaders = HTTPFields()
            analystHeaders[.cookie] = analyst.cookie
            #expect(try await client.execute(uri: "/admin", method: .get, headers: analystHeaders) { $0.status } == .forbidden)
            // Without a session, pages send the browser to the login page.
            let anonymous = try await client.execute(uri: "/admin", method: .get) { $0 }
            #expect(anonymous.status == .seeOther && anonymous.headers[.location] == "/login")
        }
    }
}
