import Testing
import VigilCore
public import VigilStore

/// The behaviour every ``VigilStore/AccessStore`` backend must show.
public enum AccessStoreConformance {
    /// The checks, by name, for parameterised tests.
    public static let checks: [(name: String, run: @Sendable (any AccessStore) async throws -> Void)] = [
        ("tokens are found by the hash of their secret, listed and revoked once", tokens),
        ("a second token with the same id or secret is refused", conflicts),
        ("the audit log keeps every entry in order and pages backwards", audit),
    ]

    static func token(_ id: String, role: Role = .analyst, jurisdictions: String = "09", at time: Int64 = 100) -> APIToken {
        APIToken(id: id, name: "holder of \(id)", role: role, jurisdictions: try! Jurisdictions(parsing: jurisdictions), createdAt: time)
    }

    static func tokens(_ store: any AccessStore) async throws {
        try await store.insertToken(token("tok_a", at: 100), secretHash: "hash-a")
        try await store.insertToken(token("tok_b", role: .reporter, jurisdictions: "42003,09", at: 200), secretHash: "hash-b")
        let found = try #require(try await store.token(secretHash: "hash-b"))
        #expect(found == token("tok_b", role: .reporter, jurisdictions: "09,42003", at: 200))
        #expect(try await store.token(secretHash: "hash-c") == nil)
        #expect(try await store.fetchTokens().map(\.id) == ["tok_b", "tok_a"])
        #expect(try await store.revokeToken("tok_a", at: 300))
        #expect(try await store.revokeToken("tok_a", at: 400) == false)
        #expect(try await store.revokeToken("tok_none", at: 400) == false)
        #expect(try await store.token(secretHash: "hash-a")?.revokedAt == 300)
    }

    static func conflicts(_ store: any AccessStore) async throws {
        try await store.insertToken(token("tok_a"), secretHash: "hash-a")
        await #expect(throws: StoreError.self) { try await store.insertToken(token("tok_a"), secretHash: "hash-x") }
        await #expect(throws: StoreError.self) { try await store.insertToken(token("tok_x"), secretHash: "hash-a") }
        #expect(try await store.fetchTokens().count == 1)
    }

    static func audit(_ store: any AccessStore) async throws {
        let entries = (1...5).map { index in
            AuditEntry(
                at: Int64(index), tokenID: index == 3 ? nil : "tok_a", role: index == 3 ? nil : .analyst, action: "GET /api/v1/events",
                detail: "entry \(index)", status: 200)
        }
        // Appended one at a time and several together, the order is kept.
        try await store.appendAudit([entries[0]])
        try await store.appendAudit(Array(entries[1...]))
        let newest = try await store.fetchAudit(before: nil, limit: 2)
        #expect(newest.map(\.detail) == ["entry 5", "entry 4"])
        let older = try await store.fetchAudit(before: newest.last!.sequence, limit: 10)
        #expect(older.map(\.detail) == ["entry 3", "entry 2", "entry 1"])
        #expect(older.first?.tokenID == nil && older.first?.role == nil && older.last?.role == .analyst)
    }
}
