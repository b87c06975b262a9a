import ArgumentParser
import VigilCore
import VigilNetwork

struct NetworkCommunitiesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "communities",
        abstract: "Communities by modularity (Louvain or Leiden), one row per node; the modularity goes to standard error.",
        discussion: """
            A directed graph is treated as undirected (a → b and b → a become one tie). The same --seed gives the \
            same communities; the best of --trials runs is kept. Leiden's communities are always connected; \
            Louvain's may not be.
            """)

    @OptionGroup var graphOptions: NetworkEdgeOptions

    @Option(help: "louvain or leiden.")
    var method = "louvain"

    @Option(help: "The modularity resolution; above 1 gives smaller communities.")
    var resolution = 1.0

    @Option(help: "Louvain runs whose best partition is kept.")
    var trials = 10

    @Option(help: "The seed of the random node orders.")
    var seed: UInt64 = 1

    @Option(help: "table, csv or json.")
    var format: OutputFormat = .table

    @OptionGroup var drawing: NetworkDrawingOptions

    func validate() throws {
        guard method == "louvain" || method == "leiden" else {
            throw ValidationError("--method '\(method)' is not louvain or leiden")
        }
    }

    func run() async throws {
        try await reportingErrors {
            let graph = try graphOptions.loadGraph()
            var generator = SplitMix64(seed: seed)
            let partition =
                method == "leiden"
                ? try Leiden(.init(resolution: resolution, trials: trials)).run(on: graph, using: &generator)
                : try Louvain(.init(resolution: resolution, trials: trials)).run(on: graph, using: &generator)
            var table = OutputTable(columns: ["node", "community"])
            for node in 0..<graph.nodeCount {
                table.rows.append([.text(graph.nodeNames[node]), .integer(partition.membership[node])])
            }
            print(table.render(format), terminator: "")
            let modularity = partition.modularity.map { String($0) } ?? "undefined (no edges)"
            printError(
                "\(partition.count) communities, modularity \(modularity) (\(method), resolution \(resolution), seed \(seed), "
                    + "\(trials) trials)")
            try drawing.drawIfAsked(graph, communities: partition.membership)
        }
    }
}
