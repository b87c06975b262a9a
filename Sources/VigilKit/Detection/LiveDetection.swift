import Foundation
public import Logging
public import VigilCore
import VigilDetection
public import VigilStore

/// Detection as events arrive: regions with new events are collected, and after a quiet
/// `debounce` the daily detectors of the alerting configuration run on those regions' series
/// (judging the current UTC day), off the request path. Alerts that are new or whose figures
/// changed go to the listener (the event stream and the webhook outbox). Drug samples that arrive are
/// judged for emerging substances the same way (``SubstanceAlerts``), from the earliest day among them.
public actor LiveDetection {
    /// Receives new or changed alerts.
    public typealias Listener = @Sendable ([Alert]) async -> Void

    private let detection: StoreDetection
    private let substances: SubstanceAlerts?
    private let configuration: AlertingConfiguration
    private let debounce: Duration
    private let logger: Logger
    private let listener: Listener
    private var dirty: Set<RegionCode> = []
    private var samplesSince: CalendarDate?
    private var scheduled: Task<Void, Never>?

    /// Creates live detection over a store.
    public init(
        events: any EventStore, alerts: any AlertStore, samples: (any SampleStore)? = nil, configuration: AlertingConfiguration = .standard,
        debounce: Duration = .seconds(2), logger: Logger, listener: @escaping Listener
    ) {
        detection = StoreDetection(events: events, alerts: alerts, samples: samples)
        substances = samples.map { SubstanceAlerts(samples: $0, alerts: alerts) }
        self.configuration = configuration
        self.debounce = debounce
        self.logger = logger
        self.listener = listener
    }

    /// Notes that events arrived in these regions; detection runs once they have been quiet for
    /// the debounce time.
    public func eventsArrived(in regions: [RegionCode]) {
        dirty.formUnion(regions.filter { $0.level == .county })
        schedule()
    }

    /// Notes that drug samples collected from `day` on arrived; emerging-substance detection runs on the
    /// days from the earliest such day to today once arrivals have been quiet for the debounce time.
    public func samplesArrived(collectedFrom day: CalendarDate) {
        samplesSince = min(samplesSince ?? day, day)
        schedule()
    }

    private func schedule() {
        guard scheduled == nil, !dirty.isEmpty || samplesSince != nil else { return }
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
        let since = samplesSince
        dirty = []
        samplesSince = nil
        defer {
            scheduled = nil
            schedule()
        }
        let now = Int64(Date().timeIntervalSince1970)
        let today = CalendarDate(dayNumber: Int(now / 86_400))
        // Substance alerts first: a dangerous new substance puts its region on watch for the overdose run.
        if let since, let substances {
            do {
                let outcome = try await substances.run(from: min(since, today), to: today, configuration: configuration, now: now)
                let changed = outcome.alerts.filter { $0.isNew || $0.alert.updatedAt == now }.map(\.alert)
                if !changed.isEmpty { await listener(changed) }
            } catch {
                logger.error("live substance detection failed", metadata: ["since": "\(since)", "error": "\(error)"])
            }
        }
        guard !regions.isEmpty, let jurisdictions = try? Jurisdictions(Array(regions)) else { return }
        do {
            let outcomes = try await detection.run(
                .region, interval: .day, asOf: today, configuration: configuration, now: now,
                regions: jurisdictions)
            let changed = outcomes.filter { $0.isNew || $0.alert.updatedAt == now }.map(\.alert)
            if !changed.isEmpty { await listener(changed) }
        } catch {
            logger.error("live detection failed", metadata: ["regions": "\(jurisdictions)", "error": "\(error)"])
        }
    }
}
