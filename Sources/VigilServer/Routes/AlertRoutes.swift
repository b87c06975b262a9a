import Foundation
import Hummingbird
import VigilCore
import VigilKit
import ServiceLifecycle
import VigilStore

/// Alerts within the token's jurisdictions: list, get, acknowledge and close with a note. An
/// alert outside them answers 404, as one that does not exist.
struct AlertRoutes {
    let store: any AlertStore
    let hub: AlertHub

    func add(to router: Router<VigilRequestContext>) {
        router.get("/api/v1/alerts") { request, context in try await list(request, context) }
        router.get("/api/v1/alerts/stream") { _, context in try await stream(context) }
        router.get("/api/v1/alerts/:id") { request, context in
            let alert = try await Self.visibleAlert(store, context, try context.require(.readAlerts, "read alerts"))
            return try Response.json(AlertRepresentation(alert), audit: "alert \(alert.id.rawValue)")
        }
        router.post("/api/v1/alerts/:id/acknowledge") { request, context in try await change(request, context, to: .acknowledged) }
        router.post("/api/v1/alerts/:id/close") { request, context in try await change(request, context, to: .closed) }
    }

    private func list(_ request: Request, _ context: VigilRequestContext) async throws -> Response {
        let token = try context.require(.readAlerts, "read alerts")
        let status = try request.uri.queryParameters.get("status").map { text in
            guard let status = Alert.Status(rawValue: text) else { throw APIError(.badRequest, "status '\(text)' is not open, acknowledged or closed") }
            return status
        }
        let alerts = try await store.fetchAlerts(status: status).filter { token.jurisdictions.covers($0.latest.region) }
        return try .json(["alerts": alerts.map(AlertRepresentation.init)], audit: "\(alerts.count) alerts: \(alerts.map { String($0.id.rawValue) }.joined(separator: ","))")
    }

    private func change(_ request: Request, _ context: VigilRequestContext, to status: Alert.Status) async throws -> Response {
        let token = try context.require(.manageAlerts, "acknowledge or close alerts")
        let alert = try await Self.visibleAlert(store, context, token)
        var request = request
        let body = try await request.collectBody(upTo: 64 << 10)
        var note: String?
        if body.readableBytes > 0 {
            guard let object = try? JSONSerialization.jsonObject(with: Data(body.readableBytesView)) as? [String: Any] else {
                throw APIError(.badRequest, "the body must be a JSON object such as {\"note\": \"…\"}")
            }
            guard object["note"] == nil || object["note"] is String else { throw APIError(.badRequest, "note must be a string") }
            note = object["note"] as? String
        }
        let updated = try await store.updateAlert(alert.id, to: status, note: note, at: Int64(Date().timeIntervalSince1970))
        return try .json(AlertRepresentation(updated), audit: "alert \(alert.id.rawValue) → \(status.rawValue)")
    }

    /// Server-sent events: `event: alert` with the alert as JSON each time an alert within the
    /// token's jurisdictions is raised or changes, and a comment every 15 s to keep proxies open.
    private func stream(_ context: VigilRequestContext) async throws -> Response {
        let token = try context.require(.readAlerts, "read alerts")
        let alerts = await hub.subscribe(token.jurisdictions)
        let (events, output) = AsyncStream<ByteBuffer>.makeStream()
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.outputFormatting = [.sortedKeys]
        // The stream ends when the client goes or the server begins to shut down (draining would
        // otherwise wait for it).
        let forward = Task {
            output.yield(ByteBuffer(string: ": connected\n\n"))
            await withGracefulShutdownHandler {
                for await alert in alerts {
                    let json = (try? encoder.encode(AlertRepresentation(alert))).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
                    output.yield(ByteBuffer(string: "event: alert\nid: \(alert.id.rawValue)-\(alert.updatedAt)\ndata: \(json)\n\n"))
                }
            } onGracefulShutdown: {
                output.finish()
            }
            output.finish()
        }
        let heartbeat = Task {
            while !Task.isCancelled {
                try? await Task.sleep(for: .seconds(15))
                output.yield(ByteBuffer(string: ": keep-alive\n\n"))
            }
        }
        output.onTermination = { _ in
            forward.cancel()
            heartbeat.cancel()
        }
        var headers = HTTPFields()
        headers[.contentType] = "text/event-stream"
        headers[.cacheControl] = "no-store"
        headers[AuditMiddleware.detailHeader] = "event stream opened"
        return Response(status: .ok, headers: headers, body: ResponseBody(asyncSequence: events))
    }

    /// The alert named by the path, if it exists and lies within the token's jurisdictions; 404
    /// otherwise, the same answer for both so that alerts cannot be probed.
    static func visibleAlert(_ store: any AlertStore, _ context: VigilRequestContext, _ token: APIToken) async throws -> Alert {
        guard let raw = context.parameters.get("id").flatMap(Int64.init), let alert = try await store.fetchAlert(AlertID(rawValue: raw)),
            token.jurisdictions.covers(alert.latest.region)
        else { throw APIError.notFound }
        return alert
    }
}
