import Foundation
import Hummingbird
import Synchronization
import VigilCore
import VigilStore

/// Health, readiness, the OpenAPI document, Prometheus metrics and the audit log.
struct SystemRoutes {
    let store: any AccessStore
    let metrics: ServerMetrics

    func add(to router: Router<VigilRequestContext>) {
        router.get("/api/v1/health") { _, _ in try Response.json(["status": "ok"]) }
        router.get("/api/v1/ready") { _, _ in
            // A database that has gone away may not refuse at once (a connection pool retries, a
            // query on a half-closed connection waits), so readiness waits two seconds at most and
            // leaves the probe behind rather than waiting for it to give up.
            let answered = await Self.answers(within: .seconds(2)) { (try? await store.fetchAudit(before: nil, limit: 1)) != nil }
            guard answered else { throw APIError(.serviceUnavailable, "the database does not answer") }
            return try Response.json(["status": "ready"])
        }
        router.get("/api/v1/openapi.json") { _, _ in
            var headers = HTTPFields()
            headers[.contentType] = "application/json; charset=utf-8"
            return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: try OpenAPIDocument.bytes())))
        }
        router.get("/metrics") { _, _ in
            var headers = HTTPFields()
            headers[.contentType] = "text/plain; version=0.0.4; charset=utf-8"
            return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(string: metrics.exposition())))
        }
        router.get("/api/v1/audit") { request, context in
            _ = try context.require(.administer, "read the audit log")
            let query = request.uri.queryParameters
            let limit = try QueryFilter.integer(query, "limit", default: 100, in: 1...1000)
            let before = try query.get("before").map { text in
                guard let value = Int64(text) else { throw APIError(.badRequest, "before '\(text)' must be an audit sequence number") }
                return value
            }
            let entries = try await store.fetchAudit(before: before, limit: limit)
            return try Response.json(["entries": entries], audit: "\(entries.count) audit entries")
        }
    }

    /// Whether `probe` answers `true` within `limit`; `false` when it answers `false` or not in time.
    static func answers(within limit: Duration, _ probe: @escaping @Sendable () async -> Bool) async -> Bool {
        let first = FirstAnswer()
        return await withCheckedContinuation { continuation in
            first.wait(continuation)
            Task { first.give(await probe()) }
            Task {
                try? await Task.sleep(for: limit)
                first.give(false)
            }
        }
    }
}

/// The OpenAPI 3.1 document of the API, bundled with the server.
enum OpenAPIDocument {
    static func bytes() throws -> [UInt8] {
        guard let url = Bundle.module.url(forResource: "openapi", withExtension: "json") else {
            throw APIError(.internalServerError, "the OpenAPI document is missing from this build")
        }
        return Array(try Data(contentsOf: url))
    }
}

/// A continuation that takes the first answer given and ignores the rest.
private final class FirstAnswer: Sendable {
    private let pending = Mutex<CheckedContinuation<Bool, Never>?>(nil)

    func wait(_ continuation: CheckedContinuation<Bool, Never>) { pending.withLock { $0 = continuation } }

    func give(_ answer: Bool) {
        pending.withLock { continuation in
            continuation?.resume(returning: answer)
            continuation = nil
        }
    }
}
