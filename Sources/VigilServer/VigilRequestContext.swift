public import Hummingbird
public import VigilStore

/// The per-request context: Hummingbird's core storage, the authenticated token, and what the
/// handler wants the audit log to say about the request.
public struct VigilRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// The bearer token of the request, once authenticated.
    public var token: APIToken?
    /// The browser session of a dashboard request: its id and CSRF token.
    var session: (id: String, csrf: String)?

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        token = nil
    }

    /// Request bodies larger than this are refused with 413.
    public var maxUploadSize: Int { 64 << 20 }
}
