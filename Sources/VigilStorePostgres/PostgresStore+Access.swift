import PostgresNIO
import VigilCore
public import VigilStore

extension PostgresStore: AccessStore {
    public func insertToken(_ token: APIToken, secretHash: String) async throws {
        do {
            try await client.query(
                """
                INSERT INTO api_token (id, name, role, jurisdictions, secret_hash, created_at, revoked_at)
                VALUES (\(token.id), \(token.name), \(token.role.rawValue), \(token.jurisdictions.description), \(secretHash),
                    \(token.createdAt), \(token.revokedAt))
                """, logger: logger)
        } catch let error as PSQLError where error.serverInfo?[.sqlState] == "23505" {
            throw StoreError(code: .conflict, message: "a token with id \(token.id) or the same secret is already stored")
        }
    }

    public func token(secretHash: String) async throws -> APIToken? {
        try await tokens("SELECT id, name, role, jurisdictions, created_at, revoked_at FROM api_token WHERE secret_hash = \(secretHash)").first
    }

    public func fetchTokens() async throws -> [APIToken] {
        try await tokens("SELECT id, name, role, jurisdictions, created_at, revoked_at FROM api_token ORDER BY created_at DESC, id COLLATE \"C\"")
    }

    public func revokeToken(_ id: String, at time: Int64) async throws -> Bool {
        let rows = try await client.query(
            "UPDATE api_token SET revoked_at = \(time) WHERE id = \(id) AND revoked_at IS NULL RETURNING id", logger: logger)
        for try await _ in rows { return true }
        return false
    }

    public func appendAudit(_ entries: [AuditEntry]) async throws {
        guard !entries.isEmpty else { return }
        try await client.query(
            """
            INSERT INTO audit_log (at, token_id, role, action, detail, status)
            SELECT at, NULLIF(token_id, ''), NULLIF(role, ''), action, detail, status FROM unnest(\(entries.map(\.at))::BIGINT[], \(entries.map { $0.tokenID ?? "" })::TEXT[],
                \(entries.map { $0.role?.rawValue ?? "" })::TEXT[], \(entries.map(\.action))::TEXT[], \(entries.map(\.detail))::TEXT[],
                \(entries.map { Int64($0.status) })::BIGINT[]) WITH ORDINALITY AS entry (at, token_id, role, action, detail, status, n)
            ORDER BY n
            """, logger: logger)
    }

    public func fetchAudit(before: Int64?, limit: Int) async throws -> [AuditEntry] {
        let rows = try await client.query(
            """
            SELECT sequence, at, token_id, role, action, detail, status FROM audit_log WHERE sequence < \(before ?? Int64.max)
            ORDER BY sequence DESC LIMIT \(max(0, limit))
            """, logger: logger)
        var entries: [AuditEntry] = []
        for try await (sequence, at, tokenID, role, action, detail, status) in rows.decode((Int64, Int64, String?, String?, String, String, Int).self) {
            entries.append(
                AuditEntry(
                    sequence: sequence, at: at, tokenID: tokenID, role: role.flatMap(Role.init(rawValue:)), action: action, detail: detail,
                    status: status))
        }
        return entries
    }

    private func tokens(_ query: PostgresQuery) async throws -> [APIToken] {
        var tokens: [APIToken] = []
        let rows = try await client.query(query, logger: logger)
        for try await (id, name, roleText, jurisdictionText, createdAt, revokedAt) in rows.decode((String, String, String, String, Int64, Int64?).self) {
            guard let role = Role(rawValue: roleText), let jurisdictions = try? Jurisdictions(parsing: jurisdictionText) else {
                throw StoreError(code: .corruptValue, message: "token \(id) has a role or jurisdictions this version of Vigil cannot read")
            }
            tokens.append(APIToken(id: id, name: name, role: role, jurisdictions: jurisdictions, createdAt: createdAt, revokedAt: revokedAt))
        }
        return tokens
    }
}
