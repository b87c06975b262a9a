import Hummingbird
import VigilKit

/// Reads the bearer token of a request. Open routes (health, readiness, the OpenAPI document,
/// metrics, public aggregates) need none; every other route needs an active token and gets 401 without one. A token
/// that is given but unknown or revoked gets 401 everywhere.
struct AuthenticationMiddleware: RouterMiddleware {
    typealias Context = VigilRequestContext
    let issuer: TokenIssuer

    /// Paths served without a token.
    static let openPaths: Set<String> = ["/api/v1/health", "/api/v1/ready", "/api/v1/openapi.json", "/metrics"]

    /// Whether a path is served without a token.
    static func isOpen(_ path: String) -> Bool { openPaths.contains(path) || path.hasPrefix("/api/v1/public/") }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        if let header = request.headers[.authorization] {
            guard header.hasPrefix("Bearer "), let token = try await issuer.authenticate(String(header.dropFirst(7))) else {
                throw APIError.unauthenticated
            }
            context.token = token
        } else if !Self.isOpen(request.uri.path) {
            throw APIError.unauthenticated
        }
        return try await next(request, context)
    }
}
