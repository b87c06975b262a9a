import Testing
import VigilNetwork

@Suite("Shortest paths")
struct GraphPathsTests {
    @Test("all shortest paths equal igraph's get_all_shortest_paths, unweighted and weighted", arguments: NetworkFixtures.names)
    func matchesIgraph(name: String) throws {
        let (graph, expected) = NetworkFixtures.graph(name)
        for case let reference in expected.paths {
            let source = try graph.requireNode(named: reference.from)
            let target = try graph.requireNode(named: reference.to)
            let (paths, total) = try graph.allShortestPaths(from: source, to: target, usingWeights: reference.weighted)
            let named = paths.map { $0.nodes.map { graph.nodeNames[$0] } }
            #expect(Set(named) == Set(reference.paths), "\(reference.from) → \(reference.to)")
            #expect(Int(total) == reference.paths.count)
            let single = try graph.shortestPath(from: source, to: target, usingWeights: reference.weighted)
            #expect(single?.length == reference.length)
            if let single { #expect(reference.paths.contains(single.nodes.map { graph.nodeNames[$0] })) }
        }
    }

    @Test("an unknown node is a clear error")
    func unknownNode() throws {
        let graph = try Graph(edges: [.init(source: "a", target: "b")], isDirected: false)
        #expect { try graph.requireNode(named: "z") } throws: { ($0 as? NetworkError)?.code == .unknownNode }
    }

    @Test("directed paths follow the edges; unreachable gives nil")
    func directed() throws {
        let graph = try Graph(edges: [.init(source: "a", target: "b"), .init(source: "b", target: "c")], isDirected: true)
        #expect(try graph.shortestPath(from: 0, to: 2)?.nodes == [0, 1, 2])
        #expect(try graph.shortestPath(from: 2, to: 0) == nil)
        #expect(try graph.allShortestPaths(from: 2, to: 0).paths.isEmpty)
    }

    @Test("a path restricted to link types avoids the other edges")
    func linkTypes() throws {
        let graph = try Graph(
            edges: [
                .init(source: "supplier", target: "broker", linkType: "payment"),
                .init(source: "broker", target: "seizure", linkType: "phone"),
                .init(source: "supplier", target: "courier", linkType: "shipment"),
                .init(source: "courier", target: "dealer", linkType: "shipment"),
                .init(source: "dealer", target: "seizure", linkType: "phone"),
            ], isDirected: false)
        let from = try graph.requireNode(named: "supplier")
        let to = try graph.requireNode(named: "seizure")
        #expect(try graph.shortestPath(from: from, to: to)?.length == 2)
        let constrained = try #require(try graph.shortestPath(from: from, to: to, allowedLinkTypes: ["shipment", "phone"]))
        #expect(constrained.nodes.map { graph.nodeNames[$0] } == ["supplier", "courier", "dealer", "seizure"])
        #expect(try graph.shortestPath(from: from, to: to, allowedLinkTypes: ["payment"]) == nil)
        #expect(throws: NetworkError.self) { try graph.shortestPath(from: from, to: to, allowedLinkTypes: ["email"]) }
        #expect(graph.linkTypeNames == ["payment", "phone", "shipment"])
    }

    @Test("the number of listed paths is capped by the limit, the total still counted")
    func limit() throws {
        // A 4×4 grid has C(6, 3) = 20 shortest corner-to-corner paths.
        var records: [EdgeRecord] = []
        for row in 0..<4 {
            for column in 0..<4 {
                if column < 3 { records.append(.init(source: "\(row),\(column)", target: "\(row),\(column + 1)")) }
                if row < 3 { records.append(.init(source: "\(row),\(column)", target: "\(row + 1),\(column)")) }
            }
        }
        let graph = try Graph(edges: records, isDirected: false)
        let (paths, total) = try graph.allShortestPaths(
            from: try graph.requireNode(named: "0,0"), to: try graph.requireNode(named: "3,3"), limit: 5)
        #expect(paths.count == 5)
        #expect(total == 20)
    }
}
