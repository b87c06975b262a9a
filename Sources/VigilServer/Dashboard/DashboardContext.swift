import Hummingbird
import VigilCore
import VigilStore

extension VigilRequestContext {
    /// The session's token, which must allow `permission`; without a session the browser is sent
    /// to the login page.
    func dashboardToken(_ permission: Permission, _ what: String) throws -> APIToken {
        guard let token, session != nil else { throw RedirectToLogin() }
        guard token.role.allows(permission) else { throw APIError.forbidden(what) }
        return token
    }

    /// The fields of a posted form, in order and with repeats, after checking its CSRF token.
    func formFields(_ request: Request) async throws -> [(name: String, value: String)] {
        guard let session else { throw RedirectToLogin() }
        var request = request
        let pairs = FormBody.pairs(try await request.collectBody(upTo: 64 << 10))
        guard pairs.first(where: { $0.0 == "csrf" })?.1 == session.csrf else { throw Self.staleForm }
        return pairs.map { (name: $0.0, value: $0.1) }
    }

    /// The answer to a form whose CSRF token does not match the session's.
    static let staleForm = APIError(.forbidden, "the form is stale or did not come from this site; reload the page")
}

extension Array where Element == (name: String, value: String) {
    /// The first value of each field.
    var first: [String: String] { Dictionary(map { ($0.name, $0.value) }, uniquingKeysWith: { first, _ in first }) }
}
