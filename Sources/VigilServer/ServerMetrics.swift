import Foundation
import Synchronization

/// Counters for the Prometheus endpoint: requests by method, route and status with their latency,
/// and events ingested.
final class ServerMetrics: Sendable {
    private struct State {
        var requests: [String: Int] = [:]
        var latencySum: [String: Double] = [:]
        var latencyBuckets: [String: [Int]] = [:]
        var events = 0
        var alerts = 0
        var delivered = 0
        var failed = 0
    }

    /// Upper bounds of the latency histogram, in seconds.
    static let buckets: [Double] = [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1, 5]
    private let state = Mutex(State())

    /// Records one answered request.
    func request(method: String, route: String, status: Int, seconds: Double) {
        let key = "method=\"\(method)\",route=\"\(route)\""
        state.withLock { state in
            state.requests[key + ",status=\"\(status)\"", default: 0] += 1
            state.latencySum[key, default: 0] += seconds
            var counts = state.latencyBuckets[key] ?? [Int](repeating: 0, count: Self.buckets.count + 1)
            counts[Self.buckets.firstIndex { seconds <= $0 } ?? Self.buckets.count] += 1
            state.latencyBuckets[key] = counts
        }
    }

    /// Records new or changed alerts.
    func alertsRaised(_ count: Int) { state.withLock { $0.alerts += count } }

    /// Records a round of webhook attempts.
    func webhooks(delivered: Int, failed: Int) {
        state.withLock { state in
            state.delivered += delivered
            state.failed += failed
        }
    }

    /// Records stored events.
    func eventsIngested(_ count: Int) { state.withLock { $0.events += count } }

    /// The metrics in Prometheus' text format.
    func exposition() -> String {
        state.withLock { state in
            var lines = ["# HELP vigil_http_requests_total Requests answered.", "# TYPE vigil_http_requests_total counter"]
            lines += state.requests.sorted { $0.key < $1.key }.map { "vigil_http_requests_total{\($0.key)} \($0.value)" }
            lines += ["# HELP vigil_http_request_duration_seconds Time to answer.", "# TYPE vigil_http_request_duration_seconds histogram"]
            for (key, counts) in state.latencyBuckets.sorted(by: { $0.key < $1.key }) {
                var running = 0
                for (index, bound) in (Self.buckets.map { String($0) } + ["+Inf"]).enumerated() {
                    running += counts[index]
                    lines.append("vigil_http_request_duration_seconds_bucket{\(key),le=\"\(bound)\"} \(running)")
                }
                lines.append("vigil_http_request_duration_seconds_sum{\(key)} \(state.latencySum[key] ?? 0)")
                lines.append("vigil_http_request_duration_seconds_count{\(key)} \(running)")
            }
            lines += ["# HELP vigil_events_ingested_total Events stored through the API.", "# TYPE vigil_events_ingested_total counter",
                      "vigil_events_ingested_total \(state.events)",
                      "# HELP vigil_alerts_raised_total Alerts raised or changed by live detection.", "# TYPE vigil_alerts_raised_total counter",
                      "vigil_alerts_raised_total \(state.alerts)",
                      "# HELP vigil_webhook_deliveries_total Webhook attempts by result.", "# TYPE vigil_webhook_deliveries_total counter",
                      "vigil_webhook_deliveries_total{result=\"delivered\"} \(state.delivered)",
                      "vigil_webhook_deliveries_total{result=\"failed\"} \(state.failed)"]
            return lines.joined(separator: "\n") + "\n"
        }
    }
}
