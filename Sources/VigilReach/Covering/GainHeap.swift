/// A binary max-heap of candidates keyed by a marginal gain, for lazy greedy evaluation.
///
/// The largest gain comes first, and among equal gains the lowest candidate index, so the greedy choice is
/// deterministic. Each entry records the round in which its gain was computed.
struct GainHeap {
    struct Entry {
        var gain: Double
        var candidate: Int32
        var round: Int32
    }

    private(set) var entries: [Entry] = []

    init(_ entries: [Entry]) {
        self.entries = entries
        guard entries.count > 1 else { return }
        for index in stride(from: entries.count / 2 - 1, through: 0, by: -1) { siftDown(index) }
    }

    var isEmpty: Bool { entries.isEmpty }
    var top: Entry? { entries.first }

    /// Whether `a` comes before `b`.
    @inline(__always) static func precedes(_ a: Entry, _ b: Entry) -> Bool {
        a.gain > b.gain || (a.gain == b.gain && a.candidate < b.candidate)
    }

    mutating func popTop() -> Entry {
        let top = entries[0]
        let last = entries.removeLast()
        if !entries.isEmpty {
            entries[0] = last
            siftDown(0)
        }
        return top
    }

    /// Replaces the top entry and restores the order.
    mutating func replaceTop(with entry: Entry) {
        entries[0] = entry
        siftDown(0)
    }

    /// The sum of the `count` largest gains, found without disturbing the heap.
    /// - Complexity: O(*count* log *count*).
    func sumOfLargestGains(_ count: Int) -> Double {
        guard count > 0, !entries.isEmpty else { return 0 }
        // A frontier of heap positions, itself kept as a max-heap on their gains: the largest remaining gain is
        // always on the frontier.
        var frontier = [0]
        var total = 0.0
        var taken = 0
        while taken < count, !frontier.isEmpty {
            let position = frontier[0]
            frontier[0] = frontier[frontier.count - 1]
            frontier.removeLast()
            siftDownFrontier(&frontier, 0)
            total += entries[position].gain
            taken += 1
            for child in (2 * position + 1)...(2 * position + 2) where child < entries.count {
                frontier.append(child)
                var index = frontier.count - 1
                while index > 0, entries[frontier[(index - 1) / 2]].gain < entries[frontier[index]].gain {
                    frontier.swapAt(index, (index - 1) / 2)
                    index = (index - 1) / 2
                }
            }
        }
        return total
    }

    private func siftDownFrontier(_ frontier: inout [Int], _ start: Int) {
        var index = start
        while true {
            var largest = index
            for child in (2 * index + 1)...(2 * index + 2)
            where child < frontier.count && entries[frontier[child]].gain > entries[frontier[largest]].gain {
                largest = child
            }
            if largest == index { return }
            frontier.swapAt(index, largest)
            index = largest
        }
    }

    private mutating func siftDown(_ start: Int) {
        var index = start
        let count = entries.count
        while true {
            let left = 2 * index + 1
            guard left < count else { return }
            var best = left
            if left + 1 < count, Self.precedes(entries[left + 1], entries[left]) { best = left + 1 }
            guard Self.precedes(entries[best], entries[index]) else { return }
            entries.swapAt(index, best)
            index = best
        }
    }
}
