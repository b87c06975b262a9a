import Dispatch
public import VigilDetection

/// Runs one detector over many series, in parallel on every core, and returns the results in
/// series order.
public enum DetectionRunner {
    /// Evaluates the last `lastPeriods` periods (all when `nil`) of every series.
    public static func run(_ detector: some Detector, on series: [CountSeries], lastPeriods: Int? = nil) -> [DetectionResult] {
        let results = ResultSlots(count: series.count)
        DispatchQueue.concurrentPerform(iterations: series.count) { index in
            let one = series[index]
            results.store(detector.evaluate(one, lastPeriods: lastPeriods ?? one.counts.count), at: index)
        }
        return results.values
    }
}

/// Fixed slots written from concurrent iterations, each slot by exactly one iteration.
private final class ResultSlots: @unchecked Sendable {
    // Safe: every index is written once, by one iteration, and read only after all have finished.
    private var slots: [DetectionResult?]

    init(count: Int) { slots = Array(repeating: nil, count: count) }

    func store(_ result: DetectionResult, at index: Int) {
        slots.withUnsafeMutableBufferPointer { $0[index] = result }
    }

    var values: [DetectionResult] { slots.map { $0! } }
}
