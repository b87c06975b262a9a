import Foundation
import Hummingbird
import VigilCore
import VigilStore

/// Webhook subscriptions and the delivery outbox, for admins: add, list (secrets hidden), delete,
/// and the deliveries by state (`dead` is the dead-letter list).
struct SubscriptionRoutes {
    let store: any DeliveryStore

    func add(to router: Router<VigilRequestContext>) {
        router.post("/api/v1/subscriptions") { request, context in try await create(request, context) }
        router.get("/api/v1/subscriptions") { _, context in
            _ = try context.require(.administer, "manage webhook subscriptions")
            let subscriptions = try await store.fetchSubscriptions().map(Listed.init)
            return try Response.json(["subscriptions": subscriptions], audit: "\(subscriptions.count) subscriptions")
        }
        router.delete("/api/v1/subscriptions/:id") { _, context in
            _ = try context.require(.administer, "manage webhook subscriptions")
            guard let id = context.parameters.get("id").flatMap(Int64.init), try await store.deleteSubscription(id) else { throw APIError.notFound }
            return try Response.json(["deleted": id], audit: "subscription \(id) deleted")
        }
        router.get("/api/v1/deliveries") { request, context in
            _ = try context.require(.administer, "read webhook deliveries")
            let query = request.uri.queryParameters
            let state = try query.get("state").map { text in
                guard let state = WebhookDelivery.State(rawValue: text) else {
                    throw APIError(.badRequest, "state '\(text)' is not pending, delivered or dead")
                }
                return state
            }
            let limit = try QueryFilter.integer(query, "limit", default: 100, in: 1...1000)
            let deliveries = try await store.fetchDeliveries(state: state, limit: limit)
            return try Response.json(["deliveries": deliveries], audit: "\(deliveries.count) deliveries")
        }
    }

    /// A subscription without its secret.
    struct Listed: Encodable {
        var id: Int64
        var url: String
        var jurisdictions: String
        var minimumSeverity: String
        var createdAt: Int64

        init(_ subscription: WebhookSubscription) {
            (id, url, jurisdictions) = (subscription.id, subscription.url, subscription.jurisdictions.description)
            (minimumSeverity, createdAt) = (subscription.minimumSeverity.rawValue, subscription.createdAt)
        }
    }

    private func create(_ request: Request, _ context: VigilRequestContext) async throws -> Response {
        _ = try context.require(.administer, "manage webhook subscriptions")
        var request = request
        let body = try await request.collectBody(upTo: 64 << 10)
        guard let object = try? JSONSerialization.jsonObject(with: Data(body.readableBytesView)) as? [String: Any] else {
            throw APIError(.badRequest, "the body must be a JSON object with url, secret, jurisdictions and minimum_severity")
        }
        guard let text = object["url"] as? String, let url = URL(string: text), ["http", "https"].contains(url.scheme ?? ""), url.host != nil else {
            throw APIError(.badRequest, "url must be an http or https URL")
        }
        guard let secret = object["secret"] as? String, secret.utf8.count >= 16 else {
            throw APIError(.badRequest, "secret must be a string of at least 16 characters (it signs every body)")
        }
        let jurisdictions: Jurisdictions
        do { jurisdictions = try Jurisdictions(parsing: object["jurisdictions"] as? String ?? "") } catch {
            throw APIError(.badRequest, "jurisdictions: \(error.message)")
        }
        let severityText = object["minimum_severity"] as? String ?? "yellow"
        guard let severity = Alert.Severity(rawValue: severityText) else { throw APIError(.badRequest, "minimum_severity '\(severityText)' is not yellow or red") }
        let stored = try await store.insertSubscription(WebhookSubscription(
            url: text, secret: secret, jurisdictions: jurisdictions, minimumSeverity: severity, createdAt: Int64(Date().timeIntervalSince1970)))
        return try Response.json(Listed(stored), status: .created, audit: "subscription \(stored.id) → \(stored.url)")
    }
}
