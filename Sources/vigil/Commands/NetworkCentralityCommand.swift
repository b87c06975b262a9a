import ArgumentParser
import VigilNetwork

struct NetworkCentralityCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "centrality",
        abstract: "Degree, betweenness, closeness, harmonic, eigenvector, PageRank, core number and component of every node.",
        discussion: """
            Definitions are igraph's: betweenness counts each pair once (undirected) and is not normalised; \
            closeness and harmonic are normalised and follow edges outwards in a directed graph (closeness is \
            empty for a node that reaches no other); eigenvector centrality is scaled to a maximum of 1; PageRank \
            uses damping 0.85. Degree counts in- plus out-edges in a directed graph. Nodes are listed in \
            first-seen order.
            """)

    @OptionGroup var graphOptions: NetworkEdgeOptions

    @Option(help: "table, csv or json.")
    var format: OutputFormat = .table

    @OptionGroup var drawing: NetworkDrawingOptions

    func run() async throws {
        try await reportingErrors {
            let graph = try graphOptions.loadGraph()
            let degree = graph.degrees()
            let betweenness = graph.betweenness()
            let closeness = graph.closenessCentrality()
            let eigenvector = graph.eigenvectorCentrality()
            let pageRank = try graph.pageRank()
            let core = graph.coreness()
            let components = graph.components()
            var table = OutputTable(columns: [
                "node", "degree", "betweenness", "closeness", "harmonic", "eigenvector", "pagerank", "core", "component",
            ])
            for node in 0..<graph.nodeCount {
                table.rows.append([
                    .text(graph.nodeNames[node]), .integer(degree[node]), .number(betweenness[node]),
                    closeness.closeness[node].map(Cell.number) ?? .null, .number(closeness.harmonic[node]),
                    .number(eigenvector.values[node]), .number(pageRank.values[node]), .integer(core[node]),
                    .integer(components.membership[node]),
                ])
            }
            print(table.render(format), terminator: "")
            if !eigenvector.didConverge { printError("note: eigenvector centrality did not converge; values are approximate") }
            if components.count > 1 {
                printError(
                    "note: \(components.count) components (largest \(components.largestSize) of \(graph.nodeCount) nodes); "
                        + "eigenvector centrality is meaningful within the component of the largest eigenvalue only")
            }
            try drawing.drawIfAsked(graph)
        }
    }
}
