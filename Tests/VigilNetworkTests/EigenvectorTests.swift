import Testing
import VigilNetwork

@Suite("Eigenvector centrality")
struct EigenvectorTests {
    // igraph scales the vector to a maximum of 1, so an absolute tolerance of 1e-9 is 1e-9 relative to the
    // largest value. It is also what near-zero entries need: in a disconnected graph igraph's ARPACK leaves
    // values of order 1e-16 where the exact answer is 0, and the power iteration leaves similar residues.
    @Test("unweighted eigenvector centrality equals igraph's to 1e-9 of the maximum", arguments: NetworkFixtures.names)
    func unweighted(name: String) {
        let (graph, expected) = NetworkFixtures.graph(name)
        let result = graph.eigenvectorCentrality(usingWeights: false)
        #expect(result.didConverge)
        #expect(NetworkFixtures.mismatches(result.values, expected.eigenvector, relative: 0, absolute: 1e-9).isEmpty)
    }

    @Test("weighted eigenvector centrality equals igraph's to 1e-9 of the maximum", arguments: NetworkFixtures.names)
    func weighted(name: String) {
        let (graph, expected) = NetworkFixtures.graph(name)
        guard let reference = expected.eigenvector_weighted else { return }
        let result = graph.eigenvectorCentrality()
        #expect(result.didConverge)
        #expect(NetworkFixtures.mismatches(result.values, reference, relative: 0, absolute: 1e-9).isEmpty)
    }

    @Test("a bipartite graph converges (the shift removes the −λ eigenvalue)")
    func bipartite() throws {
        let graph = try Graph(edges: [.init(source: "a", target: "b"), .init(source: "b", target: "c")], isDirected: false)
        let result = graph.eigenvectorCentrality()
        #expect(result.didConverge)
        #expect(abs(result.values[0] - 1 / 2.0.squareRoot()) < 1e-12)
        #expect(result.values[1] == 1)
        #expect(abs(result.eigenvalue - 2.0.squareRoot()) < 1e-12)
    }

    // igraph 1.0: Graph(n=5, edges=[(0,1),(1,2),(0,2),(3,2)], directed=True).eigenvector_centrality()
    @Test("an acyclic directed graph gives 1 to nodes without out-edges and 0 to the others, as igraph does")
    func acyclic() throws {
        let graph = try Graph(
            edges: [.init(source: "0", target: "1"), .init(source: "1", target: "2"), .init(source: "0", target: "2"),
                    .init(source: "3", target: "2")],
            isDirected: true, isolatedNodes: ["4"])
        let result = graph.eigenvectorCentrality()
        #expect(result.values == [0, 0, 1, 0, 1])
        #expect(result.eigenvalue == 0)
        #expect(result.didConverge)
    }
}
