import Dispatch

/// Runs per-source work over a fixed set of chunks on all cores and adds the chunks' vectors in chunk order.
///
/// The chunking depends only on the number of sources, never on the number of cores, and the partial sums
/// are added in chunk order, so the floating-point result is the same on every machine and every run.
enum ParallelSum {
    /// The number of chunks the sources are split into (fewer when there are fewer sources).
    static let chunkCount = 16

    /// Splits `0..<sourceCount` into chunks, lets `body` add each chunk's contribution into a zeroed vector of
    /// `length` values, and returns the sum of those vectors.
    static func run(
        sourceCount: Int, length: Int, _ body: @Sendable (_ sources: Range<Int>, _ into: inout [Double]) -> Void
    ) -> [Double] {
        guard sourceCount > 0 else { return [Double](repeating: 0, count: length) }
        let chunks = min(chunkCount, sourceCount)
        let partials = PartialVectors(count: chunks)
        defer { partials.deallocate() }
        DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
            let lower = sourceCount * chunk / chunks
            let upper = sourceCount * (chunk + 1) / chunks
            var vector = [Double](repeating: 0, count: length)
            body(lower..<upper, &vector)
            partials.store(vector, at: chunk)
        }
        var total = [Double](repeating: 0, count: length)
        for chunk in 0..<chunks {
            let vector = partials.vector(at: chunk)
            for index in 0..<length { total[index] += vector[index] }
        }
        return total
    }
}

/// One result slot per chunk, written by exactly one task each.
///
/// `@unchecked Sendable`: each slot is written once, by the task that owns that chunk, and read only after
/// `concurrentPerform` has returned, so no two threads touch the same memory concurrently.
private final class PartialVectors: @unchecked Sendable {
    private let slots: UnsafeMutableBufferPointer<[Double]>

    init(count: Int) {
        slots = .allocate(capacity: count)
        slots.initialize(repeating: [])
    }

    func store(_ vector: [Double], at index: Int) { slots[index] = vector }
    func vector(at index: Int) -> [Double] { slots[index] }

    func deallocate() {
        _ = slots.deinitialize()
        slots.deallocate()
    }
}
