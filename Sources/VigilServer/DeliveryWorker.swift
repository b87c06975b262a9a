import Foundation
import Logging
import ServiceLifecycle
import VigilKit

/// Works through the webhook outbox every `interval` until shutdown; a batch that has started is
/// finished before the worker stops.
struct DeliveryWorker: Service {
    let delivery: AlertDelivery
    let metrics: ServerMetrics
    let interval: Duration
    let logger: Logger

    func run() async throws {
        try? await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                let (delivery, logger, metrics) = (self.delivery, self.logger, self.metrics)
                // Not cancelled with the loop: an attempt in flight ends and is recorded.
                await Task {
                    do {
                        let round = try await delivery.deliverDue(now: Int64(Date().timeIntervalSince1970))
                        metrics.webhooks(delivered: round.delivered, failed: round.failed)
                    } catch {
                        logger.error("webhook delivery failed", metadata: ["error": "\(error)"])
                    }
                }.value
                try await Task.sleep(for: interval)
            }
        }
    }
}
