#!/usr/bin/env python3
"""Writes igraph's (and NetworkX's) results for the criminal networks in this folder to expected_*.json.

Run from this folder: python3 make_fixtures.py
Made with python-igraph 1.0.0 (igraph C core 1.0) and NetworkX 3.6.1 on Python 3.

Graphs are built the way Vigil's Graph builds them: node IDs in first-seen order (each row's source, then
its target), self-loops dropped (there are none here), and repeated edges merged by summing weights
(igraph's simplify(combine_edges="sum")); in an undirected graph a,b and b,a are the same edge.
"""
import csv
import json
import math
import random

import igraph as ig
import networkx as nx

NETWORKS = [
    # file stem, directed, weighted
    ("montagna_meetings_edges", False, True),
    ("montagna_phonecalls_edges", False, True),
    ("caviar_aggregate_edges", True, True),
    ("cielnet_edges", True, True),
    ("natarajan_heroin_edges", True, False),
    ("drugnet_hartford_edges", False, False),
]


def load(stem, directed, weighted):
    names, index, pairs, weights = [], {}, {}, []
    with open(stem + ".csv", newline="") as handle:
        for row in csv.DictReader(handle):
            ids = []
            for name in (row["source"], row["target"]):
                if name not in index:
                    index[name] = len(names)
                    names.append(name)
                ids.append(index[name])
            a, b = ids
            if a == b:
                continue
            key = (a, b) if directed else (min(a, b), max(a, b))
            weight = float(row["weight"]) if weighted else 1.0
            if key in pairs:
                if weighted:
                    weights[pairs[key]] += weight
            else:
                pairs[key] = len(weights)
                weights.append(weight)
    edges = sorted(pairs, key=lambda key: pairs[key])
    graph = ig.Graph(n=len(names), edges=edges, directed=directed)
    graph.vs["name"] = names
    graph.es["weight"] = [weights[pairs[key]] for key in edges]
    return graph


def clean(values):
    return [None if isinstance(v, float) and math.isnan(v) else v for v in values]


def to_networkx(graph):
    result = nx.DiGraph() if graph.is_directed() else nx.Graph()
    result.add_nodes_from(range(graph.vcount()))
    for edge in graph.es:
        result.add_edge(edge.source, edge.target, weight=edge["weight"])
    return result


def main():
    for stem, directed, weighted in NETWORKS:
        graph = load(stem, directed, weighted)
        w = "weight" if weighted else None
        mode = "out"
        out = {
            "network": stem,
            "directed": directed,
            "weighted": weighted,
            "nodes": graph.vs["name"],
            "edge_count": graph.ecount(),
            "degree": graph.degree(mode="all"),
            "betweenness": graph.betweenness(directed=directed),
            "closeness": clean(graph.closeness(mode=mode, normalized=True)),
            "closeness_raw": clean(graph.closeness(mode=mode, normalized=False)),
            "harmonic": graph.harmonic_centrality(mode=mode, normalized=True),
            "harmonic_raw": graph.harmonic_centrality(mode=mode, normalized=False),
            "eigenvector": graph.eigenvector_centrality(),
            "pagerank": graph.pagerank(damping=0.85, directed=directed),
            "coreness": graph.coreness(mode="all"),
            "components": graph.connected_components(mode="weak").membership,
        }
        if directed:
            # The other directions, for a directed graph (python-igraph's own default for closeness is "all").
            for other in ("in", "all"):
                out["closeness_" + other] = clean(graph.closeness(mode=other, normalized=True))
                out["harmonic_" + other] = graph.harmonic_centrality(mode=other, normalized=True)
            for other in ("in", "out"):
                out["degree_" + other] = graph.degree(mode=other)
                out["coreness_" + other] = graph.coreness(mode=other)
        if weighted:
            out["strength"] = graph.strength(mode="all", weights=w)
            out["betweenness_weighted"] = graph.betweenness(directed=directed, weights=w)
            out["closeness_weighted"] = clean(graph.closeness(mode=mode, weights=w, normalized=True))
            out["harmonic_weighted"] = graph.harmonic_centrality(mode=mode, weights=w, normalized=True)
            out["eigenvector_weighted"] = graph.eigenvector_centrality(weights=w)
            out["pagerank_weighted"] = graph.pagerank(damping=0.85, directed=directed, weights=w)
        # Louvain: igraph's multilevel needs an undirected graph; a directed one is collapsed, summing weights.
        undirected = graph.as_undirected(mode="collapse", combine_edges="sum") if directed else graph
        random.seed(1)
        partition = undirected.community_multilevel(weights=w)
        out["louvain_membership"] = partition.membership
        out["louvain_modularity"] = undirected.modularity(partition.membership, weights=w)
        best = -1.0
        for seed in range(20):
            random.seed(seed)
            best = max(best, undirected.modularity(undirected.community_multilevel(weights=w).membership, weights=w))
        out["louvain_modularity_best_of_20_seeds"] = best
        random.seed(1)
        leiden = undirected.community_leiden(objective_function="modularity", weights=w, n_iterations=-1)
        out["leiden_modularity"] = undirected.modularity(leiden.membership, weights=w)
        # NetworkX: normalised betweenness and global efficiency (unweighted hop distances).
        nxg = to_networkx(graph)
        out["betweenness_normalized_networkx"] = [v for _, v in sorted(nx.betweenness_centrality(nxg, normalized=True).items())]
        out["global_efficiency_networkx"] = nx.global_efficiency(nxg.to_undirected()) if directed else nx.global_efficiency(nxg)
        # A few pairs, all shortest paths (unweighted, and weighted when weighted), following edge directions.
        rng = random.Random(7)
        paths = []
        while len(paths) < 6:
            a, b = rng.randrange(graph.vcount()), rng.randrange(graph.vcount())
            if a == b:
                continue
            for use in ([None, "weight"] if weighted else [None]):
                found = graph.get_all_shortest_paths(a, to=b, weights=use, mode="out")
                distance = graph.distances(a, b, weights=use, mode="out")[0][0]
                paths.append({
                    "from": graph.vs[a]["name"], "to": graph.vs[b]["name"], "weighted": use is not None,
                    "length": None if math.isinf(distance) else distance,
                    "paths": sorted([graph.vs[v]["name"] for v in path] for path in found),
                    "path_ids": sorted(found),
                })
        out["paths"] = paths
        with open("expected_" + stem.removesuffix("_edges") + ".json", "w") as handle:
            json.dump(out, handle, indent=1)
            handle.write("\n")
        print(stem, graph.vcount(), graph.ecount(), "Q", out["louvain_modularity"], best)


if __name__ == "__main__":
    main()
