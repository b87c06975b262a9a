import Testing
import VigilNetwork

@Suite("Closeness and harmonic centrality")
struct ClosenessTests {
    /// Compares optional values: both missing, or both present and close.
    static func mismatches(_ values: [Double?], _ reference: [Double?]) -> [String] {
        Array(
            values.indices.filter { index in
                switch (values[index], reference[index]) {
                case (nil, nil): false
                case (let value?, let expected?): !NetworkFixtures.agree(value, expected, relative: 1e-9)
                default: true
                }
            }.map { "node \($0): \(String(describing: values[$0])) vs \(String(describing: reference[$0]))" }.prefix(5))
    }

    @Test("closeness and harmonic centrality equal igraph's (mode out), normalised and raw", arguments: NetworkFixtures.names)
    func unweighted(name: String) {
        let (graph, expected) = NetworkFixtures.graph(name)
        let normalised = graph.closenessCentrality(usingWeights: false)
        #expect(Self.mismatches(normalised.closeness, expected.closeness).isEmpty)
        #expect(NetworkFixtures.mismatches(normalised.harmonic, expected.harmonic, relative: 1e-9).isEmpty)
        let raw = graph.closenessCentrality(usingWeights: false, isNormalized: false)
        #expect(Self.mismatches(raw.closeness, expected.closeness_raw).isEmpty)
        #expect(NetworkFixtures.mismatches(raw.harmonic, expected.harmonic_raw, relative: 1e-9).isEmpty)
    }

    @Test("weighted closeness and harmonic centrality equal igraph's", arguments: NetworkFixtures.names)
    func weighted(name: String) {
        let (graph, expected) = NetworkFixtures.graph(name)
        guard let closeness = expected.closeness_weighted, let harmonic = expected.harmonic_weighted else { return }
        let values = graph.closenessCentrality()
        #expect(Self.mismatches(values.closeness, closeness).isEmpty)
        #expect(NetworkFixtures.mismatches(values.harmonic, harmonic, relative: 1e-9).isEmpty)
    }

    @Test("in a directed graph, closeness inwards and ignoring directions equal igraph's modes in and all", arguments: NetworkFixtures.names)
    func directions(name: String) {
        let (graph, expected) = NetworkFixtures.graph(name)
        guard let closenessIn = expected.closeness_in, let closenessAll = expected.closeness_all,
            let harmonicIn = expected.harmonic_in, let harmonicAll = expected.harmonic_all
        else { return }
        let incoming = graph.closenessCentrality(direction: .incoming, usingWeights: false)
        #expect(Self.mismatches(incoming.closeness, closenessIn).isEmpty)
        #expect(NetworkFixtures.mismatches(incoming.harmonic, harmonicIn, relative: 1e-9).isEmpty)
        let all = graph.closenessCentrality(direction: .all, usingWeights: false)
        #expect(Self.mismatches(all.closeness, closenessAll).isEmpty)
        #expect(NetworkFixtures.mismatches(all.harmonic, harmonicAll, relative: 1e-9).isEmpty)
    }

    @Test("an isolated node has no closeness and harmonic centrality 0")
    func isolated() throws {
        let graph = try Graph(edges: [.init(source: "a", target: "b")], isDirected: false, isolatedNodes: ["c"])
        let values = graph.closenessCentrality()
        #expect(values.closeness == [1, 1, nil])
        #expect(values.harmonic == [0.5, 0.5, 0])
    }
}
