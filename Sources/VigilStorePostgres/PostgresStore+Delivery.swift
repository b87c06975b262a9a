import PostgresNIO
import VigilCore
public import VigilStore

extension PostgresStore: DeliveryStore {
    private static let deliveryColumns =
        "id, subscription_id, alert_id, idempotency_key, payload, attempts, next_attempt_at, state, last_error"

    public func insertSubscription(_ subscription: WebhookSubscription) async throws -> WebhookSubscription {
        let rows = try await client.query(
            """
            INSERT INTO webhook_subscription (url, secret, jurisdictions, minimum_severity, created_at)
            VALUES (\(subscription.url), \(subscription.secret), \(subscription.jurisdictions.description),
                \(subscription.minimumSeverity.rawValue), \(subscription.createdAt))
            RETURNING id
            """, logger: logger)
        var stored = subscription
        for try await id in rows.decode(Int64.self) { stored.id = id }
        return stored
    }

    public func fetchSubscriptions() async throws -> [WebhookSubscription] {
        let rows = try await client.query(
            "SELECT id, url, secret, jurisdictions, minimum_severity, created_at FROM webhook_subscription ORDER BY id", logger: logger)
        var subscriptions: [WebhookSubscription] = []
        for try await (id, url, secret, jurisdictionText, severityText, createdAt) in rows.decode((Int64, String, String, String, String, Int64).self) {
            guard let jurisdictions = try? Jurisdictions(parsing: jurisdictionText), let severity = Alert.Severity(rawValue: severityText) else {
                throw StoreError(code: .corruptValue, message: "webhook subscription \(id) cannot be read by this version of Vigil")
            }
            subscriptions.append(
                WebhookSubscription(id: id, url: url, secret: secret, jurisdictions: jurisdictions, minimumSeverity: severity, createdAt: createdAt))
        }
        return subscriptions
    }

    public func deleteSubscription(_ id: Int64) async throws -> Bool {
        let rows = try await client.query("DELETE FROM webhook_subscription WHERE id = \(id) RETURNING id", logger: logger)
        for try await _ in rows { return true }
        return false
    }

    public func enqueue(_ deliveries: [WebhookDelivery]) async throws -> Int {
        guard !deliveries.isEmpty else { return 0 }
        let rows = try await client.query(
            """
            WITH added AS (
                INSERT INTO webhook_delivery (subscription_id, alert_id, idempotency_key, payload, attempts, next_attempt_at, state)
                SELECT subscription_id, alert_id, idempotency_key, payload, 0, next_attempt_at, 'pending'
                FROM unnest(\(deliveries.map(\.subscription))::BIGINT[], \(deliveries.map(\.alert))::BIGINT[],
                    \(deliveries.map(\.idempotencyKey))::TEXT[], \(deliveries.map(\.payload))::TEXT[], \(deliveries.map(\.nextAttemptAt))::BIGINT[])
                    WITH ORDINALITY AS d (subscription_id, alert_id, idempotency_key, payload, next_attempt_at, n)
                ORDER BY n
                ON CONFLICT (idempotency_key) DO NOTHING RETURNING 1
            )
            SELECT COUNT(*) FROM added
            """, logger: logger)
        for try await added in rows.decode(Int.self) { return added }
        return 0
    }

    public func claimDueDeliveries(at time: Int64, limit: Int, leaseSeconds: Int64) async throws -> [WebhookDelivery] {
        // SKIP LOCKED: a delivery another server is claiming right now is left to it.
        try await deliveries(
            """
            UPDATE webhook_delivery SET next_attempt_at = \(time + leaseSeconds)
            WHERE id IN (
                SELECT id FROM webhook_delivery WHERE state = 'pending' AND next_attempt_at <= \(time)
                ORDER BY id LIMIT \(max(0, limit)) FOR UPDATE SKIP LOCKED
            )
            RETURNING \(unescaped: Self.deliveryColumns)
            """
        ).sorted { $0.id < $1.id }
    }

    public func recordAttempt(_ id: Int64, delivered: Bool, error: String?, nextAttemptAt: Int64?) async throws {
        let state = delivered ? "delivered" : (nextAttemptAt == nil ? "dead" : "pending")
        try await client.query(
            """
            UPDATE webhook_delivery SET attempts = attempts + 1, state = \(state), last_error = \(error),
                next_attempt_at = COALESCE(\(nextAttemptAt), next_attempt_at)
            WHERE id = \(id) AND state = 'pending'
            """, logger: logger)
    }

    public func fetchDeliveries(state: WebhookDelivery.State?, limit: Int) async throws -> [WebhookDelivery] {
        try await deliveries(
            """
            SELECT \(unescaped: Self.deliveryColumns) FROM webhook_delivery WHERE \(state?.rawValue)::TEXT IS NULL OR state = \(state?.rawValue)
            ORDER BY id DESC LIMIT \(max(0, limit))
            """)
    }

    private func deliveries(_ query: PostgresQuery) async throws -> [WebhookDelivery] {
        var deliveries: [WebhookDelivery] = []
        let rows = try await client.query(query, logger: logger)
        for try await row in rows.decode((Int64, Int64, Int64, String, String, Int, Int64, String, String?).self) {
            guard let state = WebhookDelivery.State(rawValue: row.7) else {
                throw StoreError(code: .corruptValue, message: "webhook delivery \(row.0) has an unknown state")
            }
            deliveries.append(
                WebhookDelivery(
                    id: row.0, subscription: row.1, alert: row.2, idempotencyKey: row.3, payload: row.4, attempts: row.5, nextAttemptAt: row.6,
                    state: state, lastError: row.8))
        }
        return deliveries
    }
}
