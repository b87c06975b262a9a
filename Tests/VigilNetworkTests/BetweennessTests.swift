import Testing
import VigilNetwork

@Suite("Betweenness centrality")
struct BetweennessTests {
    @Test("unweighted betweenness equals igraph's to 1e-9", arguments: NetworkFixtures.names)
    func unweighted(name: String) {
        let (graph, expected) = NetworkFixtures.graph(name)
        let values = graph.betweenness(usingWeights: false)
        #expect(NetworkFixtures.mismatches(values, expected.betweenness, relative: 1e-9).isEmpty)
    }

    @Test("weighted betweenness (weights as lengths) equals igraph's to 1e-9", arguments: NetworkFixtures.names)
    func weighted(name: String) throws {
        let (graph, expected) = NetworkFixtures.graph(name)
        guard let reference = expected.betweenness_weighted else { return }
        #expect(NetworkFixtures.mismatches(graph.betweenness(), reference, relative: 1e-9).isEmpty)
    }

    @Test("normalised betweenness equals NetworkX's normalized=True to 1e-9", arguments: NetworkFixtures.names)
    func normalised(name: String) {
        let (graph, expected) = NetworkFixtures.graph(name)
        let values = graph.betweenness(usingWeights: false, isNormalized: true)
        #expect(NetworkFixtures.mismatches(values, expected.betweenness_normalized_networkx, relative: 1e-9).isEmpty)
    }

    @Test("the result is the same on every run (fixed chunks, fixed summation order)")
    func deterministic() {
        let (graph, _) = NetworkFixtures.graph("montagna_meetings")
        let first = graph.betweenness()
        for _ in 0..<5 { #expect(graph.betweenness() == first) }
    }

    @Test("the centre of a star lies on every path between leaves")
    func star() throws {
        let graph = try Graph(edges: (1...5).map { EdgeRecord(source: "hub", target: "leaf\($0)") }, isDirected: false)
        #expect(graph.betweenness() == [10, 0, 0, 0, 0, 0])
        #expect(graph.betweenness(isNormalized: true)[0] == 1)
    }
}
