import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import VigilCore
import VigilKit
import VigilServer
import VigilStore
import VigilStoreSQLite

@Suite("Service API")
struct APITests {
    @Test("the OpenAPI document is 3.1 and lists exactly the routes the router serves")
    func openAPIMatchesRoutes() async throws {
        let fixture = try await ServiceFixture()
        let router = VigilService(store: fixture.store).router()
        let served = Set(router.routes.filter { $0.path.description.hasPrefix("/api/") || $0.path.description == "/metrics" }.map { route in
            "\(route.method.rawValue) " + route.path.description.replacing(/:(\w+)/) { "{\($0.1)}" }
        })
        try await fixture.test { client in
            let answer = try await client.call(.get, "/api/v1/openapi.json", token: nil)
            let document = try object(answer.body)
            #expect((document["openapi"] as? String)?.hasPrefix("3.1") == true)
            let paths = try #require(document["paths"] as? [String: [String: Any]])
            let documented = Set(paths.flatMap { path, operations in operations.keys.map { "\($0.uppercased()) \(path)" } })
            #expect(documented == served, "only documented: \(documented.subtracting(served)); only served: \(served.subtracting(documented))")
            // Every operation says what it answers, and every reference resolves.
            let schemas = try #require((document["components"] as? [String: Any])?["schemas"] as? [String: Any])
            for reference in answer.body.matches(of: /"\$ref": ?"#\/components\/schemas\/(\w+)"/) {
                #expect(schemas[String(reference.1)] != nil, "\(reference.1)")
            }
        }
    }

    @Test("a batch says which items were stored and why the others were not; resubmitting changes nothing")
    func submission() async throws {
        let fixture = try await ServiceFixture()
        let reporter = fixture.connecticut[.reporter]!
        let ndjson = """
            {"id":"r1","occurred_at":"2024-03-03T08:00:00-05:00","region":"09009","outcome":"fatal","suspected_substances":"fentanyl; xylazine"}
            {"id":"r2","occurred_at":"2024-03-03","region":"09009","outcome":"sleepy"}
            {"id":"r3","occurred_at":"2024-03-04T09:30:00-05:00","latitude":41.3,"longitude":-72.9,"region":"09009","outcome":"nonfatal"}

            """
        try await fixture.test { client in
            let first = try object(try await client.call(.post, "/api/v1/events", token: reporter, body: ndjson, contentType: "application/x-ndjson").body)
            #expect(first["inserted"] as? Int == 2 && first["rejected"] as? Int == 1)
            let items = try #require(first["items"] as? [[String: Any]])
            #expect(items.map { $0["accepted"] as? Bool } == [true, false, true])
            let issue = try #require((items[1]["issues"] as? [[String: Any]])?.first)
            #expect(issue["column"] as? String == "outcome" && issue["value"] as? String == "sleepy")
            let again = try object(try await client.call(.post, "/api/v1/events", token: reporter, body: ndjson, contentType: "application/x-ndjson").body)
            #expect(again["inserted"] as? Int == 0 && again["already_stored"] as? Int == 2)
            let broken = try await client.call(.post, "/api/v1/events", token: reporter, body: "[{\"id\": ")
            #expect(broken.status == .badRequest && broken.body.contains("not valid JSON"))
            let misspelt = try object(try await client.call(.post, "/api/v1/events", token: reporter,
                body: #"{"id":"m1","occurred_at":"2024-03-03","region":"09009","outcome":"fatal","substances":"heroin"}"#).body)
            let issue2 = try #require(((misspelt["items"] as? [[String: Any]])?.first?["issues"] as? [[String: Any]])?.first)
            #expect(misspelt["rejected"] as? Int == 1 && issue2["column"] as? String == "substances")
            let scalar = try await client.call(.post, "/api/v1/events", token: reporter, body: "42")
            #expect(scalar.status == .badRequest && scalar.body.contains("an event object or a JSON array"))
        }
        #expect(try await fixture.store.fetchQuarantine(batch: nil).contains { $0.rawText.contains("sleepy") })
    }

    @Test("event pages follow the cursor, every event once; bad parameters name themselves")
    func pagination() async throws {
        let fixture = try await ServiceFixture()
        let admin = fixture.connecticut[.admin]!
        let national = try await TokenIssuerHelper.nationalAdmin(fixture)
        try await fixture.test { client in
            var seen: [String] = []
            var uri = "/api/v1/events?limit=1"
            while true {
                let page = try object(try await client.call(.get, uri, token: national).body)
                seen += (page["events"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String }
                guard let cursor = page["next_cursor"] as? String else { break }
                uri = "/api/v1/events?limit=1&cursor=\(cursor)"
            }
            #expect(seen == ["test:ct1", "test:pa1", "test:ct2", "test:pa2"])
            for (query, names) in [("limit=0", "limit"), ("from=March", "from"), ("outcome=dead", "outcome"), ("cursor=%%%", "cursor"), ("region=ABC", "region")] {
                let answer = try await client.call(.get, "/api/v1/events?\(query)", token: admin)
                #expect(answer.status == .badRequest && answer.body.contains(names), "\(query): \(answer.body)")
            }
        }
    }

    @Test("the audit log records who read and wrote what, and only admins read it")
    func audit() async throws {
        let fixture = try await ServiceFixture()
        let analyst = fixture.connecticut[.analyst]!
        try await fixture.test { client in
            _ = try await client.call(.get, "/api/v1/events?region=09009", token: analyst)
            _ = try await client.call(.post, "/api/v1/alerts/\(fixture.connecticutAlert)/close", token: analyst, body: #"{"note":"false alarm"}"#)
            _ = try await client.call(.get, "/api/v1/audit", token: analyst)
            let log = try object(try await client.call(.get, "/api/v1/audit", token: fixture.connecticut[.admin]!).body)
            let entries = try #require(log["entries"] as? [[String: Any]])
            let actions = entries.reversed().map { "\($0["action"]!) \($0["status"]!)" }
            #expect(actions == [
                "GET /api/v1/events 200", "POST /api/v1/alerts/\(fixture.connecticutAlert)/close 200", "GET /api/v1/audit 403",
            ])
            #expect((entries.last?["detail"] as? String)?.contains("1 events: test:ct1") == true)
            #expect(entries.allSatisfy { ($0["token_id"] as? String)?.hasPrefix("tok_") == true })
            // No route changes or deletes the log.
            let delete = try await client.call(.delete, "/api/v1/audit", token: fixture.connecticut[.admin]!)
            #expect(delete.status != .ok)
        }
    }
}

extension APITests {
    @Test("public counts need no token, stay within the state and suppress small counts")
    func publicCounts() async throws {
        let fixture = try await ServiceFixture()
        try await fixture.test { client in
            let answer = try await client.call(.get, "/api/v1/public/counts?state=09", token: nil)
            #expect(answer.status == .ok, "\(answer.body)")
            let table = try object(answer.body)
            let rows = try #require(table["rows"] as? [String])
            #expect(rows.contains("09009") && rows.allSatisfy { $0.hasPrefix("09") })
            #expect(table["columns"] as? [String] == ["2024"])
            let cells = try #require(table["cells"] as? [[Any]])
            let row = try #require(rows.firstIndex(of: "09009"))
            #expect(cells[row].first is NSNull && table["total"] == nil, "one event is a small count: \(answer.body)")
            #expect(try await client.call(.get, "/api/v1/public/counts?state=CT", token: nil).status == .badRequest)
            let page = try await client.call(.get, "/public?state=09", token: nil)
            #expect(page.status == .ok && page.body.contains("New Haven County") && page.body.contains("<abbr title=\"suppressed\">"))
        }
    }
}

extension APITests {
    @Test("a token over its rate limit gets 429 with Retry-After; other tokens are not affected")
    func rateLimit() async throws {
        let fixture = try await ServiceFixture()
        // One request per 1,000 s after a burst of 2: a loaded machine cannot refill the bucket during the test.
        let app = Application(router: VigilService(store: fixture.store, options: .init(rateLimit: 0.001)).router())
        try await app.test(.router) { client in
            let analyst = fixture.connecticut[.analyst]!
            for _ in 0..<2 { #expect(try await client.call(.get, "/api/v1/alerts", token: analyst).status == .ok) }
            let limited = try await client.call(.get, "/api/v1/alerts", token: analyst)
            #expect(limited.status == .tooManyRequests && (Int(limited.headers[.retryAfter] ?? "") ?? 0) >= 1)
            #expect(try await client.call(.get, "/api/v1/alerts", token: fixture.pennsylvania[.analyst]!).status == .ok)
        }
    }
}

extension APITests {
    @Test("a body over 64 MiB is refused with 413 and nothing is stored")
    func tooLarge() async throws {
        let fixture = try await ServiceFixture()
        let before = try await fixture.store.fetchImportBatches().count
        try await fixture.test { client in
            let body = String(repeating: " ", count: (64 << 20) + 1)
            let answer = try await client.call(.post, "/api/v1/events", token: fixture.connecticut[.reporter]!, body: body)
            #expect(answer.status == .contentTooLarge && answer.body.contains("smaller batches"))
        }
        #expect(try await fixture.store.fetchImportBatches().count == before)
    }
}

enum TokenIssuerHelper {
    /// A national admin token for the fixture's store.
    static func nationalAdmin(_ fixture: ServiceFixture) async throws -> String {
        try await VigilKit.TokenIssuer(store: fixture.store).create(name: "national", role: .admin, jurisdictions: try Jurisdictions(parsing: "US"), now: 1).secret
    }
}
