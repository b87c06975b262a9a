import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
import VigilCore
import VigilServer
import VigilStore
import VigilStoreSQLite

@Suite("Service authorisation")
struct AuthorizationTests {
    /// A route, the permission it needs, and whether it names one record (then a record outside the
    /// token's jurisdictions answers 404).
    struct Route: Sendable {
        var method: HTTPRequest.Method
        var path: @Sendable (ServiceFixture) -> String
        var permission: Permission
        var namesRecord: Bool
        var body: String?
    }

    static let event = #"{"id":"n1","occurred_at":"2024-03-03T08:00:00-05:00","region":"09009","outcome":"fatal"}"#
    static let routes: [Route] = [
        Route(method: .get, path: { _ in "/api/v1/events" }, permission: .readEvents, namesRecord: false),
        Route(method: .post, path: { _ in "/api/v1/events" }, permission: .submitEvents, namesRecord: false, body: event),
        Route(method: .get, path: { _ in "/api/v1/series" }, permission: .readEvents, namesRecord: false),
        Route(method: .get, path: { _ in "/api/v1/alerts" }, permission: .readAlerts, namesRecord: false),
        Route(method: .get, path: { "/api/v1/alerts/\($0.connecticutAlert)" }, permission: .readAlerts, namesRecord: true),
        Route(method: .post, path: { "/api/v1/alerts/\($0.connecticutAlert)/acknowledge" }, permission: .manageAlerts, namesRecord: true),
        Route(method: .post, path: { "/api/v1/alerts/\($0.connecticutAlert)/close" }, permission: .manageAlerts, namesRecord: true,
              body: #"{"note":"checked"}"#),
        Route(method: .get, path: { _ in "/api/v1/audit" }, permission: .administer, namesRecord: false),
        Route(method: .get, path: { _ in "/api/v1/subscriptions" }, permission: .administer, namesRecord: false),
        Route(method: .get, path: { _ in "/api/v1/deliveries?state=dead" }, permission: .administer, namesRecord: false),
        Route(method: .get, path: { _ in "/api/v1/screenings" }, permission: .screenPrecursors, namesRecord: false),
        Route(method: .get, path: { _ in "/api/v1/entities" }, permission: .investigateNetworks, namesRecord: false),
        Route(method: .get, path: { _ in "/api/v1/samples" }, permission: .readSamples, namesRecord: false),
    ]

    /// What each role may do, written out here rather than asked of ``Role``, so that a change to
    /// the rules shows up as a failing test.
    static let allowed: [Role: Set<Permission>] = [
        .admin: Set(Permission.allCases),
        .analyst: [.submitEvents, .readEvents, .readAlerts, .manageAlerts, .runDetection, .readAggregates, .submitSamples, .readSamples],
        .investigator: [.readAggregates, .screenPrecursors, .investigateNetworks, .submitSamples, .readSamples],
        .reporter: [.submitEvents, .submitSamples],
        .public: [.readAggregates],
    ]

    @Test("every role × every route × own and other jurisdiction", arguments: Role.allCases, [true, false])
    func matrix(role: Role, own: Bool) async throws {
        let fixture = try await ServiceFixture()
        let token = own ? fixture.connecticut[role]! : fixture.pennsylvania[role]!
        try await fixture.test { client in
            for route in Self.routes {
                let answer = try await client.call(route.method, route.path(fixture), token: token, body: route.body)
                let expected: HTTPResponse.Status = !Self.allowed[role]!.contains(route.permission) ? .forbidden : (route.namesRecord && !own ? .notFound : .ok)
                #expect(answer.status == expected, "\(role) \(own ? "CT" : "PA") \(route.method) \(route.path(fixture)): \(answer.body)")
                guard answer.status == .ok else { continue }
                // Lists and counts hold only the token's own state.
                let foreign = own ? "42" : "09"
                switch (route.method, route.path(fixture)) {
                case (.get, "/api/v1/events"), (.get, "/api/v1/series"), (.get, "/api/v1/alerts"):
                    #expect(!answer.body.contains("\"region\":\"\(foreign)"), "\(answer.body)")
                    #expect(answer.body.contains("\"region\":\"\(own ? "09" : "42")"), "\(answer.body)")
                case (.post, "/api/v1/events"):
                    let report = try object(answer.body)
                    #expect(report["inserted"] as? Int == (own ? 1 : 0) && report["rejected"] as? Int == (own ? 0 : 1))
                default: break
                }
            }
        }
    }

    @Test("no token or a bad or revoked token is 401 on every protected route; open routes need none")
    func authentication() async throws {
        let fixture = try await ServiceFixture()
        let analyst = fixture.connecticut[.analyst]!
        let revoked = try await fixture.store.fetchTokens().first { $0.name == "CT analyst" }!
        try await fixture.test { client in
            for route in Self.routes {
                for token in [nil, "vgl_" + String(repeating: "0", count: 48), "not-a-token"] {
                    let answer = try await client.call(route.method, route.path(fixture), token: token, body: route.body)
                    #expect(answer.status == .unauthorized && answer.headers[.wwwAuthenticate] != nil)
                }
            }
            for path in ["/api/v1/health", "/api/v1/ready", "/api/v1/openapi.json", "/metrics"] {
                #expect(try await client.call(.get, path, token: nil).status == .ok, "\(path)")
            }
            #expect(try await client.call(.get, "/api/v1/events", token: analyst).status == .ok)
            _ = try await fixture.store.revokeToken(revoked.id, at: 5)
            #expect(try await client.call(.get, "/api/v1/events", token: analyst).status == .unauthorized)
        }
    }

    @Test("a record outside the jurisdictions answers exactly like one that does not exist")
    func noProbing() async throws {
        let fixture = try await ServiceFixture()
        let analyst = fixture.pennsylvania[.analyst]!
        try await fixture.test { client in
            let foreign = try await client.call(.get, "/api/v1/alerts/\(fixture.connecticutAlert)", token: analyst)
            let missing = try await client.call(.get, "/api/v1/alerts/987654", token: analyst)
            #expect(foreign.status == .notFound && foreign.status == missing.status && foreign.body == missing.body)
            let own = try await client.call(.get, "/api/v1/alerts/\(fixture.pennsylvaniaAlert)", token: analyst)
            #expect(own.status == .ok && own.body.contains("42003"))
            // A region filter outside the jurisdictions gives nothing, not an error that confirms anything.
            let filtered = try await client.call(.get, "/api/v1/events?region=09009", token: analyst)
            let events = try object(filtered.body)["events"] as? [Any]
            #expect(filtered.status == .ok && events?.isEmpty == true)
        }
    }

    @Test("every answer carries the security headers")
    func securityHeaders() async throws {
        let fixture = try await ServiceFixture()
        try await fixture.test { client in
            for answer in [try await client.call(.get, "/api/v1/health", token: nil), try await client.call(.get, "/api/v1/events", token: nil)] {
                #expect(answer.headers[.contentSecurityPolicy]?.contains("frame-ancestors 'none'") == true)
                #expect(answer.headers[.contentSecurityPolicy]?.contains("unsafe-inline") == false)
                #expect(answer.headers[.xContentTypeOptions] == "nosniff")
                #expect(answer.headers[HTTPField.Name("Referrer-Policy")!] == "no-referrer")
            }
        }
    }
}

