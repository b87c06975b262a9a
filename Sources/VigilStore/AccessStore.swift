public import VigilCore

/// An API token as stored: who it is for, its role and jurisdictions. The secret itself is never
/// stored, only its SHA-256 hash.
public struct APIToken: Hashable, Sendable, Codable, Identifiable {
    /// A short public identifier (`tok_` and 12 hex digits), shown in lists and the audit log.
    public var id: String
    /// A label for the holder ("CT OCME epidemiologist").
    public var name: String
    /// What the holder may do.
    public var role: Role
    /// Where the holder may read and write.
    public var jurisdictions: Jurisdictions
    /// When it was created (seconds since 1970, UTC).
    public var createdAt: Int64
    /// When it was revoked, if it was.
    public var revokedAt: Int64?

    /// Creates a token record.
    public init(id: String, name: String, role: Role, jurisdictions: Jurisdictions, createdAt: Int64, revokedAt: Int64? = nil) {
        self.id = id
        self.name = name
        self.role = role
        self.jurisdictions = jurisdictions
        self.createdAt = createdAt
        self.revokedAt = revokedAt
    }
}

/// One line of the append-only audit log: who did what, with which filters or records, and how it
/// ended.
public struct AuditEntry: Hashable, Sendable, Codable {
    /// The position in the log (assigned by the store; 0 before it is appended).
    public var sequence: Int64
    /// When (seconds since 1970, UTC).
    public var at: Int64
    /// The token used, if any.
    public var tokenID: String?
    /// The token's role, if any.
    public var role: Role?
    /// The method and route, e.g. `GET /api/v1/events`.
    public var action: String
    /// The filters, record identifiers or counts involved.
    public var detail: String
    /// The HTTP status of the answer.
    public var status: Int

    /// Creates an entry.
    public init(sequence: Int64 = 0, at: Int64, tokenID: String?, role: Role?, action: String, detail: String, status: Int) {
        self.sequence = sequence
        self.at = at
        self.tokenID = tokenID
        self.role = role
        self.action = action
        self.detail = detail
        self.status = status
    }
}

/// Stores API tokens and the audit log.
public protocol AccessStore: Sendable {
    /// Stores a new token with the SHA-256 hash (hex) of its secret.
    /// - Throws: ``StoreError`` `conflict` when the id or the hash is already stored.
    func insertToken(_ token: APIToken, secretHash: String) async throws
    /// The token whose secret has this hash, revoked or not.
    func token(secretHash: String) async throws -> APIToken?
    /// Every token, newest first.
    func fetchTokens() async throws -> [APIToken]
    /// Revokes a token; `false` when there is no such token or it was already revoked.
    func revokeToken(_ id: String, at time: Int64) async throws -> Bool
    /// Appends entries to the audit log, in order, in one transaction. The log cannot be changed
    /// or shortened through any store API.
    func appendAudit(_ entries: [AuditEntry]) async throws
    /// Audit entries, newest first, with sequence below `before` when given.
    func fetchAudit(before: Int64?, limit: Int) async throws -> [AuditEntry]
}
