/// A binary min-heap of `(node, distance)` entries for Dijkstra's algorithm, ties broken by lower node ID so
/// that the settling order is deterministic.
///
/// Entries are never decreased in place: a shorter distance is pushed as a new entry and the stale one is
/// skipped when popped (lazy deletion), which keeps the heap a plain array.
struct DistanceHeap {
    private struct Entry {
        var distance: Double
        var node: Int

        @inline(__always) func precedes(_ other: Entry) -> Bool {
            distance < other.distance || (distance == other.distance && node < other.node)
        }
    }

    private var entries: [Entry] = []

    mutating func removeAll() { entries.removeAll(keepingCapacity: true) }

    mutating func push(node: Int, distance: Double) {
        let entry = Entry(distance: distance, node: node)
        entries.append(entry)
        // Move the hole up until the parent precedes the new entry.
        var child = entries.count - 1
        while child > 0 {
            let parent = (child - 1) / 2
            guard entry.precedes(entries[parent]) else { break }
            entries[child] = entries[parent]
            child = parent
        }
        entries[child] = entry
    }

    mutating func pop() -> (node: Int, distance: Double)? {
        guard let top = entries.first else { return nil }
        let last = entries.removeLast()
        if !entries.isEmpty {
            // Move the hole down from the root until the last entry fits.
            let count = entries.count
            var parent = 0
            while true {
                let left = 2 * parent + 1
                guard left < count else { break }
                var smallest = left
                if left + 1 < count, entries[left + 1].precedes(entries[left]) { smallest = left + 1 }
                guard entries[smallest].precedes(last) else { break }
                entries[parent] = entries[smallest]
                parent = smallest
            }
            entries[parent] = last
        }
        return (top.node, top.distance)
    }
}
