/// How well a resolution agrees with the true entities, counted over pairs of records: precision is
/// the share of pairs put together that truly belong together, recall the share of true pairs put
/// together.
public struct ResolutionQuality: Hashable, Sendable {
    /// Pairs put together that belong together, over all pairs put together (1 when there are none).
    public var precision: Double
    /// Pairs put together that belong together, over all pairs that belong together (1 when there are none).
    public var recall: Double
    /// Their harmonic mean.
    public var f1: Double { precision + recall > 0 ? 2 * precision * recall / (precision + recall) : 0 }

    /// Compares each record's cluster with its true entity (records without one are left out of
    /// the true pairs).
    public init<Cluster: Hashable, Label: Hashable>(clusters: [Cluster], truth: [Label?]) {
        func pairs<Key: Hashable>(_ keys: [Key?]) -> Set<UInt64> {
            var groups: [Key: [Int]] = [:]
            for (record, key) in keys.enumerated() { if let key { groups[key, default: []].append(record) } }
            var result: Set<UInt64> = []
            for members in groups.values where members.count > 1 {
                for (offset, a) in members.enumerated() { for b in members[(offset + 1)...] { result.insert(UInt64(a) << 32 | UInt64(b)) } }
            }
            return result
        }
        let predicted = pairs(clusters.map(Optional.some))
        let actual = pairs(truth)
        let found = Double(predicted.intersection(actual).count)
        precision = predicted.isEmpty ? 1 : found / Double(predicted.count)
        recall = actual.isEmpty ? 1 : found / Double(actual.count)
    }
}
