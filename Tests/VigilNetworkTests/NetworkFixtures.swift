import Foundation
import VigilNetwork
import VigilTestSupport

/// The criminal networks in `Tests/Fixtures/network/` and igraph's results for them (see its README).
enum NetworkFixtures {
    /// One network's igraph and NetworkX results, as written by `make_fixtures.py`.
    struct Expected: Decodable {
        struct Paths: Decodable {
            var from: String
            var to: String
            var weighted: Bool
            var length: Double?
            var paths: [[String]]
        }
        var network: String
        var directed: Bool
        var weighted: Bool
        var nodes: [String]
        var edge_count: Int
        var degree: [Int]
        var strength: [Double]?
        var betweenness: [Double]
        var betweenness_weighted: [Double]?
        var betweenness_normalized_networkx: [Double]
        var closeness: [Double?]
        var closeness_raw: [Double?]
        var closeness_weighted: [Double?]?
        var harmonic: [Double]
        var harmonic_raw: [Double]
        var harmonic_weighted: [Double]?
        var closeness_in: [Double?]?
        var closeness_all: [Double?]?
        var harmonic_in: [Double]?
        var harmonic_all: [Double]?
        var degree_in: [Int]?
        var degree_out: [Int]?
        var coreness_in: [Int]?
        var coreness_out: [Int]?
        var eigenvector: [Double]
        var eigenvector_weighted: [Double]?
        var pagerank: [Double]
        var pagerank_weighted: [Double]?
        var coreness: [Int]
        var components: [Int]
        var louvain_membership: [Int]?
        var louvain_modularity: Double
        var louvain_modularity_best_of_20_seeds: Double
        var leiden_modularity: Double
        var global_efficiency_networkx: Double
        var paths: [Paths]
    }

    /// The networks with fixtures, by file stem (without `_edges.csv`).
    static let names = [
        "montagna_meetings", "montagna_phonecalls", "caviar_aggregate", "cielnet", "natarajan_heroin", "drugnet_hartford",
    ]

    /// igraph's results for a network.
    static func expected(_ name: String) -> Expected {
        let data = try! Data(contentsOf: URL(fileURLWithPath: Fixtures.path("network/expected_\(name).json")))
        return try! JSONDecoder().decode(Expected.self, from: data)
    }

    /// The edge records of a fixture file (`source,target[,weight]`, no quoted fields).
    static func records(_ file: String, weighted: Bool) -> [EdgeRecord] {
        let text = try! String(contentsOfFile: Fixtures.path("network/" + file), encoding: .utf8)
        return text.split(whereSeparator: \.isNewline).dropFirst().enumerated().map { offset, line in
            let fields = line.split(separator: ",").map(String.init)
            return EdgeRecord(
                source: fields[0], target: fields[1], weight: weighted ? Double(fields[2])! : nil, line: offset + 2)
        }
    }

    /// A network's graph, built as the fixture script builds it (weights summed over duplicates).
    static func graph(_ name: String, duplicates: Graph.DuplicatePolicy = .sum) -> (graph: Graph, expected: Expected) {
        let expected = expected(name)
        let graph = try! Graph(
            edges: records(name + "_edges.csv", weighted: expected.weighted), isDirected: expected.directed,
            duplicates: duplicates)
        return (graph, expected)
    }

    /// Whether two values agree to a relative tolerance (with an absolute floor for values near 0).
    static func agree(_ value: Double, _ reference: Double, relative: Double, absolute: Double = 1e-12) -> Bool {
        abs(value - reference) <= max(relative * abs(reference), absolute)
    }

    /// Descriptions of the entries that disagree, at most five.
    static func mismatches(
        _ values: [Double], _ reference: [Double], relative: Double, absolute: Double = 1e-12
    ) -> [String] {
        guard values.count == reference.count else { return ["\(values.count) values, reference has \(reference.count)"] }
        return Array(
            values.indices.filter { !agree(values[$0], reference[$0], relative: relative, absolute: absolute) }
                .map { "node \($0): \(values[$0]) vs \(reference[$0])" }.prefix(5))
    }
}
