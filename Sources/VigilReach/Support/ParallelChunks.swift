import Dispatch

/// Runs independent per-item work on all cores, in contiguous chunks.
///
/// Each item's result must depend only on the item, never on the chunk or the thread, so the output is the
/// same however the chunks are scheduled. Small inputs run on the calling thread.
enum ParallelChunks {
    /// Items per chunk below which splitting the work is not worth a thread hand-off.
    static let minimumChunkSize = 512
    /// The most chunks an input is split into: enough to balance two or more cores when some chunks are slower.
    static let maximumChunkCount = 64

    /// Calls `body` once per chunk of `0..<count`, in parallel when there is enough work.
    ///
    /// - Parameters:
    ///   - count: The number of items.
    ///   - minimumChunkSize: The fewest items worth a chunk of their own.
    ///   - body: The work on one chunk; it may run on any thread and must only write what belongs to its items.
    static func forEach(
        count: Int, minimumChunkSize: Int = minimumChunkSize, _ body: @Sendable (_ items: Range<Int>) -> Void
    ) {
        guard count > 0 else { return }
        let chunks = max(1, min(maximumChunkCount, count / max(1, minimumChunkSize)))
        guard chunks > 1 else {
            body(0..<count)
            return
        }
        DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
            body(count * chunk / chunks..<count * (chunk + 1) / chunks)
        }
    }

    /// Calls `body` once per chunk of `0..<count`, in parallel when there is enough work, and returns the chunks'
    /// results in chunk order.
    ///
    /// - Parameters:
    ///   - count: The number of items.
    ///   - minimumChunkSize: The fewest items worth a chunk of their own.
    ///   - body: The work on one chunk; it may run on any thread.
    /// - Returns: One result per chunk, in the order of the chunks' items; empty when `count` is 0.
    static func map<Result: Sendable>(
        count: Int, minimumChunkSize: Int = minimumChunkSize, _ body: @Sendable (_ items: Range<Int>) -> Result
    ) -> [Result] {
        guard count > 0 else { return [] }
        let chunks = max(1, min(maximumChunkCount, count / max(1, minimumChunkSize)))
        var results = [Result?](repeating: nil, count: chunks)
        results.withUnsafeMutableBufferPointer { results in
            // Safe: each chunk writes only its own slot, and the slots are read after every chunk has finished.
            nonisolated(unsafe) let results = results
            DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
                results[chunk] = body(count * chunk / chunks..<count * (chunk + 1) / chunks)
            }
        }
        return results.map { $0! }
    }
}
