"""First appearances and new co-occurrences with fentanyl of substances per region, in pandas: the part
of Vigil's emerging-substance detection a user would otherwise script. Reference for `vigil bench samples`.

Usage: emerging_pandas.py SAMPLES.csv FROM TO QUIET_DAYS ROUNDS
SAMPLES.csv has day,region,substances (substances separated by ';'). A first appearance is a day in
FROM..TO on which a region's sample contains a substance that no sample of the region contained in the
QUIET_DAYS days before (or ever); a co-occurrence is the same among samples that also contain fentanyl.
Prints one JSON object: the median seconds of ROUNDS runs (reading the file not timed) and the counts.
"""
import json
import statistics
import sys
import time

import pandas as pd


def appearances(frame, start, end, quiet):
    """(region, substance, day) rows that come first or after more than `quiet` days without one."""
    days = frame[["region", "substance", "day"]].drop_duplicates().sort_values(["region", "substance", "day"])
    previous = days.groupby(["region", "substance"], sort=False)["day"].shift()
    new = previous.isna() | ((days["day"] - previous).dt.days > quiet)
    return days[new & (days["day"] >= start) & (days["day"] <= end)]


def detect(samples, start, end, quiet):
    frame = samples[samples["day"] <= end].copy()
    frame["substance"] = frame["substances"].str.split(";")
    frame["has_fentanyl"] = frame["substances"].str.contains("(?:^|;)fentanyl(?:;|$)", regex=True)
    mentions = frame.explode("substance")
    first = appearances(mentions, start, end, quiet)
    anchored = mentions[mentions["has_fentanyl"] & (mentions["substance"] != "fentanyl")]
    together = appearances(anchored, start, end, quiet)
    return len(first), len(together)


def main():
    path, start, end, quiet, rounds = sys.argv[1], pd.Timestamp(sys.argv[2]), pd.Timestamp(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5])
    samples = pd.read_csv(path, dtype={"region": str}, parse_dates=["day"])
    times = []
    for _ in range(rounds):
        started = time.perf_counter()
        counts = detect(samples, start, end, quiet)
        times.append(time.perf_counter() - started)
    print(json.dumps({"seconds": statistics.median(times), "first_appearances": counts[0], "cooccurrences": counts[1]}))


if __name__ == "__main__":
    main()
