import Foundation
import PostgresNIO
import Testing
import VigilStore
import VigilTestSupport

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

    /// A store that reaches the test database through a ``TCPProxy`` the test can cut, and one that
    /// reaches it directly, on one fresh schema.
    static func withProxiedStore(_ body: (_ proxied: PostgresStore, _ direct: PostgresStore, _ proxy: TCPProxy) async throws -> Void) async throws {
        try await withStores(1) { stores in
            let direct = stores[0]
            let url = try #require(Self.url)
            var components = try #require(URLComponents(string: url))
            let proxy = try TCPProxy(to: components.host == "localhost" ? "127.0.0.1" : components.host ?? "127.0.0.1", port: UInt16(components.port ?? 5432))
            components.port = Int(proxy.port)
            var schema = "public"
            for try await name in try await direct.client.query("SELECT current_schema()").decode(String.self) { schema = name }
            components.queryItems = (components.queryItems ?? []) + [URLQueryItem(name: "schema", value: schema)]
            let proxied = try await PostgresStore.connect(url: try #require(components.string))
            do { try await body(proxied, direct, proxy) } catch {
                await proxied.close()
                throw error
            }
            await proxied.close()
        }
    }

    /// `count` stores, each with its own connection pool as separate servers would have, on one
    /// fresh schema of the test database; the schema is dropped after `body`.
    static func withStores(_ count: Int, _ body: ([PostgresStore]) async throws -> Void) async throws {
        let url = try #require(
            Self.url, "VIGIL_TEST_POSTGRES_URL is not set: .ci/run starts a PostgreSQL cluster and sets it (see TOOLCHAIN in README)")
        let schema = "test_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "").prefix(16)
        var stores: [PostgresStore] = []
        for _ in 0..<count {
            stores.append(try await PostgresStore.connect(url: url + (url.contains("?") ? "&" : "?") + "schema=\(schema)", timeout: .seconds(60)))
        }
        var failure: (any Error)?
        do { try await body(stores) } catch { failure = error }
        try await stores[0].client.query(PostgresQuery(unsafeSQL: "DROP SCHEMA \(schema) CASCADE"))
        for store in stores { await store.close() }
        if let failure { throw failure }
    }
}
