public import VigilNetwork

/// An SVG drawing of a graph: nodes where a ``ForceLayout`` put them, sized by a centrality and coloured by
/// group (a community, or a kind of entity), with edges as thin lines (arrows' direction is not drawn).
///
/// The twelve largest groups get distinct colours (ties broken by lowest group number) and the rest
/// grey; areas grow with the centrality, from 3 to 14 pixels of radius. Names are written beside the nodes
/// when the graph has at most `labelLimit` nodes, and every node carries its name and value as a tooltip.
public struct NetworkDrawing: Sendable {
    /// The side of the drawing's square, in pixels (default 1,000).
    public var size: Double
    /// The largest graph whose nodes are labelled (default 150).
    public var labelLimit: Int

    /// A drawing of the given size.
    public init(size: Double = 1_000, labelLimit: Int = 150) {
        self.size = size
        self.labelLimit = labelLimit
    }

    /// The SVG document.
    /// - Parameters:
    ///   - graph: The graph.
    ///   - positions: Each node's position, by node ID (from ``ForceLayout/positions(of:using:)``).
    ///   - sizes: The value each node is sized by, by node ID; `sizeName` names it in tooltips.
    ///   - groups: Each node's group, by node ID, which sets its colour.
    ///   - groupName: How tooltips name a group (default: `community` and its number).
    ///   - labels: What to call each node, by node ID (default: its name in the graph).
    public func svg(
        graph: Graph, positions: [LayoutPoint], sizes: [Double], sizeName: String, groups: [Int],
        groupName: (Int) -> String = { "community \($0)" }, labels: [String]? = nil
    ) -> String {
        let labels = labels ?? graph.nodeNames
        let margin = 20.0
        let minimumX = positions.map(\.x).min() ?? 0
        let minimumY = positions.map(\.y).min() ?? 0
        let span = max((positions.map(\.x).max() ?? 0) - minimumX, (positions.map(\.y).max() ?? 0) - minimumY, 1e-9)
        let scale = (size - 2 * margin) / span
        func place(_ node: Int) -> (x: String, y: String) {
            (Markup.number(margin + (positions[node].x - minimumX) * scale), Markup.number(margin + (positions[node].y - minimumY) * scale))
        }
        let largest = sizes.max() ?? 0
        let colours = colourOfGroup(groups)
        var text = """
            <svg xmlns="http://www.w3.org/2000/svg" width="\(Markup.number(size))" height="\(Markup.number(size))" \
            viewBox="0 0 \(Markup.number(size)) \(Markup.number(size))" font-family="sans-serif" font-size="10">
            <rect width="100%" height="100%" fill="white"/>
            <g stroke="#888" stroke-opacity="0.5" stroke-width="0.6">

            """
        for edge in graph.edges {
            let (from, to) = (place(edge.source), place(edge.target))
            text += "<line x1=\"\(from.x)\" y1=\"\(from.y)\" x2=\"\(to.x)\" y2=\"\(to.y)\"/>\n"
        }
        text += "</g>\n<g stroke=\"white\" stroke-width=\"0.8\">\n"
        for node in 0..<graph.nodeCount {
            let at = place(node)
            let share = largest > 0 ? max(0, sizes[node]) / largest : 0
            let radius = 3 + 11 * share.squareRoot()
            let title = Markup.escape("\(labels[node]): \(sizeName) \(sizes[node]), \(groupName(groups[node]))")
            text += "<circle cx=\"\(at.x)\" cy=\"\(at.y)\" r=\"\(Markup.number(radius))\" fill=\"\(colours[groups[node]] ?? "#bbbbbb")\">"
                + "<title>\(title)</title></circle>\n"
        }
        text += "</g>\n"
        if graph.nodeCount <= labelLimit {
            text += "<g fill=\"#222\">\n"
            for node in 0..<graph.nodeCount {
                let at = place(node)
                text += "<text x=\"\(at.x)\" y=\"\(at.y)\" dx=\"6\" dy=\"-6\">\(Markup.escape(labels[node]))</text>\n"
            }
            text += "</g>\n"
        }
        return text + "</svg>\n"
    }

    /// Colours of the twelve largest groups (a qualitative palette readable on white).
    private func colourOfGroup(_ groups: [Int]) -> [Int: String] {
        let palette = [
            "#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b",
            "#e377c2", "#17becf", "#bcbd22", "#393b79", "#ad494a", "#637939",
        ]
        var counts: [Int: Int] = [:]
        for group in groups { counts[group, default: 0] += 1 }
        let ranked = counts.sorted { ($0.value, -$0.key) > ($1.value, -$1.key) }.prefix(palette.count)
        return Dictionary(uniqueKeysWithValues: zip(ranked.map(\.key), palette))
    }
}
