import Foundation

/// Barabási–Albert graphs from a seed: the input of the graph benchmark.
///
/// Preferential attachment as NetworkX's `barabasi_albert_graph` defines it: the first new node joins the
/// `m` initial nodes; every later node joins `m` distinct earlier nodes, each drawn with probability
/// proportional to its degree (by drawing from the list in which every node appears once per edge end).
/// The graph has `n` nodes and `m` (`n` − `m`) edges, no self-loops and no repeated edges; node IDs are
/// `0..<n`. The same seed gives the same edges.
public enum SyntheticGraph {
    /// The edges of a Barabási–Albert graph with `nodes` nodes, each new node bringing `m` edges.
    /// - Precondition: `m` ≥ 1 and `nodes` > `m`.
    public static func barabasiAlbert(
        nodes: Int, m: Int, using generator: inout some RandomNumberGenerator
    ) -> [(source: Int, target: Int)] {
        precondition(m >= 1 && nodes > m, "a Barabási–Albert graph needs m ≥ 1 and more than m nodes")
        var edges: [(source: Int, target: Int)] = []
        edges.reserveCapacity(m * (nodes - m))
        var ends: [Int] = []
        ends.reserveCapacity(2 * m * (nodes - m))
        var targets = Array(0..<m)
        var chosen = Set<Int>(minimumCapacity: m)
        for node in m..<nodes {
            for target in targets {
                edges.append((node, target))
                ends.append(node)
                ends.append(target)
            }
            chosen.removeAll(keepingCapacity: true)
            while chosen.count < m { chosen.insert(ends[Int.random(in: 0..<ends.count, using: &generator)]) }
            // Sorted, so the edge order does not depend on Set's per-process hashing.
            targets = chosen.sorted()
        }
        return edges
    }

    /// Writes a Barabási–Albert graph to `path` as CSV with the header `source,target`.
    /// - Throws: File-system errors.
    public static func write(nodes: Int, m: Int, to path: String, using generator: inout some RandomNumberGenerator) throws {
        guard FileManager.default.createFile(atPath: path, contents: nil), let handle = FileHandle(forWritingAtPath: path) else {
            throw CocoaError(.fileWriteNoPermission, userInfo: [NSFilePathErrorKey: path])
        }
        defer { try? handle.close() }
        var text = "source,target\n"
        for edge in barabasiAlbert(nodes: nodes, m: m, using: &generator) {
            text += "\(edge.source),\(edge.target)\n"
            if text.utf8.count > 1 << 22 {
                handle.write(Data(text.utf8))
                text.removeAll(keepingCapacity: true)
            }
        }
        handle.write(Data(text.utf8))
    }
}
