import Testing
import VigilCore
import VigilNetwork

@Suite("Leiden communities")
struct LeidenTests {
    @Test(
        "the default 10 trials reach igraph's community_multilevel and community_leiden modularity, for each of 10 seeds",
        arguments: NetworkFixtures.names)
    func atLeastIgraph(name: String) throws {
        let (graph, expected) = NetworkFixtures.graph(name)
        for seed in 0..<10 as Range<UInt64> {
            var generator = SplitMix64(seed: seed)
            let partition = try Leiden().run(on: graph, using: &generator)
            let q = try #require(partition.modularity)
            #expect(q >= expected.louvain_modularity - 1e-9, "seed \(seed): Vigil \(q), igraph multilevel \(expected.louvain_modularity)")
            #expect(q >= expected.leiden_modularity - 1e-9, "seed \(seed): Vigil \(q), igraph leiden \(expected.leiden_modularity)")
        }
    }

    @Test("every community is connected", arguments: NetworkFixtures.names)
    func connected(name: String) throws {
        let (graph, _) = NetworkFixtures.graph(name)
        var generator = SplitMix64(seed: 5)
        let partition = try Leiden(.init(trials: 1)).run(on: graph, using: &generator)
        for community in 0..<partition.count {
            let outside = (0..<graph.nodeCount).filter { partition.membership[$0] != community }
            #expect(graph.removing(outside).graph.components().count == 1, "community \(community)")
        }
    }

    @Test("the same seed gives the same partition", arguments: 0..<10 as Range<UInt64>)
    func deterministic(seed: UInt64) throws {
        let (graph, _) = NetworkFixtures.graph("drugnet_hartford")
        var first = SplitMix64(seed: seed)
        var second = SplitMix64(seed: seed)
        #expect(try Leiden().run(on: graph, using: &first) == Leiden().run(on: graph, using: &second))
    }

    @Test("parameters outside their domain are refused")
    func invalid() {
        #expect(throws: NetworkError.self) { try Leiden(.init(resolution: 0)) }
        #expect(throws: NetworkError.self) { try Leiden(.init(randomness: 0)) }
        #expect(throws: NetworkError.self) { try Leiden(.init(trials: 0)) }
    }
}
