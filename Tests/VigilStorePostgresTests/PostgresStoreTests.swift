import Foundation
import PostgresNIO
import Testing
import VigilCore
import VigilStore
import VigilTestSupport

@testable import VigilStorePostgres

@Suite("PostgreSQL store", .enabled(if: PostgresTestDatabase.enabled), .serialized)
struct PostgresStoreTests {
    @Test("passes the event store conformance suite", arguments: EventStoreConformance.checks.indices)
    func events(check: Int) async throws {
        try await PostgresTestDatabase.withStore { try await EventStoreConformance.checks[check].run($0) }
    }

    @Test("passes the alert store conformance suite", arguments: AlertStoreConformance.checks.indices)
    func alerts(check: Int) async throws {
        try await PostgresTestDatabase.withStore { try await AlertStoreConformance.checks[check].run($0) }
    }

    @Test("passes the access store conformance suite", arguments: AccessStoreConformance.checks.indices)
    func access(check: Int) async throws {
        try await PostgresTestDatabase.withStore { try await AccessStoreConformance.checks[check].run($0) }
    }

    @Test("passes the network store conformance suite", arguments: NetworkStoreConformance.checks.indices)
    func network(check: Int) async throws {
        try await PostgresTestDatabase.withStore { try await NetworkStoreConformance.checks[check].run($0) }
    }

    @Test("passes the sample store conformance suite", arguments: SampleStoreConformance.checks.indices)
    func samples(check: Int) async throws {
        try await PostgresTestDatabase.withStore { try await SampleStoreConformance.checks[check].run($0) }
    }

    @Test("passes the service location store conformance suite", arguments: ServiceLocationStoreConformance.checks.indices)
    func serviceLocations(check: Int) async throws {
        try await PostgresTestDatabase.withStore { try await ServiceLocationStoreConformance.checks[check].run($0) }
    }

    @Test("passes the screening store conformance suite", arguments: ScreeningStoreConformance.checks.indices)
    func screening(check: Int) async throws {
        try await PostgresTestDatabase.withStore { try await ScreeningStoreConformance.checks[check].run($0) }
    }

    @Test("the audit log refuses UPDATE, DELETE and TRUNCATE, even in SQL")
    func appendOnly() async throws {
        try await PostgresTestDatabase.withStore { store in
            try await store.appendAudit([AuditEntry(at: 1, tokenID: "tok_a", role: .admin, action: "GET /api/v1/audit", detail: "", status: 200)])
            for statement: PostgresQuery in ["UPDATE audit_log SET status = 500", "DELETE FROM audit_log", "TRUNCATE audit_log"] {
                await #expect(throws: PSQLError.self) { try await store.client.query(statement) }
            }
            #expect(try await store.fetchAudit(before: nil, limit: 10).map(\.status) == [200])
        }
    }

    @Test("events go to one partition per month, created as their months first arrive")
    func partitions() async throws {
        try await PostgresTestDatabase.withStore { store in
            let events = ["2023-12-31", "2024-01-01", "2024-01-31", "2024-02-29"].enumerated().map {
                EventFactory.event("p\($0.offset)", on: $0.element)
            }
            let start = ImportBatchStart(sourceSystem: SourceSystemID(rawValue: "test")!, origin: "t", mapping: "vigil", startedAt: 0)
            _ = try await store.importAtOnce(start, ImportChunk(events: events, rejected: [], rowsRead: 4))
            let rows = try await store.client.query(
                "SELECT tableoid::regclass::text, COUNT(*) FROM event GROUP BY 1 ORDER BY 1")
            var counts: [String: Int] = [:]
            for try await (table, count) in rows.decode((String, Int).self) { counts[table] = count }
            #expect(counts == ["event_y2023m12": 1, "event_y2024m01": 2, "event_y2024m02": 1])
        }
    }

    @Test("a database at a newer schema version is refused with a clear error")
    func newerSchema() async throws {
        try await PostgresTestDatabase.withStore { store in
            try await store.client.query("INSERT INTO vigil_migration (version, description) VALUES (999, 'from the future')")
            let url = try #require(PostgresTestDatabase.url) + "?schema=" + (try await Self.schema(of: store))
            do {
                _ = try await PostgresStore.connect(url: url)
                Issue.record("a newer schema was accepted")
            } catch let error as StoreError {
                #expect(error.code == .schemaTooNew && error.message.contains("999"))
            }
        }
    }

    @Test("a refused connection, bad credentials and a malformed URL fail fast with a clear error")
    func connectionFailures() async throws {
        let url = try #require(PostgresTestDatabase.url)
        // The test cluster trusts local connections, so an unknown user stands for bad credentials.
        var stranger = try #require(URLComponents(string: url))
        (stranger.user, stranger.password) = ("nobody_here", "not-the-password")
        let cases: [(String, String)] = [
            ("postgres://vigil:vigil@127.0.0.1:1/vigil", "refused"),
            (stranger.string!, "nobody_here"),
            ("postgres://127.0.0.1/vigil", "names no user"),
            ("postgres://vigil@127.0.0.1:5432", "names no database"),
        ]
        for (target, reason) in cases {
            let started = ContinuousClock.now
            do {
                _ = try await PostgresStore.connect(url: target, timeout: .seconds(5))
                Issue.record("\(target) connected")
            } catch let error as StoreError {
                #expect(error.code == .cannotOpen && error.message.contains(reason), "\(error.message)")
                #expect(!error.message.contains("not-the-password"))
            }
            #expect(ContinuousClock.now - started < .seconds(8))
        }
    }

    @Test("two stores on one database raise one alert for the same signal, however they race")
    func oneAlertAcrossServers() async throws {
        try await PostgresTestDatabase.withStores(2) { stores in
            let signal = AlertSignal(
                method: "ears-c2", series: "09009", region: RegionCode(rawValue: "09009")!, subgroup: nil, interval: "day",
                period: CalendarDate(iso: "2024-03-02")!, observed: 9, expected: 2, upperBound: 6, score: 4, pValue: nil, severity: .red)
            let raised = try await withThrowingTaskGroup(of: Bool.self) { group in
                for attempt in 0..<20 { group.addTask { try await stores[attempt % 2].recordSignal(signal, continuationDays: 7, at: 10).isNew } }
                return try await group.reduce(0) { $0 + ($1 ? 1 : 0) }
            }
            #expect(raised == 1)
            #expect(try await stores[1].fetchAlerts(status: nil).count == 1)
        }
    }

    @Test("two stores claiming the outbox at once never get the same delivery")
    func disjointClaims() async throws {
        try await PostgresTestDatabase.withStores(2) { stores in
            let subscription = try await stores[0].insertSubscription(
                WebhookSubscription(url: "http://127.0.0.1:9/x", secret: "s", jurisdictions: try Jurisdictions(parsing: "US"), minimumSeverity: .yellow, createdAt: 1))
            let deliveries = (0..<200).map {
                WebhookDelivery(subscription: subscription.id, alert: Int64($0), idempotencyKey: "k\($0)", payload: "{}", nextAttemptAt: 5)
            }
            #expect(try await stores[0].enqueue(deliveries) == 200)
            #expect(try await stores[1].enqueue(deliveries) == 0, "the same keys are not queued twice")
            let claims = try await withThrowingTaskGroup(of: [Int64].self) { group in
                for claimer in 0..<8 {
                    group.addTask {
                        var mine: [Int64] = []
                        while true {
                            let claimed = try await stores[claimer % 2].claimDueDeliveries(at: 10, limit: 7, leaseSeconds: 60)
                            if claimed.isEmpty { return mine }
                            mine += claimed.map(\.id)
                        }
                    }
                }
                return try await group.reduce(into: [[Int64]]()) { $0.append($1) }
            }
            let all = claims.flatMap { $0 }
            #expect(all.count == 200 && Set(all).count == 200)
            #expect(try await stores[0].claimDueDeliveries(at: 69, limit: 10, leaseSeconds: 60).isEmpty, "claimed until the lease ends")
            #expect(try await stores[1].claimDueDeliveries(at: 70, limit: 500, leaseSeconds: 60).count == 200, "claimable again after it")
        }
    }

    private static func schema(of store: PostgresStore) async throws -> String {
        for try await name in try await store.client.query("SELECT current_schema()").decode(String.self) { return name }
        return "public"
    }
}
