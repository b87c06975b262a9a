import ArgumentParser

/// `vigil network`: graph analytics on an edge file (centrality, communities, paths, disruption).
struct NetworkCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "network",
        abstract: "Analyse a link graph from an edge file: centrality, communities, paths, disruption.",
        discussion: """
            The edge file is CSV with a header: source,target, optionally a weight column (named with --weight) \
            and a type column. Self-loops are dropped and repeated edges merged (weights summed); a note on \
            standard error says how many. Weights are lengths for betweenness, closeness and paths (as in \
            igraph), and tie strengths for degree, eigenvector centrality, PageRank and communities.
            """,
        subcommands: [
            NetworkCentralityCommand.self, NetworkCommunitiesCommand.self, NetworkPathCommand.self, NetworkDisruptCommand.self,
        ])
}
