import ArgumentParser
import VigilIngest
import VigilNetwork
import VigilStore

/// The edge file every `vigil network` command reads, and how to read it.
struct NetworkEdgeOptions: ParsableArguments {
    @Option(help: "The edge file: CSV with a header naming the source and target columns (and optionally weight and type).")
    var edges: String

    @Flag(help: "Edges point from source to target (default: undirected).")
    var directed = false

    @Option(help: "The column holding edge weights (positive numbers); without it the graph is unweighted.")
    var weight: String?

    @Option(help: "The column naming the node an edge leaves.")
    var sourceColumn = "source"

    @Option(help: "The column naming the node an edge enters.")
    var targetColumn = "target"

    @Option(help: "The column holding the link type, used when present.")
    var typeColumn = "type"

    /// Reads the edge file and builds the graph, noting on standard error what was normalised.
    func loadGraph() throws -> Graph {
        let graph = try Graph(edges: try readRecords(), isDirected: directed)
        let report = graph.report
        if report.selfLoopsDropped > 0 { printError("note: \(report.selfLoopsDropped) self-loops were dropped") }
        if report.duplicateEdgesMerged > 0 {
            printError(
                "note: \(report.duplicateEdgesMerged) repeated edges were merged"
                    + (graph.isWeighted ? " (weights summed)" : ""))
        }
        return graph
    }

    /// The edge records of the file, each with its line.
    func readRecords() throws -> [EdgeRecord] {
        let rows = CSVRowSource(try FileInput(path: edges), origin: edges)
        let present = try rows.bind(columns: [sourceColumn, targetColumn, weight ?? "", typeColumn])
        for (column, isPresent) in [(sourceColumn, present[0]), (targetColumn, present[1])] where !isPresent {
            throw IngestError(
                code: .missingColumn, origin: edges,
                message: "'\(edges)' has no column '\(column)'; name the columns with --source-column and --target-column")
        }
        if let weight, !present[2] {
            throw IngestError(
                code: .missingColumn, origin: edges,
                message: "'\(edges)' has no weight column '\(weight)'; check --weight against the header")
        }
        let hasTypes = present[3]
        var records: [EdgeRecord] = []
        while try rows.next() {
            if let issue = rows.rowIssues.first {
                throw IngestError(code: .invalidHeader, origin: edges, line: rows.line, message: issue.reason)
            }
            let source = try text(rows, slot: 0, column: sourceColumn)
            let target = try text(rows, slot: 1, column: targetColumn)
            var value: Double?
            if let weight { value = try EdgeRecord.parseWeight(try text(rows, slot: 2, column: weight), line: rows.line, column: weight) }
            var type: String?
            if hasTypes, case .text(let name) = rows.value(slot: 3) { type = name }
            records.append(EdgeRecord(source: source, target: target, weight: value, linkType: type, line: rows.line))
        }
        return records
    }

    private func text(_ rows: CSVRowSource<FileInput>, slot: Int, column: String) throws -> String {
        switch rows.value(slot: slot) {
        case .text(let text): return text
        case .blank:
            throw NetworkError(
                code: .invalidEdge, message: "the cell is empty; every edge needs a \(column)", line: rows.line, column: column)
        case .invalidUTF8:
            throw NetworkError(
                code: .invalidEdge, message: "the cell is not valid UTF-8; save the file as UTF-8", line: rows.line, column: column)
        }
    }
}
