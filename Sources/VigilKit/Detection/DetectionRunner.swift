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
///
/// The storage is allocated once and written through a raw pointer: mutating an `Array` property
/// from several threads would race on its copy-on-write uniqueness check and could lose writes.
private final class ResultSlots: @unchecked Sendable {
    // Safe: every index is written once, by one iteration, and read only after all have finished.
    private let slots: UnsafeMutablePointer<DetectionResult?>
    private let count: Int

    init(count: Int) {
        self.count = count
        slots = .allocate(capacity: max(1, count))
        slots.initialize(repeating: nil, count: max(1, count))
    }

    deinit {
        slots.deinitialize(count: max(1, count))
        slots.deallocate()
    }

    func store(_ result: DetectionResult, at index: Int) {
        precondition(index >= 0 && index < count, "slot index out of range")
        slots[index] = result
    }

    var values: [DetectionResult] { (0..<count).map { slots[$0]! } }
}
