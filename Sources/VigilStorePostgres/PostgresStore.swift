import Foundation
public import Logging
import NIOCore
import PostgresNIO
import Synchronization
import VigilStore

/// The shared store: a PostgreSQL database, through postgres-nio's connection pool, for
/// deployments where several Vigil servers work on one database.
///
/// Open it with ``connect(url:logger:timeout:)``, which brings the schema up to date (or refuses a
/// database written by a newer Vigil), and ``close()`` it when done. Every statement binds its
/// values as parameters. Events live in a table partitioned by month; the partitions are created
/// as events for a month first arrive (and months ahead by ``prepare(through:)``).
public final class PostgresStore: Sendable {
    let client: PostgresClient
    let logger: Logger
    /// Where the store is, without the password, for messages.
    public let location: String
    private let runner: Task<Void, Never>
    /// The months (``MonthPartition/index``) whose event partitions are known to exist.
    let partitions = Mutex<Set<Int>>([])

    private init(client: PostgresClient, location: String, logger: Logger) {
        self.client = client
        self.location = location
        self.logger = logger
        runner = Task { await client.run() }
    }

    /// Whether a location names a PostgreSQL database (`postgres://` or `postgresql://`) rather than a file.
    public static func names(_ location: String) -> Bool { PostgresURL.isPostgres(location) }

    /// Connects to the database a `postgres://` URL names and migrates its schema.
    /// - Parameters:
    ///   - url: `postgres://user:password@host:port/database`, with `?sslmode=disable|prefer|require`
    ///     and `&schema=NAME` to keep Vigil's tables in a schema of their own (created when missing).
    ///   - timeout: How long to wait for the server before giving up (postgres-nio itself retries for
    ///     over a minute).
    /// - Throws: ``VigilStore/StoreError`` `cannotOpen` with the reason (malformed URL, connection
    ///   refused, bad credentials, timeout), `schemaTooNew` for a database from a newer Vigil.
    public static func connect(url: String, logger: Logger = PostgresStore.quietLogger, timeout: Duration = .seconds(10)) async throws
        -> PostgresStore
    {
        let target = try PostgresURL(url)
        try await probe(target, timeout: timeout, logger: logger)
        var configuration = PostgresClient.Configuration(
            host: target.host, port: target.port, username: target.user, password: target.password, database: target.database,
            tls: target.tls)
        configuration.options.connectTimeout = timeout
        configuration.options.maximumConnections = 16
        if let schema = target.schema { configuration.options.additionalStartupParameters = [("search_path", schema)] }
        let store = PostgresStore(client: PostgresClient(configuration: configuration, backgroundLogger: logger), location: target.redacted, logger: logger)
        do {
            _ = try await store.withTimeout(timeout) { try await store.client.query("SELECT 1") }
            if let schema = target.schema { try await store.client.query(PostgresQuery(unsafeSQL: "CREATE SCHEMA IF NOT EXISTS \(schema)")) }
            try await PostgresSchema.migrate(store)
        } catch {
            await store.close()
            throw store.failure(error)
        }
        return store
    }

    /// A logger for the connection pool that reports errors only (the pool logs every failed
    /// connection attempt, which the store's own errors already say).
    public static var quietLogger: Logger {
        var logger = Logger(label: "vigil.postgres")
        logger.logLevel = .error
        return logger
    }

    /// One direct connection attempt without TLS, which fails at once where the pool would retry
    /// for over a minute: a refused or unreachable server, an unknown user or database, a wrong
    /// password. A server that only refuses the missing TLS is left to the pool (which uses TLS).
    private static func probe(_ target: PostgresURL, timeout: Duration, logger: Logger) async throws {
        guard !target.requiresTLS else { return }
        var configuration = PostgresConnection.Configuration(
            host: target.host, port: target.port, username: target.user, password: target.password, database: target.database, tls: .disable)
        configuration.options.connectTimeout = .init(timeout)
        do {
            let connection = try await PostgresConnection.connect(
                on: PostgresClient.defaultEventLoopGroup.next(), configuration: configuration, id: 0, logger: logger
            ).get()
            try? await connection.close()
        } catch let error as PSQLError {
            // 28000 (no pg_hba.conf entry) may only mean that TLS is required: the pool will try with TLS.
            if error.serverInfo?[.sqlState] == "28000", error.serverInfo?[.message]?.contains("no encryption") == true { return }
            throw StoreError(code: .cannotOpen, message: "cannot use the PostgreSQL database \(target.redacted): \(reason(error))")
        }
    }

    /// Runs `work` in a transaction; an error thrown inside comes out as itself. On a connection
    /// that has been lost nothing more is sent (postgres-nio 1.33 would wait forever for the answer
    /// to a ROLLBACK sent there); the server rolls the transaction back when the connection drops.
    func transaction<T: Sendable>(_ work: (PostgresConnection) async throws -> sending T) async throws -> T {
        try await client.withConnection { connection in
            try await connection.query("BEGIN", logger: self.logger)
            let result: T
            do {
                result = try await work(connection)
            } catch {
                if !connection.isClosed { try? await connection.query("ROLLBACK", logger: self.logger) }
                throw error
            }
            try await connection.query("COMMIT", logger: self.logger)
            return result
        }
    }

    /// Closes the connections.
    public func close() async {
        runner.cancel()
        await runner.value
    }

    /// Runs `work`, or throws a timeout error once `limit` has passed.
    func withTimeout<T: Sendable>(_ limit: Duration, _ work: @escaping @Sendable () async throws -> T) async throws -> T {
        try await withThrowingTaskGroup(of: T.self) { group in
            group.addTask { try await work() }
            group.addTask {
                try await Task.sleep(for: limit)
                throw StoreError(code: .cannotOpen, message: "no answer within \(limit)")
            }
            defer { group.cancelAll() }
            return try await group.next()!
        }
    }

    /// A store error that says what went wrong with the database, without record contents.
    func failure(_ error: any Error) -> StoreError {
        if let error = error as? StoreError {
            guard error.code == .cannotOpen, !error.message.contains(location) else { return error }
            return StoreError(code: .cannotOpen, message: "cannot use the PostgreSQL database \(location): \(error.message)")
        }
        return StoreError(code: .cannotOpen, message: "cannot use the PostgreSQL database \(location): \(Self.reason(error))")
    }

    /// The server's message, or what kept the connection from working.
    static func reason(_ error: any Error) -> String {
        guard let error = error as? PSQLError else { return String(describing: error) }
        if let message = error.serverInfo?[.message] {
            let state = error.serverInfo?[.sqlState].map { " (SQLSTATE \($0))" } ?? ""
            return message + state
        }
        if let underlying = error.underlying {
            if let io = underlying as? IOError, io.errnoCode == ECONNREFUSED { return "the connection was refused; is the server running?" }
            return String(describing: underlying)
        }
        return "\(error.code)"
    }
}
