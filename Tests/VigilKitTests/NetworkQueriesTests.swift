import Foundation
import Testing
import VigilCore
import VigilIngest
import VigilKit
import VigilNetwork
import VigilStore
import VigilStoreSQLite
import VigilTestSupport

@Suite("Paths through the stored network")
struct NetworkQueriesTests {
    /// The Hartford drug users' network stored as people and associate links.
    private func stored() async throws -> (store: SQLiteEventStore, graph: Graph) {
        let folder = try Fixtures.temporaryDirectory()
        let store = try SQLiteEventStore(path: folder.appendingPathComponent("n.sqlite").path)
        let text = try String(contentsOfFile: Fixtures.path("network/drugnet_hartford_edges.csv"), encoding: .utf8)
        let pairs = text.split(whereSeparator: \.isNewline).dropFirst().map { $0.split(separator: ",").map(String.init) }
        let names = Set(pairs.flatMap { $0 })
        _ = try await store.upsertEntities(names.map { Entity(id: EntityID(rawValue: "u\($0)")!, schema: .person, name: "User \($0)") })
        _ = try await store.upsertLinks(pairs.enumerated().map { index, pair in
            Link(id: LinkID(rawValue: "L\(index)")!, kind: .associate, source: EntityID(rawValue: "u\(pair[0])")!, target: EntityID(rawValue: "u\(pair[1])")!)
        })
        let graph = try Graph(edges: pairs.map { EdgeRecord(source: "u\($0[0])", target: "u\($0[1])") }, isDirected: false)
        return (store, graph)
    }

    @Test("the two-ended search finds chains as short as the graph's shortest paths, each link joining its neighbours, or none")
    func lengths() async throws {
        let (store, graph) = try await stored()
        let queries = NetworkQueries(store: store)
        var generator = SplitMix64(seed: 11)
        var connected = 0
        for _ in 0..<40 {
            let (a, b) = (Int.random(in: 0..<graph.nodeCount, using: &generator), Int.random(in: 0..<graph.nodeCount, using: &generator))
            let from = EntityID(rawValue: graph.nodeNames[a])!
            let to = EntityID(rawValue: graph.nodeNames[b])!
            let expected = try graph.shortestPath(from: a, to: b, usingWeights: false)
            let found = try await queries.path(from: from, to: to)
            #expect((found == nil) == (expected == nil), "\(from) → \(to)")
            guard let found, let expected else { continue }
            connected += 1
            #expect(found.links.count == expected.nodes.count - 1, "\(from) → \(to)")
            #expect(found.entities.first?.id == from && found.entities.last?.id == to)
            for (step, link) in found.links.enumerated() {
                #expect(Set([link.source, link.target]) == Set([found.entities[step].id, found.entities[step + 1].id]))
            }
        }
        #expect(connected > 20)
    }
}
