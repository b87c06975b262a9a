/// One edge as read from an edge list, before ``Graph`` indexes and merges it.
///
/// Records name their endpoints; the graph gives each name a dense ID in first-seen order (the source
/// before the target of each record, records in input order).
public struct EdgeRecord: Hashable, Sendable {
    /// The name of the node the edge leaves (or one endpoint, in an undirected graph).
    public var source: String
    /// The name of the node the edge enters (or the other endpoint).
    public var target: String
    /// The edge's weight, or `nil` for an unweighted edge. Either every record has one or none does.
    public var weight: Double?
    /// The kind of link (`phone`, `meeting`, `payment`…), or `nil` when the edge list has no types.
    public var linkType: String?
    /// The 1-based line of the input the record came from, named in errors; `nil` for records made in code.
    public var line: Int?

    /// Creates a record.
    public init(source: String, target: String, weight: Double? = nil, linkType: String? = nil, line: Int? = nil) {
        self.source = source
        self.target = target
        self.weight = weight
        self.linkType = linkType
        self.line = line
    }

    /// Reads a weight cell of an edge file.
    ///
    /// Weights are lengths for path-based measures (as in igraph), and strengths for PageRank, eigenvector
    /// centrality and modularity; either way they must be positive and finite.
    /// - Parameters:
    ///   - text: The cell, without surrounding spaces.
    ///   - line: The 1-based line of the cell, for the error.
    ///   - column: The name of the weight column, for the error.
    /// - Returns: The weight.
    /// - Throws: ``NetworkError`` `invalidWeight` when the text is not a number, or the number is not positive and finite.
    public static func parseWeight(_ text: String, line: Int?, column: String) throws(NetworkError) -> Double {
        guard let value = Double(text) else {
            throw NetworkError(
                code: .invalidWeight, message: "the weight '\(text)' is not a number; write a positive decimal such as 2 or 0.5",
                line: line, column: column)
        }
        try checkWeight(value, line: line, column: column)
        return value
    }

    /// Checks that a weight is positive and finite.
    static func checkWeight(_ value: Double, line: Int?, column: String?) throws(NetworkError) {
        guard value.isFinite, value > 0 else {
            throw NetworkError(
                code: .invalidWeight,
                message: "the weight \(value) is not a positive finite number; weights are lengths or tie strengths, "
                    + "so drop the edge or give it a positive weight",
                line: line, column: column)
        }
    }
}
