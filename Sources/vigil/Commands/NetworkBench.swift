import ArgumentParser
import Foundation
import VigilCore
import VigilKit
import VigilNetwork

struct NetworkBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "network",
        abstract: "Time Vigil's graph analytics against python-igraph and NetworkX on the same seeded Barabási–Albert graphs.",
        discussion: """
            PageRank, connected components and core numbers on a graph of --nodes nodes; Louvain (one run, as igraph's \
            community_multilevel) on a graph of --louvain-nodes nodes (igraph's does not finish on a million-node \
            Barabási–Albert graph in 20 minutes); betweenness on graphs of --betweenness-nodes nodes; every graph with m = 5. Vigil \
            times each algorithm in this process; the references (Benchmarks/network/graph_baseline.py) time the same \
            call on the same edge file in theirs, so loading is timed apart. igraph runs --rounds rounds beside Vigil, \
            medians reported; NetworkX runs once, its exact betweenness extrapolated from --nx-betweenness-sources \
            sources (Brandes' cost is the same for every source). Needs python3 with python-igraph and networkx \
            (python3 -m pip install python-igraph networkx).
            """)

    @Option(help: "Nodes of the graph for PageRank, components and cores.") var nodes: Int = 1_000_000
    @Option(help: "Nodes of the graph for Louvain.") var louvainNodes: Int = 100_000
    @Option(parsing: .upToNextOption, help: "Nodes of the graphs for betweenness.") var betweennessNodes: [Int] = [10_000, 20_000]
    @Option(help: "Edges each new node brings.") var m: Int = 5
    @Option(help: "Seed of the graphs and of Louvain.") var seed: UInt64 = 42
    @Option(help: "Rounds of Vigil and igraph.") var rounds: Int = 3
    @Option(help: "Sources NetworkX's betweenness runs from before extrapolating.") var nxBetweennessSources: Int = 200
    @Flag(help: "Leave NetworkX out (it takes minutes on the large graph).") var skipNetworkx = false
    @Option(help: "Python with python-igraph and networkx (found on PATH).") var python: String = "python3"
    @Option(help: "The reference script.") var script: String = "Benchmarks/network/graph_baseline.py"
    @Option(help: "Folder for the generated graphs.") var workDir: String = "bench-work"

    func validate() throws {
        guard m > 0, nodes > m, louvainNodes > m, rounds > 0, nxBetweennessSources > 0, betweennessNodes.allSatisfy({ $0 > m }) else {
            throw ValidationError("--m, --rounds and --nx-betweenness-sources must be positive, and every graph needs more than m nodes")
        }
    }

    func run() async throws {
        try await reportingErrors {
            try FileManager.default.createDirectory(atPath: workDir, withIntermediateDirectories: true)
            var rows: [Row] = []
            rows += try compare(nodes: nodes, algorithms: ["pagerank", "components", "coreness"])
            rows += try compare(nodes: louvainNodes, algorithms: ["louvain"])
            for size in betweennessNodes { rows += try compare(nodes: size, algorithms: ["betweenness"]) }
            print("Barabási–Albert graphs, m = \(m), seed \(seed); Vigil and igraph: median of \(rounds) rounds; NetworkX: one run")
            print("algorithm     nodes       vigil s   igraph s  networkx s  vigil/igraph  networkx/vigil  modularity vigil / igraph")
            for row in rows {
                let networkx = row.networkx.map { String(format: "%10.2f%@", $0, row.extrapolated ? "*" : " ") } ?? "         — "
                let speedup = row.networkx.map { String(format: "%13.0f×", $0 / row.vigil) } ?? "             —"
                let modularity = row.modularity.map { String(format: "  %.4f / %.4f", $0.vigil, $0.igraph) } ?? ""
                print(
                    row.algorithm.padding(toLength: 12, withPad: " ", startingAt: 0)
                        + String(format: "%9d %11.3f %10.3f ", row.nodes, row.vigil, row.igraph) + networkx
                        + String(format: " %12.2f", row.vigil / row.igraph) + " " + speedup + modularity)
            }
            if rows.contains(where: \.extrapolated) {
                print("* extrapolated from \(nxBetweennessSources) sources to all")
            }
        }
    }

    /// One line of the report.
    private struct Row {
        var algorithm: String
        var nodes: Int
        var vigil: Double
        var igraph: Double
        var networkx: Double?
        var extrapolated = false
        var modularity: (vigil: Double, igraph: Double)?
    }

    /// Times `algorithms` on a generated graph of `nodes` nodes in Vigil, igraph and NetworkX.
    private func compare(nodes: Int, algorithms: [String]) throws -> [Row] {
        let path = workDir + "/ba-\(nodes)-\(m)-\(seed).csv"
        if !FileManager.default.fileExists(atPath: path) {
            var generator = SplitMix64(seed: seed)
            try SyntheticGraph.write(nodes: nodes, m: m, to: path, using: &generator)
        }
        let loadStarted = Date()
        let graph = try NetworkEdgeOptions.parse(["--edges", path]).loadGraph()
        printError(String(format: "loaded %@: %d nodes, %d edges in %.1f s", path, graph.nodeCount, graph.edgeCount, Date().timeIntervalSince(loadStarted)))
        let reference = PythonReference(
            python: python, script: script, installHint: "install the references: python3 -m pip install python-igraph networkx")
        let arguments = ["--edges", path, "--algorithms", algorithms.joined(separator: ","), "--seed", String(seed)]
        var vigilTimes: [String: [Double]] = [:]
        var igraphTimes: [String: [Double]] = [:]
        var modularity: (vigil: Double, igraph: Double) = (.nan, .nan)
        for round in 1...rounds {
            for algorithm in algorithms {
                let started = Date()
                let value = try run(algorithm, on: graph)
                vigilTimes[algorithm, default: []].append(Date().timeIntervalSince(started))
                if algorithm == "louvain" { modularity.vigil = value }
            }
            let report = try reference.run(arguments + ["--library", "igraph"])
            for algorithm in algorithms {
                igraphTimes[algorithm, default: []].append(try seconds(of: algorithm, in: report).seconds)
                if algorithm == "louvain" { modularity.igraph = try result(of: algorithm, in: report)["modularity"] as? Double ?? .nan }
            }
            printError("\(nodes) nodes, round \(round): vigil \(times(vigilTimes)), igraph \(times(igraphTimes))")
        }
        var networkx: [String: (seconds: Double, extrapolated: Bool)] = [:]
        if !skipNetworkx {
            let report = try reference.run(
                arguments + ["--library", "networkx", "--nx-betweenness-sources", String(nxBetweennessSources)])
            for algorithm in algorithms { networkx[algorithm] = try seconds(of: algorithm, in: report) }
        }
        return algorithms.map { algorithm in
            Row(
                algorithm: algorithm, nodes: nodes, vigil: median(vigilTimes[algorithm]!), igraph: median(igraphTimes[algorithm]!),
                networkx: networkx[algorithm]?.seconds, extrapolated: networkx[algorithm]?.extrapolated ?? false,
                modularity: algorithm == "louvain" ? modularity : nil)
        }
    }

    /// Runs one algorithm; returns the modularity for Louvain, 0 otherwise.
    private func run(_ algorithm: String, on graph: Graph) throws -> Double {
        switch algorithm {
        case "pagerank": _ = try graph.pageRank()
        case "components": _ = graph.components()
        case "coreness": _ = graph.coreness()
        case "betweenness": _ = graph.betweenness()
        case "louvain":
            var generator = SplitMix64(seed: seed)
            return try Louvain(.init(trials: 1)).run(on: graph, using: &generator).modularity ?? .nan
        default: throw ValidationError("unknown algorithm \(algorithm)")
        }
        return 0
    }

    private func result(of algorithm: String, in report: [String: Any]) throws -> [String: Any] {
        guard let results = report["results"] as? [String: Any], let result = results[algorithm] as? [String: Any] else {
            throw ValidationError("the reference reported no \(algorithm) result")
        }
        return result
    }

    private func seconds(of algorithm: String, in report: [String: Any]) throws -> (seconds: Double, extrapolated: Bool) {
        let result = try result(of: algorithm, in: report)
        guard let seconds = result["seconds"] as? Double else { throw ValidationError("the reference reported no time for \(algorithm)") }
        return (seconds, result["extrapolated"] as? Bool ?? false)
    }

    private func times(_ times: [String: [Double]]) -> String {
        times.sorted { $0.key < $1.key }.map { String(format: "%@ %.2f s", $0.key, $0.value.last!) }.joined(separator: ", ")
    }

    private func median(_ values: [Double]) -> Double { values.sorted()[values.count / 2] }
}
