import Testing
import VigilCore
import VigilNetwork

@Suite("Force-directed layout")
struct ForceLayoutTests {
    /// Two 6-cliques joined by one edge.
    private func twoCliques() throws -> Graph {
        var records: [EdgeRecord] = []
        for offset in [0, 6] {
            for a in 0..<6 {
                for b in (a + 1)..<6 { records.append(EdgeRecord(source: "n\(offset + a)", target: "n\(offset + b)")) }
            }
        }
        records.append(EdgeRecord(source: "n0", target: "n6"))
        return try Graph(edges: records, isDirected: false)
    }

    private func distance(_ a: LayoutPoint, _ b: LayoutPoint) -> Double {
        ((a.x - b.x) * (a.x - b.x) + (a.y - b.y) * (a.y - b.y)).squareRoot()
    }

    @Test("the same seed gives the same positions; another seed, others")
    func deterministic() throws {
        let graph = try twoCliques()
        var first = SplitMix64(seed: 7)
        var second = SplitMix64(seed: 7)
        var third = SplitMix64(seed: 8)
        let layout = ForceLayout(iterations: 100)
        let positions = layout.positions(of: graph, using: &first)
        #expect(positions == layout.positions(of: graph, using: &second))
        #expect(positions != layout.positions(of: graph, using: &third))
    }

    @Test("members of a clique end closer to each other than to the other clique's, inside the square")
    func cliquesSeparate() throws {
        let graph = try twoCliques()
        var generator = SplitMix64(seed: 3)
        let positions = ForceLayout().positions(of: graph, using: &generator)
        let side = Double(graph.nodeCount).squareRoot()
        #expect(positions.allSatisfy { (0...side).contains($0.x) && (0...side).contains($0.y) })
        let clique = { (node: Int) in graph.nodeNames[node].dropFirst().count == 1 && Int(graph.nodeNames[node].dropFirst())! < 6 }
        var within: [Double] = []
        var across: [Double] = []
        for a in 0..<graph.nodeCount {
            for b in (a + 1)..<graph.nodeCount {
                let length = distance(positions[a], positions[b])
                if clique(a) == clique(b) { within.append(length) } else { across.append(length) }
            }
        }
        #expect(within.max()! < across.reduce(0, +) / Double(across.count))
    }

    @Test("empty and one-node graphs")
    func small() throws {
        var generator = SplitMix64(seed: 1)
        #expect(ForceLayout().positions(of: try Graph(edges: [], isDirected: false), using: &generator).isEmpty)
        let one = try Graph(edges: [], isDirected: false, isolatedNodes: ["a"])
        #expect(ForceLayout().positions(of: one, using: &generator).count == 1)
    }
}
