import Testing
import VigilNetwork

@Suite("k-core decomposition")
struct CorenessTests {
    @Test("core numbers equal igraph's coreness", arguments: NetworkFixtures.names)
    func matchesIgraph(name: String) {
        let (graph, expected) = NetworkFixtures.graph(name)
        #expect(graph.coreness() == expected.coreness)
    }

    @Test("in a directed graph, in- and out-degree cores equal igraph's coreness modes", arguments: NetworkFixtures.names)
    func directions(name: String) {
        let (graph, expected) = NetworkFixtures.graph(name)
        guard let coreIn = expected.coreness_in, let coreOut = expected.coreness_out else { return }
        #expect(graph.coreness(.incoming) == coreIn)
        #expect(graph.coreness(.outgoing) == coreOut)
        #expect(graph.degrees(.incoming) == expected.degree_in)
        #expect(graph.degrees(.outgoing) == expected.degree_out)
    }

    @Test("a triangle with a tail: 2-core triangle, 1-core tail, isolated 0")
    func small() throws {
        let graph = try Graph(
            edges: [.init(source: "a", target: "b"), .init(source: "b", target: "c"), .init(source: "c", target: "a"),
                    .init(source: "c", target: "d")],
            isDirected: false, isolatedNodes: ["e"])
        #expect(graph.coreness() == [2, 2, 2, 1, 0])
    }
}
