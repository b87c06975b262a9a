/// Names for the clusters of a new resolution that keep the names of an earlier one, so that an
/// entity keeps its id when new records arrive (incremental resolution).
///
/// A cluster holding records that were in an earlier cluster keeps that cluster's name (the
/// earliest in name order when it joins several). When an earlier cluster ends up split, its name
/// stays with the part holding most of its records (the first such part on a tie) and the other
/// parts get new names. A cluster of new records only is named after its first record's id.
public enum StableClusterNames {
    /// Each record's cluster name.
    /// - Parameters:
    ///   - clusters: Each record's cluster, as ``RecordClustering`` gives them.
    ///   - ids: Each record's id.
    ///   - previous: Earlier cluster names by record id.
    public static func assign(clusters: [Int], ids: [String], previous: [String: String]) -> [String] {
        var members: [Int: [Int]] = [:]
        for (record, cluster) in clusters.enumerated() { members[cluster, default: []].append(record) }
        // How many records of each earlier cluster each new cluster holds.
        var holdings: [String: [(cluster: Int, count: Int)]] = [:]
        for cluster in members.keys.sorted() {
            var counts: [String: Int] = [:]
            for record in members[cluster]! { if let name = previous[ids[record]] { counts[name, default: 0] += 1 } }
            for (name, count) in counts { holdings[name, default: []].append((cluster, count)) }
        }
        var heir: [String: Int] = [:]
        for (name, list) in holdings {
            heir[name] = list.max { ($0.count, -$0.cluster) < ($1.count, -$1.cluster) }!.cluster
        }
        var names: [Int: String] = [:]
        var used: Set<String> = Set(previous.values)
        for cluster in members.keys.sorted() {
            let inherited = heir.filter { $0.value == cluster }.map(\.key).sorted().first
            if let inherited {
                names[cluster] = inherited
            } else {
                var name = ids[members[cluster]!.min()!]
                while used.contains(name) { name += "'" }
                names[cluster] = name
            }
            used.insert(names[cluster]!)
        }
        return clusters.map { names[$0]! }
    }
}
