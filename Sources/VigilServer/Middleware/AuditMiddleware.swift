import Foundation
import HTTPTypes
import Hummingbird
import VigilKit
import VigilStore

/// Appends every authenticated request to the audit log before the answer leaves: who (token and
/// role), what (method and path), with which filters, records or counts (what the handler
/// reports, else the query), and the status of the answer. Open routes are not logged. Entries
/// of concurrent requests are appended together (group commit).
struct AuditMiddleware: RouterMiddleware {
    typealias Context = VigilRequestContext
    private let journal: GroupCommit<AuditEntry, Void>

    init(store: any AccessStore) {
        journal = GroupCommit { entries in
            try await store.appendAudit(entries)
            return entries.map { _ in () }
        }
    }

    /// The internal header through which handlers report what they touched; removed before the
    /// answer leaves.
    static let detailHeader = HTTPField.Name("X-Vigil-Audit")!

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard !AuthenticationMiddleware.isOpen(request.uri.path) else { return try await next(request, context) }
        let action = "\(request.method.rawValue) \(request.uri.path)"
        do {
            var response = try await next(request, context)
            let detail = response.headers[Self.detailHeader] ?? request.uri.query ?? ""
            response.headers[Self.detailHeader] = nil
            try await append(context, action, detail, Int(response.status.code))
            return response
        } catch {
            let status = ErrorMiddleware.apiError(for: error, logger: context.logger).status
            try await append(context, action, request.uri.query ?? "", Int(status.code))
            throw error
        }
    }

    private func append(_ context: Context, _ action: String, _ detail: String, _ status: Int) async throws {
        try await journal.submit(AuditEntry(
            at: Int64(Date().timeIntervalSince1970), tokenID: context.token?.id, role: context.token?.role, action: action,
            detail: detail, status: status))
    }
}
