import Testing
import VigilNetwork

@Suite("Connected components")
struct ComponentsTests {
    @Test("weak components equal igraph's membership", arguments: NetworkFixtures.names)
    func matchesIgraph(name: String) {
        let (graph, expected) = NetworkFixtures.graph(name)
        let components = graph.components()
        #expect(components.membership == expected.components)
        #expect(components.sizes.reduce(0, +) == graph.nodeCount)
    }

    @Test("a directed chain is one weak component")
    func weak() throws {
        let graph = try Graph(edges: [.init(source: "a", target: "b"), .init(source: "c", target: "b")], isDirected: true)
        #expect(graph.components().count == 1)
    }
}
