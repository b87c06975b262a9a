/// Groups records into entities: records joined by a pair at or above the threshold, directly or
/// through others, are one entity (connected components, by union–find).
public enum RecordClustering {
    /// Each record's cluster, named by the position of its first record.
    public static func clusters(count: Int, pairs: [(first: Int, second: Int, probability: Double)], threshold: Double) -> [Int] {
        var parent = Array(0..<count)
        func root(_ record: Int) -> Int {
            var current = record
            while parent[current] != current {
                parent[current] = parent[parent[current]]
                current = parent[current]
            }
            return current
        }
        for pair in pairs where pair.probability >= threshold {
            let (a, b) = (root(pair.first), root(pair.second))
            if a != b { parent[max(a, b)] = min(a, b) }
        }
        return (0..<count).map(root)
    }
}
