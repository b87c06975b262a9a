import Foundation
import Testing
import VigilNetwork
import VigilTestSupport

@Suite("Disruption analysis")
struct DisruptionTests {
    /// One of Cavallaro et al.'s published tables: `{block|sequential}_{meeting|phone_calls}_{Weighted|Unweighted}`.
    struct PublishedTable: CustomTestStringConvertible, Sendable {
        var isBlock: Bool
        var network: String
        var isWeighted: Bool

        var file: String {
            "montagna_published/\(isBlock ? "block" : "sequential")_\(network == "montagna_meetings" ? "meeting" : "phone_calls")_"
                + "\(isWeighted ? "Weighted" : "Unweighted")_5nrem.csv"
        }
        var testDescription: String { file }

        /// The removed counts (`No`) and the LCC fractions of a strategy column.
        func column(_ name: String) -> [(removed: Int, fraction: Double)] {
            let text = try! String(contentsOfFile: Fixtures.path("network/" + file), encoding: .utf8)
            let lines = text.split(whereSeparator: \.isNewline).map { $0.split(separator: ",", omittingEmptySubsequences: false) }
            let index = lines[0].firstIndex { $0 == name }!
            return lines.dropFirst().map { (Int($0[1])!, Double($0[index])!) }
        }
    }

    static let tables: [PublishedTable] = [true, false].flatMap { isBlock in
        ["montagna_meetings", "montagna_phonecalls"].flatMap { network in
            [true, false].map { PublishedTable(isBlock: isBlock, network: network, isWeighted: $0) }
        }
    }

    @Test(
        "removal by degree and betweenness reproduces Cavallaro et al.'s published LCC fractions (Montagna, PLOS ONE 2020)",
        arguments: tables)
    func reproducesMontagna(table: PublishedTable) throws {
        // The authors built a NetworkX Graph, whose add_edge keeps the last weight of a repeated pair.
        let (graph, _) = NetworkFixtures.graph(table.network, duplicates: .keepLast)
        for (strategy, column) in [(Disruption.Strategy.degree, "Degree"), (.betweenness, "Betweenness")] {
            let published = table.column(column)
            let analysis = try Disruption(
                .init(
                    strategy: strategy, usingWeights: table.isWeighted, blockSize: table.isBlock ? 5 : 1, isRecomputed: true,
                    steps: published.count - 1, tieBreak: .lastSeen))
            let steps = analysis.run(on: graph)
            #expect(steps.count == published.count)
            for (step, row) in zip(steps, published) {
                #expect(step.removedCount == row.removed)
                #expect(
                    abs((step.largestComponentFraction ?? -1) - row.fraction) < 1e-12,
                    "\(column) after \(row.removed) removals: Vigil \(step.largestComponentSize) nodes, published \(row.fraction)")
            }
        }
    }

    @Test("the paper's example oracle: phone calls, weighted, first block of 5 by betweenness leaves 0.337 of the LCC")
    func headline() throws {
        let (graph, _) = NetworkFixtures.graph("montagna_phonecalls", duplicates: .keepLast)
        let steps = try Disruption(
            .init(strategy: .betweenness, usingWeights: true, blockSize: 5, steps: 1, tieBreak: .lastSeen)
        ).run(on: graph)
        #expect(steps[0].largestComponentSize == 89)
        #expect(steps[1].largestComponentSize == 30)
        #expect(abs((steps[1].largestComponentFraction ?? 0) - 0.337) < 0.001)
    }

    @Test("global efficiency equals NetworkX's global_efficiency", arguments: NetworkFixtures.names)
    func efficiency(name: String) {
        let (graph, expected) = NetworkFixtures.graph(name)
        // NetworkX's global_efficiency is for undirected graphs; the fixture script passes it the undirected view.
        let undirected = try! Graph(
            edges: graph.edges.map { EdgeRecord(source: graph.nodeNames[$0.source], target: graph.nodeNames[$0.target]) },
            isDirected: false)
        #expect(NetworkFixtures.agree(undirected.globalEfficiency(), expected.global_efficiency_networkx, relative: 1e-12))
    }

    @Test("ranking once and removing in blocks follows the initial ranking")
    func rankedOnce() throws {
        let (graph, _) = NetworkFixtures.graph("montagna_meetings")
        let steps = try Disruption(.init(strategy: .degree, blockSize: 3, isRecomputed: false, steps: 4)).run(on: graph)
        let degrees = graph.degrees()
        let order = Array(0..<graph.nodeCount).sorted { degrees[$0] != degrees[$1] ? degrees[$0] > degrees[$1] : $0 < $1 }
        #expect(steps.dropFirst().flatMap(\.removed) == Array(order.prefix(12)))
        #expect(steps.map(\.removedCount) == [0, 3, 6, 9, 12])
        #expect(zip(steps, steps.dropFirst()).allSatisfy { $0.largestComponentSize >= $1.largestComponentSize })
    }

    @Test("more steps than nodes stop at the empty network; an empty graph gives only step 0")
    func exhausted() throws {
        let graph = try Graph(edges: [.init(source: "a", target: "b"), .init(source: "b", target: "c")], isDirected: false)
        let steps = try Disruption(.init(strategy: .betweenness, steps: 10)).run(on: graph)
        #expect(steps.count == 4)
        #expect(steps[1].removed == [1])
        #expect(steps.last?.largestComponentSize == 0)
        #expect(steps.last?.globalEfficiency == 0)
        let empty = try Disruption(.init(steps: 3)).run(on: try Graph(edges: [], isDirected: false))
        #expect(empty.count == 1)
        #expect(empty[0].largestComponentFraction == nil)
    }

    @Test("a block size below 1 or negative steps are refused")
    func invalid() {
        #expect(throws: NetworkError.self) { try Disruption(.init(blockSize: 0, steps: 1)) }
        #expect(throws: NetworkError.self) { try Disruption(.init(steps: -1)) }
    }
}
