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

    /// Writes the event as ``Response/json(_:status:audit:)`` would, faster.
    func write(to output: inout JSONOutput) {
        output.object { json in
            json.field("age_band", ageBand)
            json.field("id", id)
            json.field("latitude", latitude)
            json.field("longitude", longitude)
            json.field("naloxone_doses", naloxoneDoses)
            json.field("naloxone_given", naloxoneGiven)
            json.field("occurred_at", occurredAt)
            json.field("outcome", outcome)
            json.field("region", region)
            json.field("sex", sex)
            json.field("source_kind", sourceKind)
            json.field("substances") { $0.array(substances) { $0.string($1) } }
        }
    }
}

extension EventSubmission.Report {
    /// Writes the report as ``Response/json(_:status:audit:)`` would, faster: a 1,000-item report
    /// is the largest answer on the ingest path.
    func write(to output: inout JSONOutput) {
        output.object { json in
            json.field("already_stored", alreadyStored)
            json.field("batch", batch)
            json.field("inserted", inserted)
            json.field("items") {
                $0.array(items) { json, item in
                    json.object { json in
                        json.field("accepted", item.accepted)
                        json.field("id", item.id)
                        json.field("index", item.index)
                        json.field("issues") {
                            $0.array(item.issues) { json, issue in
                                json.object { json in
                                    json.field("column", issue.column)
                                    json.field("reason", issue.reason)
                                    json.field("value", issue.value)
                                }
                            }
                        }
                    }
                }
            }
            json.field("regions") { $0.array(regions) { $0.string($1) } }
            json.field("rejected", rejected)
        }
    }
}

extension Response {
    /// A JSON answer (snake_case keys, sorted), with what the handler touched for the audit log.
    static func json(_ value: some Encodable, status: HTTPResponse.Status = .ok, audit: String? = nil) throws -> Response {
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.outputFormatting = [.sortedKeys]
        return json(ByteBuffer(bytes: try encoder.encode(value)), status: status, audit: audit)
    }

    /// A JSON answer already written, with what the handler touched for the audit log.
    static func json(_ output: JSONOutput, status: HTTPResponse.Status = .ok, audit: String? = nil) -> Response {
        json(output.buffer, status: status, audit: audit)
    }

    private static func json(_ body: ByteBuffer, status: HTTPResponse.Status, audit: String?) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "application/json; charset=utf-8"
        if let audit { headers[AuditMiddleware.detailHeader] = audit }
        return Response(status: status, headers: headers, body: .init(byteBuffer: body))
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
