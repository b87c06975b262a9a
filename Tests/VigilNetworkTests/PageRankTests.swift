import Testing
import VigilNetwork

@Suite("PageRank")
struct PageRankTests {
    @Test("PageRank equals igraph's PRPACK result to 1e-9", arguments: NetworkFixtures.names)
    func unweighted(name: String) throws {
        let (graph, expected) = NetworkFixtures.graph(name)
        let result = try graph.pageRank(usingWeights: false)
        #expect(result.didConverge)
        #expect(NetworkFixtures.mismatches(result.values, expected.pagerank, relative: 1e-9).isEmpty)
    }

    @Test("weighted PageRank equals igraph's PRPACK result to 1e-9", arguments: NetworkFixtures.names)
    func weighted(name: String) throws {
        let (graph, expected) = NetworkFixtures.graph(name)
        guard let reference = expected.pagerank_weighted else { return }
        let result = try graph.pageRank()
        #expect(NetworkFixtures.mismatches(result.values, reference, relative: 1e-9).isEmpty)
    }

    @Test("dangling nodes jump uniformly, and the scores sum to 1")
    func dangling() throws {
        // igraph: Graph([(0,1),(1,2),(2,0),(2,3)], directed=True, n=5).pagerank()
        let graph = try Graph(
            edges: [.init(source: "0", target: "1"), .init(source: "1", target: "2"), .init(source: "2", target: "0"),
                    .init(source: "2", target: "3")],
            isDirected: true, isolatedNodes: ["4"])
        let values = try graph.pageRank().values
        let reference = [0.1973934123919965, 0.24435895487854575, 0.2842796659921126, 0.1973934123919965, 0.07657455434534871]
        #expect(NetworkFixtures.mismatches(values, reference, relative: 1e-9).isEmpty)
        #expect(abs(values.reduce(0, +) - 1) < 1e-12)
    }

    @Test("a damping factor outside (0, 1) is refused", arguments: [0.0, 1.0, -0.5, 1.5])
    func invalidDamping(damping: Double) throws {
        let graph = try Graph(edges: [.init(source: "a", target: "b")], isDirected: false)
        #expect(throws: NetworkError.self) { try graph.pageRank(damping: damping) }
    }
}
