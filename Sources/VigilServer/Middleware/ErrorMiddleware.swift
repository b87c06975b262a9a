import Foundation
import HTTPTypes
import Hummingbird
import Logging
import VigilCore
import VigilIngest
import VigilStore

/// Turns every error into a JSON answer and adds the security headers to every response.
struct ErrorMiddleware: RouterMiddleware {
    typealias Context = VigilRequestContext

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var response: Response
        do {
            response = try await next(request, context)
        } catch let redirect as RedirectToLogin {
            response = try redirect.response(from: request, context: context)
        } catch {
            response = try Self.apiError(for: error, logger: context.logger).response(from: request, context: context)
        }
        Self.secure(&response.headers)
        return response
    }

    /// The answer for an error: the user's mistake as 4xx with its message, anything else as 500.
    static func apiError(for error: any Error, logger: Logger) -> APIError {
        switch error {
        case let error as APIError: return error
        case is RedirectToLogin: return APIError(.seeOther, "sign in first")
        case let error as HTTPError:
            return APIError(error.status, error.body ?? error.status.reasonPhrase)
        case let error as DomainError: return APIError(.badRequest, error.message)
        case let error as IngestError: return APIError(.badRequest, error.message)
        case let error as StoreError where error.code == .unknownAlert: return .notFound
        case let error as StoreError where error.code == .invalidTransition: return APIError(.conflict, error.message)
        case let error as StoreError where error.code == .unknownScreeningLine: return APIError(.notFound, error.message)
        default:
            logger.error("request failed", metadata: ["error": "\(error)"])
            return APIError(.internalServerError, "the server failed; the error is in its log")
        }
    }

    /// Strict headers: no inline script, no framing, no MIME sniffing, no referrer leaks.
    static func secure(_ headers: inout HTTPFields) {
        headers[.contentSecurityPolicy] = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; frame-ancestors 'none'; form-action 'self'; base-uri 'none'"
        headers[.xContentTypeOptions] = "nosniff"
        headers[HTTPField.Name("Referrer-Policy")!] = "no-referrer"
        headers[HTTPField.Name("X-Frame-Options")!] = "DENY"
    }
}
