import ArgumentParser
import VigilNetwork

struct NetworkDisruptCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "disrupt",
        abstract: "Remove the most central nodes step by step and report how the network fragments.",
        discussion: """
            Each step removes --block-size nodes with the highest degree (strength, with --weight) or betweenness \
            (weights as lengths). With --recompute the ranking is redone on what remains after each step; \
            otherwise the whole network is ranked once. Each row gives the nodes removed, the size of the largest \
            connected component left, its share of the intact network's, and the global efficiency. \
            Cavallaro et al. (PLOS ONE 2020) use --recompute with block size 1 (sequential) or 5 (block).
            """)

    @OptionGroup var graphOptions: NetworkEdgeOptions

    @Option(help: "degree or betweenness.")
    var strategy = "degree"

    @Option(help: "The number of steps.")
    var steps = 10

    @Option(help: "Nodes removed per step.")
    var blockSize = 1

    @Flag(help: "Re-rank the remaining nodes after each step.")
    var recompute = false

    @Option(help: "Which of equally ranked nodes goes first: first-seen or last-seen (as in Cavallaro et al.'s scripts).")
    var tieBreak = "first-seen"

    @Option(help: "table, csv or json.")
    var format: OutputFormat = .table

    func validate() throws {
        guard Disruption.Strategy(rawValue: strategy) != nil else {
            throw ValidationError("--strategy '\(strategy)' is not degree or betweenness")
        }
        guard ["first-seen", "last-seen"].contains(tieBreak) else {
            throw ValidationError("--tie-break '\(tieBreak)' is not first-seen or last-seen")
        }
        guard steps >= 0 else { throw ValidationError("--steps must not be negative") }
        guard blockSize >= 1 else { throw ValidationError("--block-size must be at least 1") }
    }

    func run() async throws {
        try await reportingErrors {
            let graph = try graphOptions.loadGraph()
            let analysis = try Disruption(
                .init(
                    strategy: Disruption.Strategy(rawValue: strategy)!, usingWeights: graphOptions.weight != nil,
                    blockSize: blockSize, isRecomputed: recompute, steps: steps,
                    tieBreak: tieBreak == "last-seen" ? .lastSeen : .firstSeen))
            var table = OutputTable(columns: [
                "step", "removed", "removed_count", "largest_component", "largest_component_fraction", "global_efficiency",
            ])
            for step in analysis.run(on: graph) {
                table.rows.append([
                    .integer(step.index), .text(step.removed.map { graph.nodeNames[$0] }.joined(separator: ";")),
                    .integer(step.removedCount), .integer(step.largestComponentSize),
                    step.largestComponentFraction.map(Cell.number) ?? .null, .number(step.globalEfficiency),
                ])
            }
            print(table.render(format), terminator: "")
        }
    }
}
