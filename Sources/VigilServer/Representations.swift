import Foundation
import Hummingbird
import VigilCore
import VigilKit
import VigilStore

/// An event as the API shows it, in the field names of Vigil's own import format.
struct EventRepresentation: Encodable {
    var id: String
    var occurredAt: String
    var region: String?
    var latitude: Double?
    var longitude: Double?
    var outcome: String
    var naloxoneDoses: Int?
    var naloxoneGiven: Bool?
    var substances: [String]
    var sourceKind: String
    var ageBand: String?
    var sex: String?

    init(_ event: OverdoseEvent) {
        id = event.id.rawValue
        occurredAt = event.occurredAt.description
        region = event.region?.rawValue
        latitude = event.location?.latitude
        longitude = event.location?.longitude
        outcome = event.outcome.rawValue
        switch event.naloxone {
        case nil: break
        case .notGiven?: (naloxoneGiven, naloxoneDoses) = (false, 0)
        case .given(let doses)?: (naloxoneGiven, naloxoneDoses) = (true, doses)
        }
        substances = event.substances.map { $0.substance?.rawValue ?? "unknown:" + $0.text }
        sourceKind = event.sourceKind.rawValue
        ageBand = event.ageBand?.rawValue
        sex = event.sex?.rawValue
    }
}

extension Response {
    /// A JSON answer (snake_case keys, sorted), with what the handler touched for the audit log.
    static func json(_ value: some Encodable, status: HTTPResponse.Status = .ok, audit: String? = nil) throws -> Response {
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.outputFormatting = [.sortedKeys]
        var headers = HTTPFields()
        headers[.contentType] = "application/json; charset=utf-8"
        if let audit { headers[AuditMiddleware.detailHeader] = audit }
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: try encoder.encode(value))))
    }
}

extension VigilRequestContext {
    /// The authenticated token, which must allow `permission`.
    /// - Throws: ``APIError`` 401 without a token, 403 when the role does not allow it.
    func require(_ permission: Permission, _ what: String) throws -> APIToken {
        guard let token else { throw APIError.unauthenticated }
        guard token.role.allows(permission) else { throw APIError.forbidden(what) }
        return token
    }
}
