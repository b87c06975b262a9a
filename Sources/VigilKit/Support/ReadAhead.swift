import Foundation

/// Reads a sequence of chunks on a thread of its own, a few ahead of the one that consumes them, and
/// hands them over in order: reading a file, which has to go front to back, then overlaps the work on
/// what was read.
///
/// The consumer calls ``next()`` until it returns `nil` (the end) or throws (what reading threw); the
/// reading thread stops at either. A consumer that leaves before then calls ``abandon()``.
final class ReadAhead<Chunk: Sendable>: @unchecked Sendable {
    // @unchecked: `ready`, `isOver` and `isAbandoned` are only touched with `condition` locked.
    private let condition = NSCondition()
    private var ready: [Result<Chunk?, any Error>] = []
    private var isOver = false
    private var isAbandoned = false
    private let depth: Int

    /// Starts reading.
    /// - Parameters:
    ///   - depth: How many chunks may wait, read and not yet taken.
    ///   - read: Reads the next chunk, `nil` at the end. It runs on the reading thread only, one call
    ///     after another.
    init(depth: Int = 2, read: @escaping @Sendable () throws -> Chunk?) {
        precondition(depth > 0, "a read-ahead needs room for one chunk")
        self.depth = depth
        let thread = Thread { [self] in run(read) }
        thread.name = "vigil.read-ahead"
        thread.start()
    }

    /// The next chunk, in order; `nil` at the end (and after it, or after an error).
    /// - Throws: What reading threw, at the place it threw.
    func next() throws -> Chunk? {
        condition.lock()
        defer { condition.unlock() }
        while ready.isEmpty {
            if isOver { return nil }
            condition.wait()
        }
        let result = ready.removeFirst()
        condition.broadcast()
        return try result.get()
    }

    /// Tells the reading thread to stop after the chunk it is reading; chunks read are dropped.
    func abandon() {
        condition.lock()
        isAbandoned = true
        ready.removeAll()
        condition.broadcast()
        condition.unlock()
    }

    private func run(_ read: () throws -> Chunk?) {
        while true {
            condition.lock()
            while ready.count >= depth, !isAbandoned { condition.wait() }
            let stop = isAbandoned || isOver
            condition.unlock()
            if stop { return }
            let result = Result { try read() }
            condition.lock()
            let isLast = if case .success(.some) = result { false } else { true }
            if isLast { isOver = true }
            if !isAbandoned { ready.append(result) }
            condition.broadcast()
            condition.unlock()
        }
    }
}
