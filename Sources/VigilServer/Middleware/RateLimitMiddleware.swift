import Foundation
import HTTPTypes
import Hummingbird
import Synchronization
import VigilStore

/// Per-token rate limits: a token bucket of `burst` requests refilled at `perSecond`; a request
/// over the limit gets 429 with `Retry-After`. Requests without a token are not limited here.
struct RateLimitMiddleware: RouterMiddleware {
    typealias Context = VigilRequestContext
    let perSecond: Double
    let burst: Double
    private let buckets = Buckets()

    /// Each token's bucket: tokens left and when it was last filled.
    final class Buckets: Sendable {
        let state = Mutex<[String: (tokens: Double, at: ContinuousClock.Instant)]>([:])
    }

    init(perSecond: Double, burst: Double) {
        self.perSecond = perSecond
        self.burst = burst
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard perSecond > 0, let id = context.token?.id else { return try await next(request, context) }
        let now = ContinuousClock.now
        let wait: Double? = buckets.state.withLock { buckets in
            var bucket = buckets[id] ?? (burst, now)
            let elapsed = bucket.at.duration(to: now)
            let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
            bucket = (min(burst, bucket.tokens + seconds * perSecond), now)
            defer { buckets[id] = bucket }
            guard bucket.tokens >= 1 else { return (1 - bucket.tokens) / perSecond }
            bucket.tokens -= 1
            return nil
        }
        guard let wait else { return try await next(request, context) }
        var response = try APIError(.tooManyRequests, "this token is over its rate limit of \(Int(perSecond)) requests a second; retry later")
            .response(from: request, context: context)
        response.headers[.retryAfter] = String(Int(wait.rounded(.up)))
        return response
    }
}
