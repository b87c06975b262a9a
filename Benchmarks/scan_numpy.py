#!/usr/bin/env python3
"""The prospective space-time permutation scan in NumPy, written the way a careful user would:
neighbour orders precomputed once, cylinder counts by cumulative sums over neighbours and days,
log terms evaluated on whole arrays (no Python loop per cylinder), replications split over both
cores. It is the reference `vigil bench scan` times Vigil against (same input, same limits).

usage: scan_numpy.py CASES.csv LOCATIONS.csv REPLICATIONS SEED
CASES.csv: location_id,date (one row per case); LOCATIONS.csv: location_id,x,y (km).
Prints: most_likely_llr <value>, then seconds <wall time of the scan and its replications>.
"""
import sys, time
import numpy as np
from multiprocessing import Pool


def load(cases_path, locations_path):
    ids, xy = [], []
    with open(locations_path) as f:
        next(f)
        for line in f:
            i, x, y = line.strip().split(",")
            ids.append(i)
            xy.append((float(x), float(y)))
    index = {i: k for k, i in enumerate(ids)}
    loc, day = [], []
    with open(cases_path) as f:
        next(f)
        for line in f:
            i, d = line.strip().split(",")
            loc.append(index[i])
            day.append(np.datetime64(d))
    day = np.array(day)
    first = day.min()
    return np.array(xy), np.array(loc), (day - first).astype(int), int((day.max() - first).astype(int)) + 1


def setup(xy, loc, days, max_fraction, windows):
    d2 = ((xy[:, None, :] - xy[None, :, :]) ** 2).sum(-1)
    order = np.lexsort((np.arange(len(xy))[None, :].repeat(len(xy), 0), d2), axis=1)
    return order


def max_llr(order, loc, day, n_loc, n_days, windows, max_fraction):
    counts = np.zeros((n_loc, n_days), dtype=np.int64)
    np.add.at(counts, (loc, day), 1)
    total = counts.sum()
    recent = np.cumsum(counts[:, ::-1][:, :windows], axis=1)          # cases in the last w days
    day_totals = recent.sum(0)
    loc_totals = counts.sum(1)
    best = 0.0
    for c in range(n_loc):
        nb = order[c]
        zone_cases = np.cumsum(loc_totals[nb])
        k = np.searchsorted(zone_cases, max_fraction * total, side="right")
        if k == 0:
            continue
        n = np.cumsum(recent[nb[:k]], axis=0)                       # k x windows observed
        mu = zone_cases[:k, None] * day_totals[None, :] / total
        ok = (n >= 2) & (n > mu)
        if not ok.any():
            continue
        nn, mm = n[ok].astype(float), mu[ok]
        llr = nn * np.log(nn / mm)
        rest = total - nn
        with np.errstate(divide="ignore", invalid="ignore"):
            llr += np.where(rest > 0, rest * np.log(rest / (total - mm)), 0.0)
        best = max(best, llr.max())
    return best


def replicate(args):
    order, loc, day, n_loc, n_days, windows, max_fraction, seeds = args
    out = []
    for s in seeds:
        rng = np.random.default_rng(s)
        out.append(max_llr(order, loc, rng.permutation(day), n_loc, n_days, windows, max_fraction))
    return out


def main():
    cases, locations, replications, seed = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
    xy, loc, day, n_days = load(cases, locations)
    start = time.perf_counter()
    windows, max_fraction = n_days // 2, 0.5
    order = setup(xy, loc, day, max_fraction, windows)
    observed = max_llr(order, loc, day, len(xy), n_days, windows, max_fraction)
    seeds = [seed * 1_000_003 + r for r in range(replications)]
    with Pool(2) as pool:
        parts = pool.map(replicate, [(order, loc, day, len(xy), n_days, windows, max_fraction, seeds[w::2]) for w in range(2)])
    maxima = [m for part in parts for m in part]
    p = (1 + sum(m >= observed for m in maxima)) / (replications + 1)
    print(f"most_likely_llr {observed:.6f}")
    print(f"p_value {p:.6f}")
    print(f"seconds {time.perf_counter() - start:.3f}")


if __name__ == "__main__":
    main()
