import Foundation
import Testing
import VigilTestSupport

@Suite("vigil network and vigil resolve, end to end through the built executable", .serialized)
struct NetworkCommandTests {
    let folder: URL

    init() throws { folder = try Fixtures.temporaryDirectory() }

    private let drugnet = Fixtures.path("network/drugnet_hartford_edges.csv")

    /// The rows of a CSV output without quoted fields, by header name.
    private func rows(_ csv: String) -> [[String: String]] {
        let lines = csv.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        guard let header = lines.first else { return [] }
        return lines.dropFirst().map { Dictionary(uniqueKeysWithValues: zip(header, $0)) }
    }

    @Test("centrality writes the documented columns with igraph's betweenness and PageRank, node by node")
    func centrality() throws {
        let result = try VigilProcess.run(["network", "centrality", "--edges", drugnet, "--format", "csv"], in: folder)
        #expect(result.status == 0, "\(result.standardError)")
        #expect(result.standardOutput.hasPrefix("node,degree,betweenness,closeness,harmonic,eigenvector,pagerank,core,component\n"))
        let data = try Data(contentsOf: URL(fileURLWithPath: Fixtures.path("network/expected_drugnet_hartford.json")))
        let expected = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let nodes = try #require(expected["nodes"] as? [String])
        let betweenness = try #require(expected["betweenness"] as? [Double])
        let pageRank = try #require(expected["pagerank"] as? [Double])
        let output = Dictionary(uniqueKeysWithValues: rows(result.standardOutput).map { ($0["node"]!, $0) })
        #expect(output.count == nodes.count)
        for (index, node) in nodes.enumerated() {
            let row = try #require(output[node])
            let ours = try #require(Double(row["betweenness"]!))
            #expect(abs(ours - betweenness[index]) <= 1e-9 * max(1, betweenness[index]), "\(node)")
            #expect(abs(Double(row["pagerank"]!)! - pageRank[index]) <= 1e-9, "\(node)")
        }
        #expect(result.standardError.contains("9 components"))
    }

    @Test("communities reports the modularity and draws an SVG with a circle per node; the same seed gives the same file")
    func communitiesAndDrawing() throws {
        let first = try VigilProcess.run(
            ["network", "communities", "--edges", drugnet, "--method", "leiden", "--seed", "3", "--format", "csv", "--svg", "a.svg", "--size-by", "betweenness"],
            in: folder)
        #expect(first.status == 0, "\(first.standardError)")
        let modularity = try #require(first.standardError.firstMatch(of: /modularity ([0-9.]+)/).flatMap { Double($0.1) })
        #expect(modularity > 0.7)
        #expect(rows(first.standardOutput).count == 212)
        let svg = try String(contentsOf: folder.appendingPathComponent("a.svg"), encoding: .utf8)
        #expect(svg.hasPrefix("<svg") && svg.components(separatedBy: "<circle").count - 1 == 212 && svg.components(separatedBy: "<line").count - 1 == 284)
        _ = try VigilProcess.run(
            ["network", "communities", "--edges", drugnet, "--method", "leiden", "--seed", "3", "--svg", "b.svg", "--size-by", "betweenness"], in: folder)
        #expect(try Data(contentsOf: folder.appendingPathComponent("b.svg")) == Data(svg.utf8))
        let bad = try VigilProcess.run(["network", "communities", "--edges", drugnet, "--method", "walktrap"], in: folder)
        #expect(bad.status != 0 && bad.standardError.contains("--method 'walktrap' is not louvain or leiden"))
    }

    @Test("path and disrupt answer on the real network; an unknown node, a bad weight and a missing column are errors")
    func pathDisruptAndErrors() throws {
        let path = try VigilProcess.run(["network", "path", "--edges", drugnet, "--from", "1", "--to", "50", "--format", "csv"], in: folder)
        #expect(path.status == 0 && path.standardError.contains("length 5.0"))
        let disrupt = try VigilProcess.run(["network", "disrupt", "--edges", drugnet, "--strategy", "degree", "--steps", "3", "--format", "csv"], in: folder)
        let steps = rows(disrupt.standardOutput)
        #expect(steps.count == 4 && steps[0]["largest_component"] == "193")
        #expect(steps.map { Int($0["largest_component"]!)! } == steps.map { Int($0["largest_component"]!)! }.sorted(by: >))

        let unknown = try VigilProcess.run(["network", "path", "--edges", drugnet, "--from", "1", "--to", "nosuch"], in: folder)
        #expect(unknown.status != 0 && unknown.standardError.contains("no node is named 'nosuch'"))
        let edges = folder.appendingPathComponent("bad.csv")
        try "source,target,weight\na,b,2\na,c,x\n".write(to: edges, atomically: true, encoding: .utf8)
        let weight = try VigilProcess.run(["network", "centrality", "--edges", edges.path, "--weight", "weight"], in: folder)
        #expect(weight.status != 0 && weight.standardError.contains("line 3, column 'weight': the weight 'x' is not a number"))
        let column = try VigilProcess.run(["network", "centrality", "--edges", edges.path, "--source-column", "from"], in: folder)
        #expect(column.status != 0 && column.standardError.contains("has no column 'from'"))
        let empty = folder.appendingPathComponent("empty.csv")
        try "source,target\n".write(to: empty, atomically: true, encoding: .utf8)
        let none = try VigilProcess.run(["network", "centrality", "--edges", empty.path, "--format", "csv"], in: folder)
        #expect(none.status == 0 && rows(none.standardOutput).isEmpty)
    }

    @Test("resolve --link links FEBRL 4's two files with a source column; a settings file with an unknown comparison is refused")
    func resolveLink() throws {
        let result = try VigilProcess.run(
            ["resolve", "--records", Fixtures.path("resolution/febrl4a.csv"), "--link", Fixtures.path("resolution/febrl4b.csv"),
             "--id-column", "rec_id", "--truth", "true_id"], in: folder)
        #expect(result.status == 0, "\(result.standardError)")
        let output = rows(result.standardOutput)
        #expect(output.count == 10_000 && Set(output.map { $0["source"]! }) == ["records", "link"])
        let f1 = try #require(result.standardError.firstMatch(of: /F1 ([0-9.]+)/).flatMap { Double($0.1) })
        #expect(f1 >= 0.99)
        let settings = folder.appendingPathComponent("settings.json")
        try #"{"comparisons": [{"column": "surname", "method": {"soundex": {}}}], "blocking": [{"columns": ["surname"]}]}"#
            .write(to: settings, atomically: true, encoding: .utf8)
        let refused = try VigilProcess.run(
            ["resolve", "--records", Fixtures.path("resolution/febrl1.csv"), "--id-column", "rec_id", "--settings", settings.path], in: folder)
        #expect(refused.status != 0 && refused.standardError.contains("settings file"))
    }
}
