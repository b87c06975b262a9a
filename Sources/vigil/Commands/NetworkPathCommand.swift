import ArgumentParser
import Foundation
import VigilNetwork

struct NetworkPathCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "path",
        abstract: "A shortest path (or all of them) between two nodes, one row per node on the path.",
        discussion: """
            Unweighted: fewest edges (breadth-first). With --weight: least total weight (Dijkstra; weights are \
            lengths). Directed graphs are followed from source to target. --types keeps only edges carrying one \
            of the listed link types. Exit code 2 when the target cannot be reached.
            """)

    @OptionGroup var graphOptions: NetworkEdgeOptions

    @Option(help: "The start node's name.")
    var from: String

    @Option(help: "The end node's name.")
    var to: String

    @Flag(help: "List every shortest path, not just one.")
    var all = false

    @Option(help: "With --all, the most paths to list.")
    var limit = 1_000

    @Option(help: "Comma-separated link types the path may use (needs a type column).")
    var types: String?

    @Option(help: "table, csv or json.")
    var format: OutputFormat = .table

    func run() async throws {
        try await reportingErrors {
            let graph = try graphOptions.loadGraph()
            let source = try graph.requireNode(named: from)
            let target = try graph.requireNode(named: to)
            let allowed = types.map { Set($0.split(separator: ",").map { String($0).trimmingCharacters(in: .whitespaces) }) }
            let paths: [GraphPath]
            var total = 0.0
            if all {
                (paths, total) = try graph.allShortestPaths(from: source, to: target, allowedLinkTypes: allowed, limit: limit)
            } else {
                paths = try graph.shortestPath(from: source, to: target, allowedLinkTypes: allowed).map { [$0] } ?? []
                total = Double(paths.count)
            }
            guard let first = paths.first else {
                printError("'\(to)' cannot be reached from '\(from)'" + (allowed == nil ? "" : " through the link types given"))
                throw ExitCode(2)
            }
            var table = OutputTable(columns: ["path", "step", "node"])
            for (index, path) in paths.enumerated() {
                for (step, node) in path.nodes.enumerated() {
                    table.rows.append([.integer(index + 1), .integer(step), .text(graph.nodeNames[node])])
                }
            }
            print(table.render(format), terminator: "")
            let shown = paths.count < Int(total) ? " (\(paths.count) listed)" : ""
            printError("length \(first.length); \(Int(total)) shortest path\(total == 1 ? "" : "s")\(all ? shown : "")")
        }
    }
}
