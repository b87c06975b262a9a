#!/usr/bin/env python3
"""Reference timings for `vigil bench network`: the same graph algorithms Vigil runs, called the way
a user of python-igraph or networkx would call them, on the same edge file.

usage:
  graph_baseline.py --edges FILE --library igraph|networkx
                    [--algorithms pagerank,components,coreness,louvain,betweenness]
                    [--nx-betweenness-sources K] [--seed 42] [--nodes N] [--omp-threads T]
  graph_baseline.py --generate-ba N [--m 5] [--seed 42] --out FILE      (test graphs only)

FILE: CSV with header `source,target`, integer node ids 0..n-1, one row per undirected edge
(unweighted, no self-loops, no duplicates). n is the largest id + 1 unless --nodes is given.
Loading and graph construction are timed separately (`load_seconds`) and are not part of any
algorithm time; each algorithm time is time.perf_counter around the library call alone, measured
once, after a warm-up run of the same calls on a 4-node graph (so lazy imports are not timed).

  algorithm    igraph                               networkx
  pagerank     g.pagerank(damping=0.85)  (PRPACK)   nx.pagerank(G, alpha=0.85, tol=1e-6)  (scipy)
  components   g.connected_components()             list(nx.connected_components(G))
  coreness     g.coreness()                         nx.core_number(G)
  louvain      g.community_multilevel()             nx.community.louvain_communities(G, seed=seed)
  betweenness  g.betweenness(directed=False)        nx.betweenness_centrality(G, normalized=False)
  leiden       g.community_leiden(objective_function="modularity")   (none; optional, igraph only)

Louvain caveat: igraph's community_multilevel repeats local-moving passes while modularity rises at
all (no minimum gain), and on graphs with weak community structure such as Barabasi-Albert graphs
its time grows much faster than linearly (measured here: about 1 s at 20k nodes, 11 s at 50k,
1-2 min at 100k; a 1M-node BA graph did not finish in 20 min). networkx's Louvain is slower still
(15 s at 10k, 31 s at 20k, 12 min at 100k; 1M did not finish in 26 min). `leiden`, not in the
default list, times igraph's built-in Leiden (2 iterations, modularity) as a scalable igraph
reference (about 74 s at 1M nodes).

igraph draws its random numbers from Python's `random` module (set explicitly here), seeded with
--seed before Louvain. Modularity is computed after the timed call and is not timed.

Betweenness in networkx: exact Brandes on 10k-20k nodes takes far too long in pure Python, so with
--nx-betweenness-sources K the script times nx.betweenness_centrality(G, k=K, normalized=False,
seed=seed), i.e. Brandes from K random sources, and reports `measured_seconds` (that run) and
`seconds` = measured_seconds * n / K, marked `"extrapolated": true, "sources": K`. Brandes' algorithm
is one BFS plus one dependency accumulation per source, each O(n + m) on an unweighted graph, so
its cost is linear in the number of sources and the extrapolation to all n sources is fair (the
per-source cost varies little on a connected graph). The sampled betweenness values are networkx's
n/K-scaled estimates, so `max` is an estimate only; with exact runs (igraph, or networkx without K)
`max` and `sum` are exact and comparable with Vigil (undirected, each unordered pair counted once).

Threads: networkx is single-threaded. python-igraph's wheel links OpenMP (libgomp), which PRPACK
uses inside pagerank; --omp-threads 1 (or OMP_NUM_THREADS=1) gives a single-threaded igraph run,
and the value in effect is reported as `omp_num_threads`. The other algorithms here are
single-threaded. On a busy 2-core machine the default OpenMP team made igraph pagerank erratic
(0.02-0.66 s on the same 10k graph, 0.026 s every time with one thread), so use --omp-threads 1
unless Vigil's own run is multi-threaded too.

Output: one JSON object on stdout; progress messages go to stderr. Checksums for cross-checking
(pagerank max/sum and arg-max node, component count/largest size, core-number max/sum, betweenness
max/sum) are included with each result. `peak_rss_mb` is the process's peak resident memory
(ru_maxrss), which includes the loaded graph.
"""
import argparse
import gc
import json
import os
import platform
import random
import resource
import sys
import time

import numpy as np

ALGORITHMS = ("pagerank", "components", "coreness", "louvain", "betweenness")
EXTRA_ALGORITHMS = ("leiden",)  # only when asked for by name


def log(*args):
    print(*args, file=sys.stderr, flush=True)


def peak_rss_mb():
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0, 1)  # KiB on Linux


def current_rss_mb():
    try:
        with open("/proc/self/statm") as f:
            return round(int(f.read().split()[1]) * resource.getpagesize() / 2**20, 1)
    except OSError:
        return None


def read_edges(path):
    """Edge array (m x 2, int64) from a `source,target` CSV, plus counts of dropped rows."""
    try:
        import pandas as pd
        frame = pd.read_csv(path, usecols=["source", "target"], dtype=np.int64, engine="c")
        edges = frame[["source", "target"]].to_numpy()
    except ImportError:
        with open(path) as f:
            header = [h.strip() for h in f.readline().split(",")]
        cols = (header.index("source"), header.index("target"))
        edges = np.loadtxt(path, delimiter=",", skiprows=1, usecols=cols, dtype=np.int64, ndmin=2)
    edges = edges.reshape(-1, 2)
    if edges.size and edges.min() < 0:
        raise SystemExit("node ids must be non-negative integers")
    # The file should be a simple graph already; if it is not, drop self-loops and repeated
    # pairs so igraph (which would keep multi-edges) and networkx (which merges them) agree.
    loops = edges[:, 0] == edges[:, 1]
    lo = np.minimum(edges[:, 0], edges[:, 1])
    hi = np.maximum(edges[:, 0], edges[:, 1])
    key = (lo * (int(hi.max()) + 1 if hi.size else 1) + hi)[~loops]  # one int64 per unordered pair
    _, first = np.unique(key, return_index=True)
    dropped = {"self_loops": int(loops.sum()), "duplicates": int(len(key) - len(first))}
    if dropped["self_loops"] or dropped["duplicates"]:
        log(f"warning: dropped {dropped['self_loops']} self-loops and {dropped['duplicates']} duplicate edges")
        edges = edges[~loops][np.sort(first)]
    return edges, dropped


def timed(fn):
    gc.collect()
    start = time.perf_counter()
    value = fn()
    return time.perf_counter() - start, value


# --------------------------------------------------------------------------- igraph

def build_igraph(n, edges):
    import igraph as ig
    return ig.Graph(n=n, edges=edges, directed=False)


def run_igraph(g, algorithm, args):
    import igraph as ig
    n = g.vcount()
    if algorithm == "pagerank":
        s, pr = timed(lambda: g.pagerank(damping=0.85))
        pr = np.asarray(pr)
        return {"seconds": s, "implementation": "prpack", "max": float(pr.max()),
                "argmax": int(pr.argmax()), "sum": float(pr.sum())}
    if algorithm == "components":
        s, cc = timed(lambda: g.connected_components())
        sizes = cc.sizes()
        return {"seconds": s, "count": len(sizes), "largest": max(sizes) if sizes else 0}
    if algorithm == "coreness":
        s, core = timed(lambda: g.coreness())
        return {"seconds": s, "max": max(core) if core else 0, "sum": int(sum(core))}
    if algorithm == "louvain":
        ig.set_random_number_generator(random)
        random.seed(args.seed)
        s, clustering = timed(lambda: g.community_multilevel())
        membership = clustering.membership
        return {"seconds": s, "modularity": g.modularity(membership),
                "communities": len(set(membership)), "seed": args.seed}
    if algorithm == "leiden":
        ig.set_random_number_generator(random)
        random.seed(args.seed)
        s, clustering = timed(lambda: g.community_leiden(objective_function="modularity"))
        membership = clustering.membership
        return {"seconds": s, "modularity": g.modularity(membership),
                "communities": len(set(membership)), "iterations": 2, "seed": args.seed}
    if algorithm == "betweenness":
        s, bc = timed(lambda: g.betweenness(directed=False))
        bc = np.asarray(bc)
        return {"seconds": s, "extrapolated": False, "sources": n, "max": float(bc.max()),
                "argmax": int(bc.argmax()), "sum": float(bc.sum())}
    raise ValueError(algorithm)


# --------------------------------------------------------------------------- networkx

def build_networkx(n, edges):
    import networkx as nx
    G = nx.Graph()
    G.add_nodes_from(range(n))
    G.add_edges_from(edges.tolist())  # plain Python ints, as a user's graph would hold
    return G


def run_networkx(G, algorithm, args):
    import networkx as nx
    n = G.number_of_nodes()
    if algorithm == "pagerank":
        s, pr = timed(lambda: nx.pagerank(G, alpha=0.85, tol=1e-6))
        node, top = max(pr.items(), key=lambda kv: kv[1])
        return {"seconds": s, "implementation": "scipy power iteration", "max": top,
                "argmax": node, "sum": float(sum(pr.values()))}
    if algorithm == "components":
        s, cc = timed(lambda: list(nx.connected_components(G)))
        return {"seconds": s, "count": len(cc), "largest": max((len(c) for c in cc), default=0)}
    if algorithm == "coreness":
        s, core = timed(lambda: nx.core_number(G))
        return {"seconds": s, "max": max(core.values(), default=0), "sum": int(sum(core.values()))}
    if algorithm == "louvain":
        s, communities = timed(lambda: nx.community.louvain_communities(G, seed=args.seed))
        log("  modularity (untimed)...")
        return {"seconds": s, "modularity": nx.community.modularity(G, communities),
                "communities": len(communities), "seed": args.seed}
    if algorithm == "leiden":
        return {"seconds": None, "skipped": "networkx has no Leiden implementation without a backend"}
    if algorithm == "betweenness":
        k = args.nx_betweenness_sources
        if k is None or k >= n:
            s, bc = timed(lambda: nx.betweenness_centrality(G, normalized=False))
            node, top = max(bc.items(), key=lambda kv: kv[1])
            return {"seconds": s, "extrapolated": False, "sources": n, "max": top,
                    "argmax": node, "sum": float(sum(bc.values()))}
        s, bc = timed(lambda: nx.betweenness_centrality(G, k=k, normalized=False, seed=args.seed))
        node, top = max(bc.items(), key=lambda kv: kv[1])
        return {"seconds": s * n / k, "measured_seconds": s, "extrapolated": True,
                "sources": k, "all_sources": n, "max": top, "argmax": node,
                "max_is_estimate": True, "seed": args.seed}
    raise ValueError(algorithm)


# --------------------------------------------------------------------------- generator

def generate_ba(n, m, seed, out):
    import igraph as ig
    ig.set_random_number_generator(random)
    random.seed(seed)
    start = time.perf_counter()
    g = ig.Graph.Barabasi(n, m)
    edges = np.asarray(g.get_edgelist(), dtype=np.int64).reshape(-1, 2)
    with open(out, "w") as f:
        f.write("source,target\n")
        chunk = 1_000_000
        for i in range(0, len(edges), chunk):
            part = edges[i:i + chunk]
            f.write("\n".join(f"{u},{v}" for u, v in part.tolist()))
            f.write("\n")
    log(f"wrote {out}: {g.vcount()} nodes, {g.ecount()} edges in {time.perf_counter() - start:.1f}s")
    print(json.dumps({"generated": out, "model": "barabasi-albert", "nodes": g.vcount(),
                      "edges": g.ecount(), "m": m, "seed": seed}))


# --------------------------------------------------------------------------- main

def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--edges", help="CSV with header source,target")
    p.add_argument("--algorithms", default=",".join(ALGORITHMS))
    p.add_argument("--library", choices=("igraph", "networkx"))
    p.add_argument("--nx-betweenness-sources", type=int, default=None, metavar="K",
                   help="networkx only: sample K sources and extrapolate the time to all n")
    p.add_argument("--seed", type=int, default=42)
    p.add_argument("--omp-threads", type=int, default=None, metavar="T",
                   help="set OMP_NUM_THREADS before igraph loads (igraph pagerank uses OpenMP)")
    p.add_argument("--nodes", type=int, default=None, help="node count (default: largest id + 1)")
    p.add_argument("--generate-ba", type=int, default=None, metavar="N",
                   help="testing only: write a Barabasi-Albert graph with N nodes to --out")
    p.add_argument("--m", type=int, default=5, help="edges per new node for --generate-ba")
    p.add_argument("--out", help="output CSV for --generate-ba")
    args = p.parse_args()

    if args.generate_ba is not None:
        if not args.out:
            p.error("--generate-ba needs --out")
        generate_ba(args.generate_ba, args.m, args.seed, args.out)
        return
    if not args.edges or not args.library:
        p.error("--edges and --library are required")
    algorithms = [a.strip() for a in args.algorithms.split(",") if a.strip()]
    known = ALGORITHMS + EXTRA_ALGORITHMS
    unknown = [a for a in algorithms if a not in known]
    if unknown:
        p.error(f"unknown algorithms: {', '.join(unknown)} (known: {', '.join(known)})")
    if args.nx_betweenness_sources is not None and args.nx_betweenness_sources < 1:
        p.error("--nx-betweenness-sources must be at least 1")

    if args.omp_threads is not None:
        os.environ["OMP_NUM_THREADS"] = str(args.omp_threads)  # read when libgomp loads
    # Import the library and run every requested algorithm once on a tiny graph first, so lazy
    # imports (networkx pulls in scipy inside nx.pagerank) and first-call set-up are not timed.
    if args.library == "igraph":
        import igraph as lib
        build, run = build_igraph, run_igraph
    else:
        import networkx as lib
        build, run = build_networkx, run_networkx
    warm = build(4, np.array([[0, 1], [1, 2], [2, 0], [2, 3]], dtype=np.int64))
    for algorithm in algorithms:
        run(warm, algorithm, args)

    start = time.perf_counter()
    edges, dropped = read_edges(args.edges)
    n = int(edges.max()) + 1 if edges.size else 0
    if args.nodes is not None:
        if args.nodes < n:
            p.error(f"--nodes {args.nodes} is smaller than the largest id + 1 ({n})")
        n = args.nodes
    graph = build(n, edges)
    m = int(len(edges))
    del edges
    load_seconds = time.perf_counter() - start
    log(f"{args.library} {lib.__version__}: loaded {n} nodes, {m} edges in {load_seconds:.2f}s")

    report = {"library": args.library, "version": lib.__version__, "python": platform.python_version(),
              "edges_file": args.edges, "nodes": n, "edges": m, "load_seconds": load_seconds,
              "rss_after_load_mb": current_rss_mb(), "seed": args.seed,
              "omp_num_threads": os.environ.get("OMP_NUM_THREADS"), "results": {}}
    if dropped["self_loops"] or dropped["duplicates"]:
        report["dropped"] = dropped
    for algorithm in algorithms:
        log(f"  {algorithm}...")
        result = run(graph, algorithm, args)
        report["results"][algorithm] = result
        if result.get("seconds") is None:
            log(f"  {algorithm}: skipped ({result.get('skipped')})")
        else:
            log(f"  {algorithm}: {result['seconds']:.3f}s"
                + (" (extrapolated)" if result.get("extrapolated") else ""))
    report["peak_rss_mb"] = peak_rss_mb()
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
