import Foundation
import Hummingbird

/// Counts every answer by method, matched route and status, with its latency.
struct MetricsMiddleware: RouterMiddleware {
    typealias Context = VigilRequestContext
    let metrics: ServerMetrics

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let started = ContinuousClock.now
        func record(_ status: Int) {
            let elapsed = ContinuousClock.now - started
            let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
            metrics.request(method: request.method.rawValue, route: context.endpointPath ?? "unmatched", status: status, seconds: seconds)
        }
        do {
            let response = try await next(request, context)
            record(Int(response.status.code))
            return response
        } catch {
            record(Int(ErrorMiddleware.apiError(for: error, logger: context.logger).status.code))
            throw error
        }
    }
}
