import Foundation
public import Hummingbird

/// An error answered as JSON: `{"error": {"status": 400, "message": "…"}}`.
public struct APIError: HTTPResponseError {
    public let status: HTTPResponse.Status
    /// What went wrong and what to change.
    public let message: String

    /// Creates an error.
    public init(_ status: HTTPResponse.Status, _ message: String) {
        self.status = status
        self.message = message
    }

    /// 401: no token, or one that is unknown or revoked.
    static let unauthenticated = APIError(.unauthorized, "a valid bearer token is needed: 'Authorization: Bearer vgl_…'")
    /// 404: also the answer for records outside the caller's jurisdictions, so they cannot be probed.
    static let notFound = APIError(.notFound, "no such record")

    /// 403 for a role that may not do something.
    static func forbidden(_ what: String) -> APIError { APIError(.forbidden, "this token's role may not \(what)") }

    public func response(from request: Request, context: some RequestContext) throws -> Response {
        let body = try JSONSerialization.data(withJSONObject: ["error": ["status": Int(status.code), "message": message]], options: [.sortedKeys])
        var headers = HTTPFields()
        headers[.contentType] = "application/json; charset=utf-8"
        if status == .unauthorized { headers[.wwwAuthenticate] = "Bearer realm=\"vigil\"" }
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: body)))
    }
}
