import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import PostgresNIO
import Synchronization
import Testing
import VigilCore
import VigilKit
import VigilServer
import VigilStore
import VigilTestSupport

@testable import VigilStorePostgres

/// Two Vigil servers, each with its own connection pool, on one PostgreSQL database
/// (`VIGIL_TEST_POSTGRES_URL`; under `CI=true` a missing one fails the test).
@Suite(
    "Two servers, one PostgreSQL database",
    .enabled(if: ProcessInfo.processInfo.environment["VIGIL_TEST_POSTGRES_URL"] != nil || ProcessInfo.processInfo.environment["CI"] == "true"))
struct TwoServerTests {
    @Test("both servers see every event, raise one alert between them and deliver each webhook once")
    func twoServers() async throws {
        let base = try #require(ProcessInfo.processInfo.environment["VIGIL_TEST_POSTGRES_URL"], "VIGIL_TEST_POSTGRES_URL is not set")
        let schema = "two_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "").prefix(16)
        let url = base + (base.contains("?") ? "&" : "?") + "schema=\(schema)"
        let setup = try await PostgresStore.connect(url: url, timeout: .seconds(60))
        defer { Task { try? await setup.client.query(PostgresQuery(unsafeSQL: "DROP SCHEMA \(schema) CASCADE")) } }
        try await DeliveryTests.history(setup)
        let reporter = try await TokenIssuer(store: setup).create(
            name: "EMS", role: .reporter, jurisdictions: try Jurisdictions(parsing: "09"), now: 1).secret
        let analyst = try await TokenIssuer(store: setup).create(
            name: "analyst", role: .analyst, jurisdictions: try Jurisdictions(parsing: "09"), now: 1).secret
        let options = VigilService.Options(
            debounce: .milliseconds(50), deliveryInterval: .milliseconds(100), deliveryPolicy: .init(baseDelay: 1, maxAttempts: 6))
        let receiver = WebhookReceiver(failures: 0)
        let today = CalendarDate(dayNumber: Int(Date().timeIntervalSince1970) / 86_400).description
        let halves = [0..<8, 8..<16].map { range in
            range.map { #"{"id":"s\#($0)","occurred_at":"\#(today)","region":"09009","outcome":"fatal"}"# }.joined(separator: "\n")
        }
        let first = VigilService(store: try await PostgresStore.connect(url: url, timeout: .seconds(60)), options: options)
        let second = VigilService(store: try await PostgresStore.connect(url: url, timeout: .seconds(60)), options: options)

        try await receiver.application.test(.live) { hook in
            _ = try await setup.insertSubscription(WebhookSubscription(
                url: "http://127.0.0.1:\(hook.port!)/hook", secret: DeliveryTests.secret, jurisdictions: try Jurisdictions(parsing: "09"),
                minimumSeverity: .yellow, createdAt: 1))
            try await first.application(port: 0).test(.live) { one in
                try await second.application(port: 0).test(.live) { two in
                    // Half the spike arrives at each server, at the same time.
                    async let a = one.call(.post, "/api/v1/events", token: reporter, body: halves[0], contentType: "application/x-ndjson")
                    async let b = two.call(.post, "/api/v1/events", token: reporter, body: halves[1], contentType: "application/x-ndjson")
                    let answers = try await [a, b]
                    #expect(answers.allSatisfy { $0.status == .ok && $0.body.contains("\"inserted\":8") }, "\(answers.map(\.body))")
                    for client in [one, two] {
                        let page = try await client.call(.get, "/api/v1/events?from=\(today)&limit=100", token: analyst).body
                        #expect((0..<16).allSatisfy { page.contains("\"id\":\"api-") && page.contains(":s\($0)\"") }, "every event on both servers")
                    }
                    try await DeliveryTests.wait { receiver.received.withLock { $0.contains { $0.answered == 200 } } }
                    // Time for both servers' detection and delivery workers to have done everything twice over.
                    try await Task.sleep(for: .seconds(2))
                }
            }
        }
        let alerts = try await setup.fetchAlerts(status: nil).filter { $0.latest.series == "09009" && $0.latest.period.description == today }
        #expect(alerts.count == 1, "one alert between the two servers: \(alerts.map(\.id))")
        let received = receiver.received.withLock { $0 }
        let keys = received.map(\.key)
        #expect(!keys.isEmpty && Set(keys).count == keys.count, "each idempotency key delivered once: \(keys)")
        let outbox = try await setup.fetchDeliveries(state: nil, limit: 100)
        #expect(outbox.allSatisfy { $0.state == .delivered && $0.attempts == 1 } && outbox.count == keys.count)
    }

    @Test("a server whose database goes away answers 503 on readiness, and 200 again once it is back")
    func readiness() async throws {
        let base = try #require(ProcessInfo.processInfo.environment["VIGIL_TEST_POSTGRES_URL"], "VIGIL_TEST_POSTGRES_URL is not set")
        var components = try #require(URLComponents(string: base))
        let proxy = try TCPProxy(to: components.host == "localhost" ? "127.0.0.1" : components.host ?? "127.0.0.1", port: UInt16(components.port ?? 5432))
        components.port = Int(proxy.port)
        let service = VigilService(store: try await PostgresStore.connect(url: try #require(components.string)))
        try await service.application(port: 0).test(.live) { client in
            #expect(try await client.call(.get, "/api/v1/ready", token: nil).status == .ok)
            proxy.cut()
            let started = ContinuousClock.now
            #expect(try await client.call(.get, "/api/v1/ready", token: nil).status == .serviceUnavailable)
            // The server answers after two seconds; the bound is loose because CI runs the CPU-heavy
            // tests on the same two cores at the same time.
            #expect(ContinuousClock.now - started < .seconds(30), "readiness answers without waiting for the database")
            try proxy.restore()
            var back = false
            for _ in 0..<60 where !back {
                back = try await client.call(.get, "/api/v1/ready", token: nil).status == .ok
                if !back { try await Task.sleep(for: .milliseconds(500)) }
            }
            #expect(back, "ready again within 30 s of the database's return")
        }
    }
}
