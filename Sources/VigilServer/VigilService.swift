import Foundation
public import Hummingbird
public import Logging
import ServiceLifecycle
public import VigilKit
public import VigilStore

/// What the service stores: events, alerts, tokens, the audit log, the webhook outbox and screening runs.
public typealias ServiceStore = AccessStore & AlertStore & DeliveryStore & EventStore & NetworkStore & SampleStore & ScreeningStore & ServiceLocationStore

/// The Vigil HTTP service: the JSON API under `/api/v1`, authenticated by bearer tokens, every
/// record checked against the token's role and jurisdictions, every authenticated request in the
/// audit log; detection as events arrive, with new and changed alerts pushed to event streams and
/// to webhook subscribers through the outbox; precursor screening of shipment manifests for
/// investigators. Handlers translate HTTP to the use cases of `VigilKit` and back.
public struct VigilService: Sendable {
    /// How the background work behaves.
    public struct Options: Sendable {
        /// The detectors that run as events arrive.
        public var alerting: AlertingConfiguration
        /// Quiet time after the last event before detection runs.
        public var debounce: Duration
        /// How often the outbox is worked through.
        public var deliveryInterval: Duration
        /// Webhook retries.
        public var deliveryPolicy: AlertDelivery.Policy
        /// Public aggregates suppress counts from 1 to this − 1.
        public var suppressBelow: Int
        /// Requests a second per token (0: no limit), with bursts of twice as many (at least 2).
        public var rateLimit: Double

        /// Creates options: the standard alerting rules, 2 s debounce, the outbox every second,
        /// public counts from 1 to 9 suppressed, 500 requests a second per token.
        public init(
            alerting: AlertingConfiguration = .standard, debounce: Duration = .seconds(2), deliveryInterval: Duration = .seconds(1),
            deliveryPolicy: AlertDelivery.Policy = .init(), suppressBelow: Int = 10, rateLimit: Double = 500
        ) {
            self.rateLimit = rateLimit
            self.suppressBelow = suppressBelow
            self.alerting = alerting
            self.debounce = debounce
            self.deliveryInterval = deliveryInterval
            self.deliveryPolicy = deliveryPolicy
        }
    }

    private let store: any ServiceStore
    private let options: Options
    private let logger: Logger
    private let metrics = ServerMetrics()
    private let hub = AlertHub()
    private let sessions = DashboardSessions()
    private let submission: EventSubmission
    private let screener: ManifestScreener
    /// Detection on arriving events; its alerts go to the event streams and the outbox.
    public let live: LiveDetection
    /// The webhook outbox.
    public let delivery: AlertDelivery

    /// Creates the service over a store.
    public init(store: any ServiceStore, options: Options = Options(), logger: Logger = Logger(label: "vigil.server")) {
        self.store = store
        self.options = options
        self.logger = logger
        submission = EventSubmission(store: store)
        screener = ManifestScreener(store: store)
        let (hub, metrics) = (self.hub, self.metrics)
        let delivery = AlertDelivery(store: store, policy: options.deliveryPolicy)
        self.delivery = delivery
        live = LiveDetection(
            events: store, alerts: store, samples: store, configuration: options.alerting, debounce: options.debounce, logger: logger
        ) { alerts in
            metrics.alertsRaised(alerts.count)
            await hub.publish(alerts)
            do { _ = try await delivery.enqueue(alerts, now: Int64(Date().timeIntervalSince1970)) } catch {
                logger.error("alerts could not be queued for webhooks", metadata: ["error": "\(error)"])
            }
        }
    }

    /// The routes and middleware.
    public func router() -> Router<VigilRequestContext> {
        let router = Router(context: VigilRequestContext.self)
        router.add(middleware: ErrorMiddleware())
        router.add(middleware: MetricsMiddleware(metrics: metrics))
        router.add(middleware: AuthenticationMiddleware(issuer: TokenIssuer(store: store), sessions: sessions))
        router.add(middleware: RateLimitMiddleware(perSecond: options.rateLimit, burst: max(2, 2 * options.rateLimit)))
        router.add(middleware: AuditMiddleware(store: store))
        SystemRoutes(store: store, metrics: metrics).add(to: router)
        EventRoutes(store: store, submission: submission, metrics: metrics, live: live).add(to: router)
        SampleRoutes(store: store, live: live).add(to: router)
        AlertRoutes(store: store, hub: hub).add(to: router)
        SubscriptionRoutes(store: store).add(to: router)
        PublicRoutes(store: store, threshold: options.suppressBelow).add(to: router)
        ScreeningRoutes(store: store, screener: screener).add(to: router)
        NetworkRoutes(store: store).add(to: router)
        DashboardRoutes(store: store, submission: submission, sessions: sessions, live: live).add(to: router)
        DashboardAdminRoutes(store: store, submission: submission, live: live).add(to: router)
        DashboardScreeningRoutes(store: store, screener: screener).add(to: router)
        DashboardNetworkRoutes(store: store).add(to: router)
        DashboardDrugMarketRoutes(store: store, suppressBelow: options.suppressBelow).add(to: router)
        DashboardAccessRoutes(store: store).add(to: router)
        return router
    }

    /// The application, listening on `host` and `port` (127.0.0.1 unless told otherwise), with the
    /// webhook worker running beside it.
    public func application(host: String = "127.0.0.1", port: Int = 8080) -> some ApplicationProtocol {
        Application(
            router: router(), configuration: .init(address: .hostname(host, port: port), serverName: "Vigil"),
            services: [DeliveryWorker(delivery: delivery, metrics: metrics, interval: options.deliveryInterval, logger: logger)], logger: logger)
    }
}
