import Foundation
public import Logging
public import VigilCore
import VigilDetection
public import VigilStore

/// Detection as events arrive: regions with new events are collected, and after a quiet
/// `debounce` the daily detectors of the alerting configuration run on those regions' series
/// (judging the current UTC day), off the request path. Alerts that are new or whose figures
/// changed go to the listener (the event stream and the webhook outbox).
public actor LiveDetection {
    /// Receives new or changed alerts.
    public typealias Listener = @Sendable ([Alert]) async -> Void

    private let detection: StoreDetection
    private let configuration: AlertingConfiguration
    private let debounce: Duration
    private let logger: Logger
    private let listener: Listener
    private var dirty: Set<RegionCode> = []
    private var scheduled: Task<Void, Never>?

    /// Creates live detection over a store.
    public init(
        events: any EventStore, alerts: any AlertStore, configuration: AlertingConfiguration = .standard, debounce: Duration = .seconds(2),
        logger: Logger, listener: @escaping Listener
    ) {
        detection = StoreDetection(events: events, alerts: alerts)
        self.configuration = configuration
        self.debounce = debounce
        self.logger = logger
        self.listener = listener
    }

    /// Notes that events arrived in these regions; detection runs once they have been quiet for
    /// the debounce time.
    public func eventsArrived(in regions: [RegionCode]) {
        dirty.formUnion(regions.filter { $0.level == .county })
        guard scheduled == nil, !dirty.isEmpty else { return }
        scheduled = Task {
            try? await Task.sleep(for: debounce)
            await runPending()
        }
    }

    /// Waits until no run is scheduled (for shutdown and tests).
    public func settle() async {
        while let task = scheduled { await task.value }
    }

    private func runPending() async {
        let regions = dirty
        dirty = []
        defer {
            scheduled = nil
            if !dirty.isEmpty { eventsArrived(in: []) }
        }
        guard let jurisdictions = try? Jurisdictions(Array(regions)) else { return }
        let now = Int64(Date().timeIntervalSince1970)
        do {
            let outcomes = try await detection.run(
                .region, interval: .day, asOf: CalendarDate(dayNumber: Int(now / 86_400)), configuration: configuration, now: now,
                regions: jurisdictions)
            let changed = outcomes.filter { $0.isNew || $0.alert.updatedAt == now }.map(\.alert)
            if !changed.isEmpty { await listener(changed) }
        } catch {
            logger.error("live detection failed", metadata: ["regions": "\(jurisdictions)", "error": "\(error)"])
        }
    }
}
