import Foundation
public import VigilCore
public import VigilStore

/// Creates, lists, revokes and checks API tokens: the `vigil token` use case and the server's
/// authentication.
///
/// A token's secret (`vgl_` and 48 hex digits from the system's cryptographic generator) is
/// returned once at creation; the store keeps only its SHA-256 hash.
public struct TokenIssuer: Sendable {
    private let store: any AccessStore

    /// Creates the use case over a store.
    public init(store: any AccessStore) { self.store = store }

    /// Creates a token.
    /// - Returns: The stored record and the secret to hand to its holder.
    /// - Throws: ``VigilCore/DomainError`` for an empty name; store errors as they come.
    public func create(name: String, role: Role, jurisdictions: Jurisdictions, now: Int64) async throws -> (token: APIToken, secret: String) {
        let label = name.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !label.isEmpty else { throw DomainError(code: .invalidValue, message: "a token needs a name (--name) that says who holds it") }
        var generator = SystemRandomNumberGenerator()
        let secret = "vgl_" + Self.hex((0..<24).map { _ in UInt8.random(in: 0...255, using: &generator) })
        let id = "tok_" + Self.hex((0..<6).map { _ in UInt8.random(in: 0...255, using: &generator) })
        let token = APIToken(id: id, name: label, role: role, jurisdictions: jurisdictions, createdAt: now)
        try await store.insertToken(token, secretHash: SHA256.hexDigest(Array(secret.utf8)))
        return (token, secret)
    }

    /// The active token with this secret; `nil` when it is unknown or revoked.
    public func authenticate(_ secret: String) async throws -> APIToken? {
        guard secret.hasPrefix("vgl_"), secret.utf8.count == 52 else { return nil }
        guard let token = try await store.token(secretHash: SHA256.hexDigest(Array(secret.utf8))), token.revokedAt == nil else { return nil }
        return token
    }

    /// Every token, newest first.
    public func list() async throws -> [APIToken] { try await store.fetchTokens() }

    /// Revokes a token.
    /// - Throws: ``VigilCore/DomainError`` when there is no active token with that id.
    public func revoke(_ id: String, now: Int64) async throws {
        guard try await store.revokeToken(id, at: now) else {
            throw DomainError(code: .invalidValue, message: "there is no active token '\(id)'; 'vigil token list' shows them")
        }
    }

    private static func hex(_ bytes: [UInt8]) -> String { bytes.map { String(format: "%02x", $0) }.joined() }
}
