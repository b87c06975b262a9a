import Foundation
import VigilStore

/// Browser sessions after a token login: a random session id in an HTTP-only, SameSite=Strict
/// cookie, mapped in memory to the token and a CSRF token that every form must send back.
/// Sessions end after 8 hours, at logout, or when the server restarts.
actor DashboardSessions {
    struct Session: Sendable {
        var token: APIToken
        var csrf: String
        var expires: Date
    }

    static let cookieName = "vigil_session"
    private var sessions: [String: Session] = [:]

    /// Starts a session for a token and returns its id.
    func start(_ token: APIToken) -> String {
        let id = Self.random()
        sessions[id] = Session(token: token, csrf: Self.random(), expires: Date().addingTimeInterval(8 * 3600))
        return id
    }

    /// The live session with this id.
    func session(_ id: String) -> Session? {
        guard let session = sessions[id] else { return nil }
        guard session.expires > Date() else {
            sessions[id] = nil
            return nil
        }
        return session
    }

    /// Ends a session.
    func end(_ id: String) { sessions[id] = nil }

    private static func random() -> String {
        var generator = SystemRandomNumberGenerator()
        return (0..<24).map { _ in String(format: "%02x", UInt8.random(in: 0...255, using: &generator)) }.joined()
    }
}
