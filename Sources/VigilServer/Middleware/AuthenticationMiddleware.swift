import Foundation
import Hummingbird
import VigilKit

/// Reads the bearer token of a request, or the session cookie of a dashboard page (and of the
/// alert stream, which a browser's EventSource opens without headers). Open routes (health,
/// readiness, the OpenAPI document, metrics, public aggregates) need neither; dashboard pages
/// without a session send the browser to the login page; every other route needs an active token
/// and gets 401 without one. A token that is given but unknown or revoked gets 401 everywhere.
struct AuthenticationMiddleware: RouterMiddleware {
    typealias Context = VigilRequestContext
    let issuer: TokenIssuer
    let sessions: DashboardSessions

    /// Paths served without a token.
    static let openPaths: Set<String> = ["/api/v1/health", "/api/v1/ready", "/api/v1/openapi.json", "/metrics"]

    /// Whether a path is a dashboard page (everything outside the API).
    static func isDashboard(_ path: String) -> Bool { !path.hasPrefix("/api/") && path != "/metrics" }

    /// A cookie's value.
    static func cookie(_ name: String, in request: Request) -> String? {
        for field in request.headers[values: .cookie] {
            for pair in field.split(separator: ";") {
                let parts = pair.trimmingCharacters(in: .whitespaces).split(separator: "=", maxSplits: 1)
                if parts.count == 2, parts[0] == name { return String(parts[1]) }
            }
        }
        return nil
    }

    /// Whether a path is served without a token.
    static func isOpen(_ path: String) -> Bool { openPaths.contains(path) || path.hasPrefix("/api/v1/public/") || path == "/public" }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        if let header = request.headers[.authorization] {
            guard header.hasPrefix("Bearer "), let token = try await issuer.authenticate(String(header.dropFirst(7))) else {
                throw APIError.unauthenticated
            }
            context.token = token
        } else if let id = Self.cookie(DashboardSessions.cookieName, in: request), let session = await sessions.session(id),
            Self.isDashboard(request.uri.path) || request.uri.path == "/api/v1/alerts/stream"
        {
            context.token = session.token
            context.session = (id, session.csrf)
        } else if !Self.isOpen(request.uri.path), !Self.isDashboard(request.uri.path) {
            throw APIError.unauthenticated
        }
        return try await next(request, context)
    }
}
