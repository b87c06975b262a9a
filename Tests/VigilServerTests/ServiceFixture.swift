import Foundation
import Hummingbird
import HummingbirdTesting
import VigilCore
import VigilKit
import VigilServer
import VigilStore
import VigilStoreSQLite
import VigilTestSupport

/// A service over an in-memory store with a token for every role in Connecticut (09) and in
/// Pennsylvania (42), two events and one alert in each state.
struct ServiceFixture {
    let store: SQLiteEventStore
    /// Secrets by role, for Connecticut.
    var connecticut: [Role: String] = [:]
    /// Secrets by role, for Pennsylvania.
    var pennsylvania: [Role: String] = [:]
    /// The alert in Connecticut and the one in Pennsylvania.
    var connecticutAlert: Int64 = 0
    var pennsylvaniaAlert: Int64 = 0

    init() async throws {
        store = try SQLiteEventStore.inMemory()
        let issuer = TokenIssuer(store: store)
        for role in Role.allCases {
            connecticut[role] = try await issuer.create(name: "CT \(role)", role: role, jurisdictions: try Jurisdictions(parsing: "09"), now: 1).secret
            pennsylvania[role] = try await issuer.create(name: "PA \(role)", role: role, jurisdictions: try Jurisdictions(parsing: "42"), now: 1).secret
        }
        let events = [
            EventFactory.event("ct1", on: "2024-03-01", region: "09009"), EventFactory.event("ct2", on: "2024-03-02", region: "09003"),
            EventFactory.event("pa1", on: "2024-03-01", region: "42003"), EventFactory.event("pa2", on: "2024-03-02", region: "42101"),
        ]
        let batch = try await store.beginImport(
            ImportBatchStart(sourceSystem: SourceSystemID(rawValue: "test")!, origin: "fixture", mapping: "vigil", startedAt: 0))
        _ = try await store.write(ImportChunk(events: events, rejected: [], rowsRead: events.count), to: batch)
        func signal(_ series: String) -> AlertSignal {
            AlertSignal(
                method: "ears-c2", series: series, region: RegionCode(rawValue: series)!, subgroup: nil, interval: "day",
                period: CalendarDate(iso: "2024-03-02")!, observed: 9, expected: 2, upperBound: 6, score: 4, pValue: nil, severity: .red)
        }
        connecticutAlert = try await store.recordSignal(signal("09009"), continuationDays: 7, at: 10).alert.id.rawValue
        pennsylvaniaAlert = try await store.recordSignal(signal("42003"), continuationDays: 7, at: 10).alert.id.rawValue
    }

    /// Runs requests against the service's router.
    func test(_ body: @escaping @Sendable (any TestClientProtocol) async throws -> Void) async throws {
        let app = Application(router: VigilService(store: store).router())
        try await app.test(.router) { client in try await body(client) }
    }
}

extension TestClientProtocol {
    /// A request with a bearer token and an optional JSON body; returns the status and the body.
    func call(_ method: HTTPRequest.Method, _ uri: String, token: String?, body: String? = nil, contentType: String = "application/json")
        async throws -> (status: HTTPResponse.Status, body: String, headers: HTTPFields)
    {
        var headers = HTTPFields()
        if let token { headers[.authorization] = "Bearer " + token }
        if body != nil { headers[.contentType] = contentType }
        return try await execute(uri: uri, method: method, headers: headers, body: body.map { ByteBuffer(string: $0) }) { response in
            (response.status, String(buffer: response.body), response.headers)
        }
    }
}

/// Parses a JSON object answer.
func object(_ text: String) throws -> [String: Any] {
    try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any] ?? [:]
}
