import Foundation

/// Hands out the indices `0..<count` in blocks to whichever worker asks next, so a worker that a
/// busy core slows down takes fewer blocks instead of holding the others up at the end.
final class WorkBlocks: @unchecked Sendable {
    // @unchecked: `taken` is only touched with `lock` held.
    private let lock = NSLock()
    private var taken = 0
    private let count: Int
    private let size: Int

    /// Blocks of `size` indices over `0..<count`.
    init(count: Int, size: Int) {
        precondition(size > 0, "a block holds at least one index")
        self.count = count
        self.size = size
    }

    /// The next block, or `nil` when all are taken.
    func next() -> Range<Int>? {
        lock.lock()
        defer { lock.unlock() }
        guard taken < count else { return nil }
        let block = taken..<min(count, taken + size)
        taken = block.upperBound
        return block
    }
}
