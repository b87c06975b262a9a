import GRDB
import VigilCore
public import VigilStore

extension SQLiteEventStore: AccessStore {
    public func insertToken(_ token: APIToken, secretHash: String) async throws {
        try await writer.write { db in
            let clash = try Bool.fetchOne(
                db, sql: "SELECT EXISTS (SELECT 1 FROM api_token WHERE id = ? OR secret_hash = ?)", arguments: [token.id, secretHash])
            if clash == true { throw StoreError(code: .conflict, message: "a token with id \(token.id) or the same secret is already stored") }
            try db.execute(
                sql: """
                    INSERT INTO api_token (id, name, role, jurisdictions, secret_hash, created_at, revoked_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    token.id, token.name, token.role.rawValue, token.jurisdictions.description, secretHash, token.createdAt,
                    token.revokedAt,
                ])
        }
    }

    public func token(secretHash: String) async throws -> APIToken? {
        try await writer.read { db in
            try Row.fetchOne(db.cachedStatement(sql: "SELECT * FROM api_token WHERE secret_hash = ?"), arguments: [secretHash]).map(Self.token(from:))
        }
    }

    public func fetchTokens() async throws -> [APIToken] {
        try await writer.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM api_token ORDER BY created_at DESC, id").map(Self.token(from:))
        }
    }

    public func revokeToken(_ id: String, at time: Int64) async throws -> Bool {
        try await writer.write { db in
            try db.execute(sql: "UPDATE api_token SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL", arguments: [time, id])
            return db.changesCount == 1
        }
    }

    public func appendAudit(_ entries: [AuditEntry]) async throws {
        try await writer.write { db in
            let insert = try db.cachedStatement(sql: "INSERT INTO audit_log (at, token_id, role, action, detail, status) VALUES (?, ?, ?, ?, ?, ?)")
            for entry in entries {
                try insert.execute(arguments: [entry.at, entry.tokenID, entry.role?.rawValue, entry.action, entry.detail, entry.status])
            }
        }
    }

    public func fetchAudit(before: Int64?, limit: Int) async throws -> [AuditEntry] {
        try await writer.read { db in
            try Row.fetchAll(
                db, sql: "SELECT * FROM audit_log WHERE sequence < ? ORDER BY sequence DESC LIMIT ?",
                arguments: [before ?? Int64.max, max(0, limit)]
            ).map { row in
                let role: String? = row["role"]
                return AuditEntry(
                    sequence: row["sequence"], at: row["at"], tokenID: row["token_id"], role: role.flatMap(Role.init(rawValue:)),
                    action: row["action"], detail: row["detail"], status: row["status"])
            }
        }
    }

    private static func token(from row: Row) throws -> APIToken {
        guard let role = Role(rawValue: row["role"]), let jurisdictions = try? Jurisdictions(parsing: row["jurisdictions"] as String) else {
            throw StoreError(
                code: .corruptValue,
                message: "token \(row["id"] as String? ?? "?") has a role or jurisdictions this version of Vigil cannot read")
        }
        return APIToken(
            id: row["id"], name: row["name"], role: role, jurisdictions: jurisdictions, createdAt: row["created_at"],
            revokedAt: row["revoked_at"])
    }
}
