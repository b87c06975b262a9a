public import Hummingbird
public import Logging
import VigilKit
public import VigilStore

/// What the service stores: events, alerts, tokens and the audit log.
public typealias ServiceStore = AccessStore & AlertStore & EventStore

/// The Vigil HTTP service: the JSON API under `/api/v1`, authenticated by bearer tokens, every
/// record checked against the token's role and jurisdictions, every authenticated request in the
/// audit log. Handlers translate HTTP to the use cases of `VigilKit` and back.
public struct VigilService: Sendable {
    private let store: any ServiceStore
    private let metrics = ServerMetrics()

    /// Creates the service over a store.
    public init(store: any ServiceStore) { self.store = store }

    /// The routes and middleware.
    public func router() -> Router<VigilRequestContext> {
        let router = Router(context: VigilRequestContext.self)
        router.add(middleware: ErrorMiddleware())
        router.add(middleware: MetricsMiddleware(metrics: metrics))
        router.add(middleware: AuthenticationMiddleware(issuer: TokenIssuer(store: store)))
        router.add(middleware: AuditMiddleware(store: store))
        SystemRoutes(store: store, metrics: metrics).add(to: router)
        EventRoutes(store: store, metrics: metrics).add(to: router)
        AlertRoutes(store: store).add(to: router)
        return router
    }

    /// The application, listening on `host` and `port` (127.0.0.1 unless told otherwise).
    public func application(host: String = "127.0.0.1", port: Int = 8080, logger: Logger) -> some ApplicationProtocol {
        Application(
            router: router(), configuration: .init(address: .hostname(host, port: port), serverName: "Vigil"), logger: logger)
    }
}
