#!/usr/bin/env python3
"""RapidFuzz baseline for precursor screening of manifest descriptions.

Every name and synonym of every watchlist entry is a choice mapped to the entry's id. For each
manifest line the prediction is the id of

    process.extractOne(description, choices, scorer=fuzz.WRatio,
                       processor=utils.default_process, score_cutoff=cutoff)

or none. Only the description is used (not the CAS or HS columns). Prints JSON: line count, the
time of the matching loop and of the whole run, lines per second, the cutoff and, when the
manifest has an expected_id column, precision, recall and F1 where
TP = predicted id equals the expected id (non-blank), FP = predicted non-blank and not equal to
the expected id, FN = expected non-blank and predicted not equal.

--tune tries every cutoff from 50 to 100 (step 1) on the given labelled manifest, reports the
one with the best F1 (ties: higher precision, then lower cutoff) and times a matching run at it.

    python3 -m pip install rapidfuzz
    python3 rapidfuzz_baseline.py --watchlist WATCHLIST.csv --manifest MANIFEST.csv [--cutoff N] [--tune]
"""

import argparse
import csv
import json
import platform
import sys
import time

TOTAL_START = time.perf_counter()

try:
    import rapidfuzz
    from rapidfuzz import fuzz, process, utils
except ImportError:  # pragma: no cover
    sys.exit("rapidfuzz is not installed: python3 -m pip install rapidfuzz")

DEFAULT_CUTOFF = 85.0


def load_choices(path):
    choices, ids = [], []
    with open(path, newline="", encoding="utf-8") as f:
        for entry in csv.DictReader(f):
            for name in [entry["name"]] + entry["synonyms"].split(";"):
                name = name.strip()
                if name:
                    choices.append(name)
                    ids.append(entry["id"])
    return choices, ids


def load_manifest(path):
    with open(path, newline="", encoding="utf-8") as f:
        reader = csv.DictReader(f)
        rows = list(reader)
        return rows, reader.fieldnames or []


def match(rows, choices, ids, cutoff):
    """The matching loop: (predicted id or "", score) per row, and its duration in seconds."""
    start = time.perf_counter()
    out = []
    for row in rows:
        found = process.extractOne(row["description"], choices, scorer=fuzz.WRatio,
                                   processor=utils.default_process, score_cutoff=cutoff)
        out.append((ids[found[2]], found[1]) if found is not None else ("", 0.0))
    return out, time.perf_counter() - start


def score(rows, predicted):
    tp = fp = fn = 0
    for row, got in zip(rows, predicted):
        want = (row.get("expected_id") or "").strip()
        if got and got == want:
            tp += 1
        if got and got != want:
            fp += 1
        if want and got != want:
            fn += 1
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"tp": tp, "fp": fp, "fn": fn, "precision": round(precision, 4), "recall": round(recall, 4),
            "f1": round(f1, 4)}


def by_case(rows, predicted):
    cases = {}
    for row, got in zip(rows, predicted):
        case = row.get("case") or ""
        want = (row.get("expected_id") or "").strip()
        stats = cases.setdefault(case, {"lines": 0, "correct": 0})
        stats["lines"] += 1
        stats["correct"] += int(got == want)
    return dict(sorted(cases.items()))


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--watchlist", required=True, help="watchlist.csv (id,name,synonyms,...)")
    parser.add_argument("--manifest", required=True, help="manifest CSV with a description column")
    parser.add_argument("--cutoff", type=float, default=None,
                        help=f"score_cutoff for extractOne (default {DEFAULT_CUTOFF:g}; ignored with --tune)")
    parser.add_argument("--tune", action="store_true", help="choose the cutoff in 50..100 with the best F1")
    args = parser.parse_args()

    choices, ids = load_choices(args.watchlist)
    rows, fields = load_manifest(args.manifest)
    if "description" not in fields:
        sys.exit("the manifest has no description column")
    labelled = "expected_id" in fields
    if args.tune and not labelled:
        sys.exit("--tune needs a labelled manifest (an expected_id column)")

    result = {
        "lines": len(rows),
        "choices": len(choices),
        "watchlist_entries": len(set(ids)),
        "scorer": "fuzz.WRatio",
        "processor": "utils.default_process",
        "rapidfuzz": rapidfuzz.__version__,
        "python": platform.python_version(),
    }

    if args.tune:
        scored, tune_seconds = match(rows, choices, ids, 50.0)
        curve = []
        for cutoff in range(50, 101):
            predicted = [got if got and s >= cutoff else "" for got, s in scored]
            curve.append({"cutoff": cutoff, **score(rows, predicted)})
        best = max(curve, key=lambda c: (c["f1"], c["precision"], -c["cutoff"]))
        cutoff = float(best["cutoff"])
        result["tuning"] = {"cutoffs": "50..100 step 1", "matching_seconds": round(tune_seconds, 4),
                            "best_cutoff": best["cutoff"], "curve": curve}
    else:
        cutoff = DEFAULT_CUTOFF if args.cutoff is None else args.cutoff

    matched, seconds = match(rows, choices, ids, cutoff)
    predicted = [got for got, _ in matched]
    result["cutoff"] = cutoff
    result["seconds"] = {"matching": round(seconds, 4), "total": round(time.perf_counter() - TOTAL_START, 4)}
    result["lines_per_second"] = round(len(rows) / seconds, 1) if seconds > 0 else None
    if labelled:
        result.update(score(rows, predicted))
        if "case" in fields:
            result["by_case"] = by_case(rows, predicted)
    if args.tune:  # keep the curve last: it is long
        result["tuning"] = result.pop("tuning")
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
