import ArgumentParser
import Foundation
import VigilCore
import VigilKit
import VigilNetwork

/// `--svg FILE` and how to draw: a force-directed layout, nodes sized by a centrality and coloured by community.
struct NetworkDrawingOptions: ParsableArguments {
    /// The centralities a drawing can size nodes by.
    enum SizeMeasure: String, ExpressibleByArgument, CaseIterable {
        case degree, betweenness, harmonic, eigenvector, pagerank, core
    }

    @Option(help: "Also draw the graph as SVG to this file.")
    var svg: String?

    @Option(help: "The centrality that sizes nodes in the drawing: \(SizeMeasure.allCases.map(\.rawValue).joined(separator: ", ")).")
    var sizeBy: SizeMeasure = .degree

    @Option(help: "Iterations of the drawing's force-directed layout.")
    var layoutIterations = 300

    @Option(help: "The seed of the drawing's starting positions (and of its Louvain colours when no communities are computed).")
    var layoutSeed: UInt64 = 1

    func validate() throws {
        guard layoutIterations > 0 else { throw ValidationError("--layout-iterations must be positive") }
    }

    /// Draws `graph` to the `--svg` file, if one was given. Communities default to a seeded Louvain partition.
    func drawIfAsked(_ graph: Graph, communities: [Int]? = nil) throws {
        guard let svg else { return }
        var generator = SplitMix64(seed: layoutSeed)
        let membership = try communities ?? Louvain().run(on: graph, using: &generator).membership
        let positions = ForceLayout(iterations: layoutIterations).positions(of: graph, using: &generator)
        let drawing = NetworkDrawing().svg(
            graph: graph, positions: positions, sizes: try sizes(of: graph), sizeName: sizeBy.rawValue, groups: membership)
        do {
            try Data(drawing.utf8).write(to: URL(fileURLWithPath: svg))
        } catch {
            throw ValidationError("cannot write the drawing to '\(svg)': \(error.localizedDescription)")
        }
        printError("drew \(graph.nodeCount) nodes to \(svg), sized by \(sizeBy.rawValue)")
    }

    private func sizes(of graph: Graph) throws -> [Double] {
        switch sizeBy {
        case .degree: graph.degrees().map(Double.init)
        case .betweenness: graph.betweenness()
        case .harmonic: graph.closenessCentrality().harmonic
        case .eigenvector: graph.eigenvectorCentrality().values
        case .pagerank: try graph.pageRank().values
        case .core: graph.coreness().map(Double.init)
        }
    }
}
