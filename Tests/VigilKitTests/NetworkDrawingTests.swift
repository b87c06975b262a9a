import Foundation
import Testing
import VigilKit
import VigilNetwork

@Suite("SVG drawings of networks")
struct NetworkDrawingTests {
    @Test("one circle per node and one line per edge, names escaped, the largest community coloured first")
    func drawing() throws {
        let graph = try Graph(
            edges: [EdgeRecord(source: "A & B <Ltd>", target: "b"), EdgeRecord(source: "b", target: "c")], isDirected: false)
        let positions = [LayoutPoint(x: 0, y: 0), LayoutPoint(x: 1, y: 0), LayoutPoint(x: 1, y: 1)]
        let svg = NetworkDrawing().svg(graph: graph, positions: positions, sizes: [1, 2, 1], sizeName: "degree", groups: [1, 0, 0])
        #expect(svg.components(separatedBy: "<circle").count - 1 == 3)
        #expect(svg.components(separatedBy: "<line").count - 1 == 2)
        #expect(svg.contains("A &amp; B &lt;Ltd&gt;"))
        #expect(!svg.contains("<Ltd>"))
        // Community 0 (two nodes) takes the palette's first colour; the node of highest degree is the largest.
        #expect(svg.contains("r=\"14.0\" fill=\"#1f77b4\""))
        #expect(svg.hasPrefix("<svg") && svg.hasSuffix("</svg>\n"))
    }
}
