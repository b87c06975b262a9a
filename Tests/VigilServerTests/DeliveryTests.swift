import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Synchronization
import Testing
import VigilCore
import VigilKit
import VigilServer
import VigilStore
import VigilStoreSQLite
import VigilTestSupport

/// A webhook receiver on loopback that answers 500 to its first `failures` requests.
final class WebhookReceiver: Sendable {
    struct Received: Sendable {
        var key: String
        var signature: String
        var attempt: String
        var body: String
        var answered: Int
    }

    let failures: Int
    let received = Mutex<[Received]>([])

    init(failures: Int) { self.failures = failures }

    var application: some ApplicationProtocol {
        let router = Router()
        router.post("/hook") { request, _ -> HTTPResponse.Status in
            var request = request
            let body = String(buffer: try await request.collectBody(upTo: 1 << 20))
            return self.received.withLock { received in
                let status = received.count < self.failures ? 500 : 200
                received.append(Received(
                    key: request.headers[HTTPField.Name("X-Vigil-Idempotency-Key")!] ?? "",
                    signature: request.headers[HTTPField.Name("X-Vigil-Signature")!] ?? "",
                    attempt: request.headers[HTTPField.Name("X-Vigil-Delivery-Attempt")!] ?? "", body: body, answered: status))
                return status == 200 ? .ok : .internalServerError
            }
        }
        return Application(router: router)
    }
}

@Suite("Live detection and webhook delivery")
struct DeliveryTests {
    static let secret = "a-webhook-secret-of-some-length"

    /// Three weeks of 1–3 events a day in 09009 before today, stored directly.
    static func history(_ store: any EventStore) async throws {
        let today = Int(Date().timeIntervalSince1970) / 86_400
        var generator = SplitMix64(seed: 4)
        var events: [OverdoseEvent] = []
        for day in (today - 21)..<today {
            for index in 0..<Int.random(in: 1...3, using: &generator) {
                events.append(EventFactory.event("h\(day)-\(index)", on: CalendarDate(dayNumber: day).description, region: "09009"))
            }
        }
        let batch = try await store.beginImport(
            ImportBatchStart(sourceSystem: SourceSystemID(rawValue: "history")!, origin: "test", mapping: "vigil", startedAt: 0))
        _ = try await store.write(ImportChunk(events: events, rejected: [], rowsRead: events.count), to: batch)
    }

    @Test("a spike posted over the API raises an alert that reaches the webhook exactly once per key, across a restart")
    func spikeToWebhook() async throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("delivery-\(UUID().uuidString).sqlite").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let setup = try SQLiteEventStore(path: path)
        try await Self.history(setup)
        let reporter = try await TokenIssuer(store: setup).create(
            name: "EMS", role: .reporter, jurisdictions: try Jurisdictions(parsing: "09"), now: 1).secret
        let options = VigilService.Options(
            debounce: .milliseconds(50), deliveryInterval: .milliseconds(100), deliveryPolicy: .init(baseDelay: 1, maxAttempts: 6))
        let receiver = WebhookReceiver(failures: 2)
        let today = CalendarDate(dayNumber: Int(Date().timeIntervalSince1970) / 86_400).description
        let spike = (0..<15).map { #"{"id":"s\#($0)","occurred_at":"\#(today)","region":"09009","outcome":"fatal"}"# }.joined(separator: "\n")

        try await receiver.application.test(.live) { hook in
            _ = try await setup.insertSubscription(WebhookSubscription(
                url: "http://127.0.0.1:\(hook.port!)/hook", secret: Self.secret, jurisdictions: try Jurisdictions(parsing: "09009"),
                minimumSeverity: .yellow, createdAt: 1))
            // First run: the spike arrives, the alert is queued, the receiver refuses the first attempt(s).
            let first = VigilService(store: try SQLiteEventStore(path: path), options: options)
            try await first.application(port: 0).test(.live) { client in
                let answer = try await client.call(.post, "/api/v1/events", token: reporter, body: spike, contentType: "application/x-ndjson")
                #expect(answer.status == .ok && answer.body.contains("\"inserted\":15"), "\(answer.body)")
                try await Self.wait { receiver.received.withLock { $0.count >= 1 } }
            }
            #expect(receiver.received.withLock { !$0.isEmpty && $0.allSatisfy { $0.answered == 500 } }, "the first run stops before delivering")
            // Restart on the same database: the outbox is worked through to delivery.
            let second = VigilService(store: try SQLiteEventStore(path: path), options: options)
            try await second.application(port: 0).test(.live) { client in
                try await Self.wait { receiver.received.withLock { $0.contains { $0.answered == 200 } } }
                try await Task.sleep(for: .milliseconds(300))
                let metrics = try await client.call(.get, "/metrics", token: nil).body
                #expect(metrics.contains("vigil_webhook_deliveries_total{result=\"delivered\"} 1"), "\(metrics)")
            }
        }
        let received = receiver.received.withLock { $0 }
        let delivered = received.filter { $0.answered == 200 }
        #expect(delivered.count == 1 && Set(received.map(\.key)).count == 1, "\(received.map { "\($0.key) \($0.answered)" })")
        #expect(received.map(\.attempt) == ["1", "2", "3"])
        for one in received {
            #expect(one.signature == "sha256=" + HMACSHA256.hexCode(Array(one.body.utf8), key: Array(Self.secret.utf8)))
        }
        let alert = try #require(try JSONSerialization.jsonObject(with: Data(delivered[0].body.utf8)) as? [String: Any])
        #expect(alert["series"] as? String == "09009" && alert["last_period"] as? String == today && (alert["observed"] as? Int ?? 0) >= 15)
        let outbox = try await setup.fetchDeliveries(state: nil, limit: 10)
        #expect(outbox.count == 1 && outbox[0].state == .delivered && outbox[0].attempts == 3)
    }

    @Test("a receiver that never answers 2xx ends on the dead-letter list after the last attempt")
    func deadLetter() async throws {
        let store = try SQLiteEventStore.inMemory()
        let subscription = try await store.insertSubscription(WebhookSubscription(
            url: "http://127.0.0.1:9/unreachable", secret: Self.secret, jurisdictions: try Jurisdictions(parsing: "US"),
            minimumSeverity: .red, createdAt: 1))
        let delivery = AlertDelivery(store: store, policy: .init(baseDelay: 0, maxAttempts: 3, timeout: 2))
        let signal = AlertSignal(
            method: "ears-c2", series: "09009", region: RegionCode(rawValue: "09009")!, subgroup: nil, interval: "day",
            period: CalendarDate(iso: "2024-03-02")!, observed: 9, expected: 2, upperBound: 6, score: 4, pValue: nil, severity: .yellow)
        let yellow = try await store.recordSignal(signal, continuationDays: 7, at: 10).alert
        #expect(try await delivery.enqueue([yellow], now: 10) == 0, "a yellow alert is below this subscription's minimum")
        var red = signal
        red.severity = .red
        red.observed = 12
        let raised = try await store.recordSignal(red, continuationDays: 7, at: 11).alert
        #expect(try await delivery.enqueue([raised], now: 11) == 1)
        #expect(try await delivery.enqueue([raised], now: 12) == 0, "the same alert version is queued once")
        for _ in 0..<4 { try await delivery.deliverDue(now: 20) }
        let dead = try await store.fetchDeliveries(state: .dead, limit: 10)
        #expect(dead.count == 1 && dead[0].attempts == 3 && dead[0].subscription == subscription.id)
        #expect(dead[0].lastError?.contains("could not be reached") == true)
    }

    /// Waits up to 20 s for a condition.
    static func wait(_ condition: @Sendable () -> Bool) async throws {
        for _ in 0..<200 {
            if condition() { return }
            try await Task.sleep(for: .milliseconds(100))
        }
        Issue.record("timed out waiting")
    }
}
