import Foundation
import PostgresNIO
import Testing
import VigilStore

@testable import VigilStorePostgres

/// The PostgreSQL server the tests use: `VIGIL_TEST_POSTGRES_URL` (which `.ci/run` sets after
/// starting a throwaway cluster). Without it the PostgreSQL tests are skipped, except under
/// `CI=true`, where they run and fail with a message saying what is missing.
enum PostgresTestDatabase {
    static let url = ProcessInfo.processInfo.environment["VIGIL_TEST_POSTGRES_URL"]

    /// Whether the PostgreSQL tests run: a server is configured, or this is CI (where a missing one is a failure).
    static let enabled = url != nil || ProcessInfo.processInfo.environment["CI"] == "true"

    /// A store in a fresh schema of the test database; the schema is dropped after `body`.
    static func withStore(_ body: (PostgresStore) async throws -> Void) async throws {
        try await withStores(1) { try await body($0[0]) }
    }

    /// `count` stores, each with its own connection pool as separate servers would have, on one
    /// fresh schema of the test database; the schema is dropped after `body`.
    static func withStores(_ count: Int, _ body: ([PostgresStore]) async throws -> Void) async throws {
        let url = try #require(
            Self.url, "VIGIL_TEST_POSTGRES_URL is not set: .ci/run starts a PostgreSQL cluster and sets it (see TOOLCHAIN in README)")
        let schema = "test_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "").prefix(16)
        var stores: [PostgresStore] = []
        for _ in 0..<count { stores.append(try await PostgresStore.connect(url: url + (url.contains("?") ? "&" : "?") + "schema=\(schema)")) }
        var failure: (any Error)?
        do { try await body(stores) } catch { failure = error }
        try await stores[0].client.query(PostgresQuery(unsafeSQL: "DROP SCHEMA \(schema) CASCADE"))
        for store in stores { await store.close() }
        if let failure { throw failure }
    }
}
