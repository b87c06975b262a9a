/// Which way a traversal follows the edges of a directed graph.
///
/// Undirected graphs ignore it: every edge is followed both ways.
public enum Direction: String, Hashable, Sendable, Codable, CaseIterable {
    /// Along the edges, from source to target (igraph's `mode = "out"`).
    case outgoing
    /// Against the edges, from target to source (igraph's `mode = "in"`).
    case incoming
    /// Both ways, as if the graph were undirected (igraph's `mode = "all"`).
    case all
}
