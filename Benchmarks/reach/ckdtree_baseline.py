#!/usr/bin/env python3
"""Reference timing for `vigil bench access`: the nearest facility of every event with scipy's cKDTree,
called the way a Python analyst would call it, on the same points Vigil uses.

usage:
  ckdtree_baseline.py --facilities FILE --events FILE [--workers N] [--leafsize 16]

Both files are CSV with the header `lat,lon` (decimal degrees, WGS84, one point per row). Points are
converted to unit vectors in 3D (x = cos(lat) cos(lon), y = cos(lat) sin(lon), z = sin(lat)), where the
straight-line chord between two points grows with their great-circle distance, so the nearest vector
is the nearest point on the sphere. cKDTree is built on the facility vectors and queried with k=1 for
every event vector; the chord c is converted to kilometres with d = 2 R asin(c / 2), R = 6371.0088 km
(the IUGG mean Earth radius, the radius Vigil uses).

Timing: reading the CSVs and converting to vectors are not timed. `build_seconds` is time.perf_counter
around cKDTree(...) and `query_seconds` around tree.query(...) plus the chord-to-kilometre conversion
(vectorised numpy). --workers is passed to query (-1 = all cores, 1 = single-threaded); run it twice
to get both. Each is measured once, after a warm-up build and query on 1,000 points.

Output: one JSON object on stdout: build_seconds, query_seconds, workers, facilities, events,
checksum (the sum of all nearest distances in km, to compare with Vigil's), scipy_version.
"""
import argparse
import json
import sys
import time

try:
    import numpy as np
    import scipy
    from scipy.spatial import cKDTree
except ImportError:
    sys.exit("install scipy: python3 -m pip install scipy")

EARTH_RADIUS_KM = 6371.0088


def read_points(path):
    """Reads a `lat,lon` CSV into an (n, 2) array of degrees."""
    with open(path, "r", encoding="utf-8") as handle:
        header = handle.readline().strip().replace(" ", "").lower()
        if header != "lat,lon":
            sys.exit(f"{path}: expected the header 'lat,lon', found '{header}'")
        points = np.loadtxt(handle, delimiter=",", dtype=np.float64, ndmin=2)
    return points


def unit_vectors(points):
    """Unit vectors of (lat, lon) degrees, as an (n, 3) C-contiguous array."""
    latitude = np.radians(points[:, 0])
    longitude = np.radians(points[:, 1])
    cos_latitude = np.cos(latitude)
    return np.ascontiguousarray(
        np.column_stack((cos_latitude * np.cos(longitude), cos_latitude * np.sin(longitude), np.sin(latitude))))


def nearest_kilometres(tree, vectors, workers):
    chords, indices = tree.query(vectors, k=1, workers=workers)
    return 2 * EARTH_RADIUS_KM * np.arcsin(np.minimum(1.0, chords / 2)), indices


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--facilities", required=True)
    parser.add_argument("--events", required=True)
    parser.add_argument("--workers", type=int, default=-1)
    parser.add_argument("--leafsize", type=int, default=16)
    arguments = parser.parse_args()

    facilities = unit_vectors(read_points(arguments.facilities))
    events = unit_vectors(read_points(arguments.events))
    if len(facilities) == 0:
        sys.exit(f"{arguments.facilities}: no facilities")

    # Warm-up, so that lazy initialisation is not timed.
    warm = cKDTree(facilities[:1000], leafsize=arguments.leafsize)
    nearest_kilometres(warm, events[:1000], arguments.workers)

    start = time.perf_counter()
    tree = cKDTree(facilities, leafsize=arguments.leafsize)
    build_seconds = time.perf_counter() - start
    start = time.perf_counter()
    kilometres, _ = nearest_kilometres(tree, events, arguments.workers)
    query_seconds = time.perf_counter() - start

    print(json.dumps({
        "build_seconds": build_seconds,
        "query_seconds": query_seconds,
        "workers": arguments.workers,
        "facilities": int(len(facilities)),
        "events": int(len(events)),
        "checksum": float(np.sum(kilometres)),
        "scipy_version": scipy.__version__,
    }))


if __name__ == "__main__":
    main()
