public import VigilCore

/// Where alerts are posted: a URL, the secret that signs each body, and which alerts it wants.
public struct WebhookSubscription: Hashable, Sendable, Codable, Identifiable {
    /// Assigned by the store (0 before it is stored).
    public var id: Int64
    /// The receiver, `http` or `https`.
    public var url: String
    /// The HMAC-SHA256 key of the `X-Vigil-Signature` header.
    public var secret: String
    /// Only alerts within these jurisdictions.
    public var jurisdictions: Jurisdictions
    /// Only alerts at least this severe.
    public var minimumSeverity: Alert.Severity
    /// When it was created (seconds since 1970, UTC).
    public var createdAt: Int64

    /// Creates a subscription.
    public init(id: Int64 = 0, url: String, secret: String, jurisdictions: Jurisdictions, minimumSeverity: Alert.Severity, createdAt: Int64) {
        self.id = id
        self.url = url
        self.secret = secret
        self.jurisdictions = jurisdictions
        self.minimumSeverity = minimumSeverity
        self.createdAt = createdAt
    }
}

/// One alert to post to one subscription, kept in the outbox until it is delivered or given up.
public struct WebhookDelivery: Hashable, Sendable, Codable, Identifiable {
    /// Where a delivery stands.
    public enum State: String, Hashable, Sendable, Codable, CaseIterable {
        /// Waiting for its next attempt.
        case pending
        /// The receiver answered 2xx.
        case delivered
        /// Every attempt failed: the dead-letter list.
        case dead
    }

    /// Assigned by the store.
    public var id: Int64
    /// The subscription.
    public var subscription: Int64
    /// The alert.
    public var alert: Int64
    /// Unique per subscription and alert version; sent as `X-Vigil-Idempotency-Key`.
    public var idempotencyKey: String
    /// The JSON body.
    public var payload: String
    /// Attempts made so far.
    public var attempts: Int
    /// When the next attempt is due (seconds since 1970, UTC).
    public var nextAttemptAt: Int64
    /// Where it stands.
    public var state: State
    /// The last failure, if any.
    public var lastError: String?

    /// Creates a delivery.
    public init(
        id: Int64 = 0, subscription: Int64, alert: Int64, idempotencyKey: String, payload: String, attempts: Int = 0, nextAttemptAt: Int64,
        state: State = .pending, lastError: String? = nil
    ) {
        self.id = id
        self.subscription = subscription
        self.alert = alert
        self.idempotencyKey = idempotencyKey
        self.payload = payload
        self.attempts = attempts
        self.nextAttemptAt = nextAttemptAt
        self.state = state
        self.lastError = lastError
    }
}

/// Stores webhook subscriptions and the delivery outbox, so that no alert is lost across a
/// restart or a crash.
public protocol DeliveryStore: Sendable {
    /// Stores a subscription and returns it with its id.
    func insertSubscription(_ subscription: WebhookSubscription) async throws -> WebhookSubscription
    /// Every subscription, oldest first.
    func fetchSubscriptions() async throws -> [WebhookSubscription]
    /// Deletes a subscription and its pending deliveries; `false` when there is none.
    func deleteSubscription(_ id: Int64) async throws -> Bool
    /// Adds deliveries to the outbox, skipping any whose idempotency key is already there.
    /// - Returns: How many were added.
    func enqueue(_ deliveries: [WebhookDelivery]) async throws -> Int
    /// Claims the pending deliveries due at `time`, oldest first: their next attempt moves
    /// `leaseSeconds` ahead, so that another server working on the same database (or this one, if
    /// it dies before ``recordAttempt(_:delivered:error:nextAttemptAt:)``) attempts them only after
    /// the lease. Deliveries another server is claiming at the same moment are skipped, not waited for.
    /// - Returns: The claimed deliveries, their next attempt at the end of the lease.
    func claimDueDeliveries(at time: Int64, limit: Int, leaseSeconds: Int64) async throws -> [WebhookDelivery]
    /// Records an attempt: delivered, or failed with the time of the next attempt (`nil`: dead).
    func recordAttempt(_ id: Int64, delivered: Bool, error: String?, nextAttemptAt: Int64?) async throws
    /// Deliveries in a state (all when `nil`), newest first.
    func fetchDeliveries(state: WebhookDelivery.State?, limit: Int) async throws -> [WebhookDelivery]
}
