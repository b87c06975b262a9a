import GRDB
import VigilCore
public import VigilStore

extension SQLiteEventStore: DeliveryStore {
    public func insertSubscription(_ subscription: WebhookSubscription) async throws -> WebhookSubscription {
        try await writer.write { db in
            try db.execute(
                sql: """
                    INSERT INTO webhook_subscription (url, secret, jurisdictions, minimum_severity, created_at) VALUES (?, ?, ?, ?, ?)
                    """,
                arguments: [
                    subscription.url, subscription.secret, subscription.jurisdictions.description, subscription.minimumSeverity.rawValue,
                    subscription.createdAt,
                ])
            var stored = subscription
            stored.id = db.lastInsertedRowID
            return stored
        }
    }

    public func fetchSubscriptions() async throws -> [WebhookSubscription] {
        try await writer.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM webhook_subscription ORDER BY id").map { row in
                guard let jurisdictions = try? Jurisdictions(parsing: row["jurisdictions"] as String),
                    let severity = Alert.Severity(rawValue: row["minimum_severity"])
                else {
                    throw StoreError(code: .corruptValue, message: "webhook subscription \(row["id"] as Int64) cannot be read by this version of Vigil")
                }
                return WebhookSubscription(
                    id: row["id"], url: row["url"], secret: row["secret"], jurisdictions: jurisdictions, minimumSeverity: severity,
                    createdAt: row["created_at"])
            }
        }
    }

    public func deleteSubscription(_ id: Int64) async throws -> Bool {
        try await writer.write { db in
            try db.execute(sql: "DELETE FROM webhook_subscription WHERE id = ?", arguments: [id])
            return db.changesCount == 1
        }
    }

    public func enqueue(_ deliveries: [WebhookDelivery]) async throws -> Int {
        try await writer.write { db in
            var added = 0
            for delivery in deliveries {
                try db.execute(
                    sql: """
                        INSERT INTO webhook_delivery (subscription_id, alert_id, idempotency_key, payload, attempts, next_attempt_at, state)
                        VALUES (?, ?, ?, ?, 0, ?, 'pending') ON CONFLICT (idempotency_key) DO NOTHING
                        """,
                    arguments: [delivery.subscription, delivery.alert, delivery.idempotencyKey, delivery.payload, delivery.nextAttemptAt])
                added += db.changesCount
            }
            return added
        }
    }

    public func claimDueDeliveries(at time: Int64, limit: Int, leaseSeconds: Int64) async throws -> [WebhookDelivery] {
        // One writer at a time: the transaction that reads the due deliveries also moves them ahead.
        try await writer.write { db in
            var due = try Row.fetchAll(
                db, sql: "SELECT * FROM webhook_delivery WHERE state = 'pending' AND next_attempt_at <= ? ORDER BY id LIMIT ?",
                arguments: [time, max(0, limit)]
            ).map(Self.delivery(from:))
            for index in due.indices {
                due[index].nextAttemptAt = time + leaseSeconds
                try db.execute(sql: "UPDATE webhook_delivery SET next_attempt_at = ? WHERE id = ?", arguments: [due[index].nextAttemptAt, due[index].id])
            }
            return due
        }
    }

    public func recordAttempt(_ id: Int64, delivered: Bool, error: String?, nextAttemptAt: Int64?) async throws {
        try await writer.write { db in
            let state = delivered ? "delivered" : (nextAttemptAt == nil ? "dead" : "pending")
            try db.execute(
                sql: """
                    UPDATE webhook_delivery SET attempts = attempts + 1, state = ?, last_error = ?, next_attempt_at = COALESCE(?, next_attempt_at)
                    WHERE id = ? AND state = 'pending'
                    """,
                arguments: [state, error, nextAttemptAt, id])
        }
    }

    public func fetchDeliveries(state: WebhookDelivery.State?, limit: Int) async throws -> [WebhookDelivery] {
        try await writer.read { db in
            try Row.fetchAll(
                db, sql: "SELECT * FROM webhook_delivery WHERE ? IS NULL OR state = ? ORDER BY id DESC LIMIT ?",
                arguments: [state?.rawValue, state?.rawValue, max(0, limit)]
            ).map(Self.delivery(from:))
        }
    }

    private static func delivery(from row: Row) throws -> WebhookDelivery {
        guard let state = WebhookDelivery.State(rawValue: row["state"]) else {
            throw StoreError(code: .corruptValue, message: "webhook delivery \(row["id"] as Int64) has an unknown state")
        }
        return WebhookDelivery(
            id: row["id"], subscription: row["subscription_id"], alert: row["alert_id"], idempotencyKey: row["idempotency_key"],
            payload: row["payload"], attempts: row["attempts"], nextAttemptAt: row["next_attempt_at"], state: state,
            lastError: row["last_error"])
    }
}
