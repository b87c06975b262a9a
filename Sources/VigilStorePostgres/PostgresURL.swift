import Foundation
import PostgresNIO
import VigilStore

/// A `postgres://` (or `postgresql://`) connection URL, read into what postgres-nio needs.
struct PostgresURL {
    var host: String
    var port: Int
    var user: String
    var password: String?
    var database: String
    var tls: PostgresClient.Configuration.TLS
    /// Whether the URL asks for TLS (`sslmode=require` and stricter).
    var requiresTLS = false
    /// The schema Vigil's tables live in (`?schema=`), created when missing; `public` by default.
    var schema: String?

    /// The URL without its password, for messages.
    var redacted: String { "postgres://\(user)@\(host):\(port)/\(database)" + (schema.map { "?schema=" + $0 } ?? "") }

    /// Whether a `--database` value names a PostgreSQL database rather than a SQLite file.
    static func isPostgres(_ text: String) -> Bool { text.hasPrefix("postgres://") || text.hasPrefix("postgresql://") }

    /// Reads a URL.
    /// - Throws: ``VigilStore/StoreError`` `cannotOpen` naming the part that is wrong.
    init(_ text: String) throws {
        func invalid(_ reason: String) -> StoreError {
            StoreError(
                code: .cannotOpen,
                message: "the database URL is not usable: \(reason); write postgres://user:password@host:5432/database")
        }
        guard Self.isPostgres(text), let components = URLComponents(string: text) else { throw invalid("it is not a postgres:// URL") }
        guard let host = components.host, !host.isEmpty else { throw invalid("it names no host") }
        guard let user = components.user, !user.isEmpty else { throw invalid("it names no user") }
        let database = String(components.path.drop { $0 == "/" })
        guard !database.isEmpty, !database.contains("/") else { throw invalid("it names no database after the host") }
        self.host = host
        self.port = components.port ?? 5432
        self.user = user.removingPercentEncoding ?? user
        self.password = components.password.map { $0.removingPercentEncoding ?? $0 }
        self.database = database
        switch components.queryItems?.first(where: { $0.name == "sslmode" })?.value ?? "prefer" {
        case "disable": tls = .disable
        case "prefer", "allow": tls = .prefer(.makeClientConfiguration())
        case "require", "verify-ca", "verify-full":
            tls = .require(.makeClientConfiguration())
            requiresTLS = true
        case let mode: throw invalid("sslmode '\(mode)' is not disable, prefer or require")
        }
        schema = components.queryItems?.first { $0.name == "schema" }?.value
        if let schema {
            // The name goes into SQL as an identifier, so only plain lower-case names are taken.
            guard let first = schema.unicodeScalars.first, ("a"..."z").contains(first) || first == "_",
                schema.unicodeScalars.allSatisfy({ ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "_" }), schema.count <= 63
            else { throw invalid("schema '\(schema)' must be lower-case letters, digits and '_', starting with a letter") }
        }
    }
}
