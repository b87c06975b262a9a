import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
public import VigilCore
public import VigilStore

/// Delivers alerts to webhook subscribers through the outbox: each new or changed alert becomes
/// one delivery per matching subscription (same jurisdiction, severe enough), stored before any
/// attempt, so that nothing is lost across a restart or a crash. Each attempt POSTs the alert as
/// JSON with `X-Vigil-Signature: sha256=<HMAC-SHA256 of the body under the subscription's
/// secret>`, `X-Vigil-Idempotency-Key` (the same on every retry of a delivery) and
/// `X-Vigil-Delivery-Attempt`; a 2xx answer delivers it, anything else is retried after
/// `baseDelay`·2^(attempt − 1) seconds, and after `maxAttempts` the delivery is dead (the
/// dead-letter list).
public struct AlertDelivery: Sendable {
    /// Retry policy.
    public struct Policy: Sendable {
        /// Seconds before the first retry; each later retry waits twice as long.
        public var baseDelay: Int64
        /// Attempts before a delivery is given up.
        public var maxAttempts: Int
        /// Seconds to wait for a receiver.
        public var timeout: Double

        /// Creates a policy; by default 8 attempts from 5 s apart (the last about 10 minutes after the first).
        public init(baseDelay: Int64 = 5, maxAttempts: Int = 8, timeout: Double = 10) {
            self.baseDelay = baseDelay
            self.maxAttempts = maxAttempts
            self.timeout = timeout
        }
    }

    private let store: any DeliveryStore
    private let policy: Policy

    /// Creates the use case over a store.
    public init(store: any DeliveryStore, policy: Policy = Policy()) {
        self.store = store
        self.policy = policy
    }

    /// Puts alerts in the outbox for every subscription that wants them.
    /// - Returns: The deliveries added (an alert version already queued is not queued again).
    public func enqueue(_ alerts: [Alert], now: Int64) async throws -> Int {
        let subscriptions = try await store.fetchSubscriptions()
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.outputFormatting = [.sortedKeys]
        var deliveries: [WebhookDelivery] = []
        for alert in alerts {
            let payload = String(decoding: try encoder.encode(AlertRepresentation(alert)), as: UTF8.self)
            let version = SHA256.hexDigest(Array(payload.utf8)).prefix(16)
            for subscription in subscriptions
            where subscription.jurisdictions.covers(alert.latest.region) && alert.severity >= subscription.minimumSeverity {
                deliveries.append(WebhookDelivery(
                    subscription: subscription.id, alert: alert.id.rawValue,
                    idempotencyKey: "vigil-\(subscription.id)-\(alert.id.rawValue)-\(version)", payload: payload, nextAttemptAt: now))
            }
        }
        return try await store.enqueue(deliveries)
    }

    /// What one round of attempts did.
    public struct Round: Sendable, Equatable {
        /// Deliveries the receivers took.
        public var delivered = 0
        /// Attempts that failed (to be retried, or dead).
        public var failed = 0
    }

    /// Deliveries claimed at a time: another server on the same database takes the others.
    static let claimSize = 10

    /// How long a claim lasts: long enough to attempt a whole claim before the receivers time out.
    var leaseSeconds: Int64 { Int64(policy.timeout.rounded(.up)) * Int64(Self.claimSize) + 30 }

    /// Attempts the deliveries that are due, up to `limit`, claiming a few at a time.
    @discardableResult
    public func deliverDue(now: Int64, limit: Int = 100) async throws -> Round {
        var round = Round()
        var subscriptions: [Int64: WebhookSubscription]?
        while round.delivered + round.failed < limit {
            let wanted = min(Self.claimSize, limit - round.delivered - round.failed)
            let due = try await store.claimDueDeliveries(at: now, limit: wanted, leaseSeconds: leaseSeconds)
            guard !due.isEmpty else { break }
            if subscriptions == nil { subscriptions = Dictionary(uniqueKeysWithValues: try await store.fetchSubscriptions().map { ($0.id, $0) }) }
            for delivery in due {
                guard let subscription = subscriptions?[delivery.subscription] else { continue }
                let failure = await post(delivery, to: subscription)
                let attempt = delivery.attempts + 1
                let retry: Int64? = attempt >= policy.maxAttempts ? nil : now + policy.baseDelay << Int64(min(attempt - 1, 30))
                try await store.recordAttempt(delivery.id, delivered: failure == nil, error: failure, nextAttemptAt: failure == nil ? nil : retry)
                if failure == nil { round.delivered += 1 } else { round.failed += 1 }
            }
        }
        return round
    }

    /// Posts one delivery; `nil` on a 2xx answer, else what went wrong.
    private func post(_ delivery: WebhookDelivery, to subscription: WebhookSubscription) async -> String? {
        guard let url = URL(string: subscription.url), url.scheme == "http" || url.scheme == "https" else {
            return "'\(subscription.url)' is not an http or https URL"
        }
        var request = URLRequest(url: url, timeoutInterval: policy.timeout)
        request.httpMethod = "POST"
        let body = Data(delivery.payload.utf8)
        request.httpBody = body
        request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        request.setValue("sha256=" + HMACSHA256.hexCode(body, key: Array(subscription.secret.utf8)), forHTTPHeaderField: "X-Vigil-Signature")
        request.setValue(delivery.idempotencyKey, forHTTPHeaderField: "X-Vigil-Idempotency-Key")
        request.setValue(String(delivery.attempts + 1), forHTTPHeaderField: "X-Vigil-Delivery-Attempt")
        do {
            let (_, response) = try await URLSession.shared.data(for: request)
            let status = (response as? HTTPURLResponse)?.statusCode ?? 0
            return (200..<300).contains(status) ? nil : "the receiver answered \(status)"
        } catch {
            return "the receiver could not be reached: \(error.localizedDescription)"
        }
    }
}
