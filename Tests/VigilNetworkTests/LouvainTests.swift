import Testing
import VigilCore
import VigilNetwork

@Suite("Louvain communities and modularity")
struct LouvainTests {
    @Test("modularity of igraph's own Louvain partition equals igraph's modularity()", arguments: NetworkFixtures.names)
    func modularityMatchesIgraph(name: String) throws {
        let (graph, expected) = NetworkFixtures.graph(name)
        let membership = try #require(expected.louvain_membership)
        let q = try #require(graph.modularity(of: membership))
        #expect(NetworkFixtures.agree(q, expected.louvain_modularity, relative: 1e-9))
    }

    @Test("the default 10 trials reach at least igraph's community_multilevel modularity, for each of 20 seeds", arguments: NetworkFixtures.names)
    func atLeastIgraph(name: String) throws {
        let (graph, expected) = NetworkFixtures.graph(name)
        for seed in 0..<20 as Range<UInt64> {
            var generator = SplitMix64(seed: seed)
            let partition = try Louvain().run(on: graph, using: &generator)
            let q = try #require(partition.modularity)
            #expect(q >= expected.louvain_modularity - 1e-9, "seed \(seed): Vigil \(q), igraph \(expected.louvain_modularity)")
        }
    }

    @Test("twenty trials reach igraph's best modularity over 20 seeds (to 0.005)", arguments: NetworkFixtures.names)
    func trials(name: String) throws {
        let (graph, expected) = NetworkFixtures.graph(name)
        var generator = SplitMix64(seed: 1)
        let partition = try Louvain(.init(trials: 20)).run(on: graph, using: &generator)
        let q = try #require(partition.modularity)
        #expect(q >= expected.louvain_modularity_best_of_20_seeds - 0.005, "Vigil \(q), igraph \(expected.louvain_modularity_best_of_20_seeds)")
    }

    @Test("the same seed gives the same partition", arguments: 0..<20 as Range<UInt64>)
    func deterministic(seed: UInt64) throws {
        let (graph, _) = NetworkFixtures.graph("montagna_meetings")
        var first = SplitMix64(seed: seed)
        var second = SplitMix64(seed: seed)
        #expect(try Louvain().run(on: graph, using: &first) == Louvain().run(on: graph, using: &second))
    }

    @Test("two cliques joined by one edge are two communities")
    func twoCliques() throws {
        var records: [EdgeRecord] = []
        for group in ["a", "b"] {
            for i in 0..<5 {
                for j in (i + 1)..<5 { records.append(.init(source: "\(group)\(i)", target: "\(group)\(j)")) }
            }
        }
        records.append(.init(source: "a0", target: "b0"))
        let graph = try Graph(edges: records, isDirected: false)
        var generator = SplitMix64(seed: 7)
        let partition = try Louvain().run(on: graph, using: &generator)
        #expect(partition.membership == [0, 0, 0, 0, 0, 1, 1, 1, 1, 1])
        #expect(partition.count == 2)
    }

    @Test("a graph without edges has one community per node and no modularity")
    func noEdges() throws {
        let graph = try Graph(edges: [], isDirected: false, isolatedNodes: ["a", "b"])
        var generator = SplitMix64(seed: 1)
        let partition = try Louvain().run(on: graph, using: &generator)
        #expect(partition.membership == [0, 1])
        #expect(partition.modularity == nil)
    }

    @Test("a resolution that is not positive is refused", arguments: [0.0, -1.0, .infinity])
    func invalidResolution(resolution: Double) {
        #expect(throws: NetworkError.self) { try Louvain(.init(resolution: resolution)) }
    }
}
