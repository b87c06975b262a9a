import Testing
import VigilNetwork

@Suite("Graph building")
struct GraphTests {
    @Test("node IDs follow first appearance, source before target")
    func firstSeenOrder() throws {
        let graph = try Graph(
            edges: [.init(source: "c", target: "a"), .init(source: "a", target: "b"), .init(source: "d", target: "c")],
            isDirected: false, isolatedNodes: ["e", "a"])
        #expect(graph.nodeNames == ["c", "a", "b", "d", "e"])
        #expect(graph.nodeID(named: "d") == 3)
        #expect(graph.degrees() == [2, 2, 1, 1, 0])
    }

    @Test("self-loops are dropped and counted")
    func selfLoops() throws {
        let graph = try Graph(
            edges: [.init(source: "a", target: "a"), .init(source: "a", target: "b"), .init(source: "b", target: "b")],
            isDirected: true)
        #expect(graph.report.selfLoopsDropped == 2)
        #expect(graph.edgeCount == 1)
        #expect(graph.nodeCount == 2)
    }

    @Test("duplicates are merged: weights summed by default, the last kept on request")
    func duplicates() throws {
        let records: [EdgeRecord] = [
            .init(source: "a", target: "b", weight: 2), .init(source: "b", target: "a", weight: 5),
            .init(source: "a", target: "b", weight: 1),
        ]
        let summed = try Graph(edges: records, isDirected: false)
        #expect(summed.edgeCount == 1)
        #expect(summed.report.duplicateEdgesMerged == 2)
        #expect(summed.edges.first?.weight == 8)
        let last = try Graph(edges: records, isDirected: false, duplicates: .keepLast)
        #expect(last.edges.first?.weight == 1)
        let directed = try Graph(edges: records, isDirected: true)
        #expect(directed.edgeCount == 2)
        #expect(directed.report.duplicateEdgesMerged == 1)
        #expect(directed.edges.map(\.weight) == [3, 5])
    }

    @Test("unweighted duplicates keep weight 1")
    func unweightedDuplicates() throws {
        let graph = try Graph(edges: [.init(source: "a", target: "b"), .init(source: "a", target: "b")], isDirected: false)
        #expect(graph.edges.first?.weight == 1)
        #expect(!graph.isWeighted)
    }

    @Test("a weight that is not a number names its line, column and value")
    func nonNumericWeight() {
        #expect {
            try EdgeRecord.parseWeight("heavy", line: 12, column: "calls")
        } throws: { error in
            let error = error as! NetworkError
            return error.code == .invalidWeight && error.line == 12 && error.column == "calls"
                && error.description.contains("'heavy'") && error.description.hasPrefix("line 12, column 'calls'")
        }
    }

    @Test("negative, zero and infinite weights are refused", arguments: ["-1", "0", "inf", "nan"])
    func badWeights(text: String) {
        #expect(throws: NetworkError.self) { try EdgeRecord.parseWeight(text, line: 3, column: "weight") }
        if let value = Double(text) {
            #expect(throws: NetworkError.self) {
                try Graph(edges: [.init(source: "a", target: "b", weight: value, line: 3)], isDirected: false)
            }
        }
    }

    @Test("weights on some edges only are refused")
    func missingWeight() {
        #expect {
            try Graph(edges: [.init(source: "a", target: "b", weight: 1), .init(source: "b", target: "c", line: 3)], isDirected: false)
        } throws: { ($0 as? NetworkError)?.code == .missingWeight && ($0 as? NetworkError)?.line == 3 }
    }

    @Test("an empty graph gives empty results")
    func emptyGraph() throws {
        let graph = try Graph(edges: [], isDirected: false)
        #expect(graph.nodeCount == 0)
        #expect(graph.degrees().isEmpty)
        #expect(graph.components().count == 0)
        #expect(graph.components().largestSize == 0)
        #expect(graph.coreness().isEmpty)
        #expect(graph.betweenness().isEmpty)
        #expect(graph.closenessCentrality().closeness.isEmpty)
        #expect(graph.eigenvectorCentrality().values.isEmpty)
        #expect(try graph.pageRank().values.isEmpty)
    }

    @Test("removing nodes keeps the others in order with their edges")
    func removing() throws {
        let graph = try Graph(
            edges: [.init(source: "a", target: "b"), .init(source: "b", target: "c"), .init(source: "c", target: "d")],
            isDirected: false)
        let (rest, original) = graph.removing([1])
        #expect(rest.nodeNames == ["a", "c", "d"])
        #expect(original == [0, 2, 3])
        #expect(rest.edgeCount == 1)
        #expect(rest.components().sizes == [1, 2])
    }

    @Test("degrees and strengths of the fixture networks equal igraph's", arguments: NetworkFixtures.names)
    func degreesMatchIgraph(name: String) {
        let (graph, expected) = NetworkFixtures.graph(name)
        #expect(graph.nodeNames == expected.nodes)
        #expect(graph.edgeCount == expected.edge_count)
        #expect(graph.degrees() == expected.degree)
        if let strength = expected.strength { #expect(graph.strengths() == strength) }
    }
}
