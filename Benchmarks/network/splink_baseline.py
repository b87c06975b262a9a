#!/usr/bin/env python3
"""Splink baseline for Vigil's entity-resolution benchmark.

What it does
    Deduplicates a CSV of person records with Splink 5 on its DuckDB backend,
    the way a competent Splink user would set it up: blocking rules that cover
    typos and a first name/surname swap, name, date-of-birth, city and phone
    comparisons (term-frequency adjusted where values are common), a
    deterministic estimate of the prior, u from random sampling, m from two
    expectation-maximisation sessions, prediction and connected-components
    clustering at a match-probability threshold. It then scores the clusters
    against the `true_id` column, which Splink never sees, by pairwise
    precision, recall and F1 (counted from group sizes, never by listing pairs).

Input
    CSV with header `id,first_name,surname,dob,city,phone,true_id`; every
    column is read as text and empty values become NULL. `dob` is ISO
    yyyy-mm-dd. Records with an empty `true_id` are left out of the true pairs.

How Vigil calls it
    `vigil bench resolve` generates the seeded synthetic people, writes them
    to a CSV, runs this script beside its own resolver and reads the single
    JSON object the script prints on standard output:

        python3 Benchmarks/network/splink_baseline.py --records FILE \
            [--threshold 0.5] [--max-pairs 1e7] [--seed 42]

    --threshold  match probability at or above which a pair is linked (used
                 both to filter the predictions and to cluster them)
    --max-pairs  pairs sampled to estimate the u probabilities
    --seed       seed for Splink's random sampling

Output (stdout, one line)
    {"records": N, "seconds": total, "phases": {"load": s, "training": s,
     "predict": s, "cluster": s}, "pairs_scored": n, "pairs_above_threshold": m,
     "clusters": k, "precision": p, "recall": r, "f1": f, "splink_version": "..."}

    `seconds` is the whole pipeline, load through clustering. `pairs_scored`
    is the number of candidate pairs the prediction blocking rules generate
    (what Splink scores), counted after the timed pipeline. Splink's log goes
    to standard error (--verbose for more of it).

Exit status is non-zero, with a message on standard error, when Splink (or
DuckDB) is not installed or the run fails.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import logging
import os
import sys
import time

INSTALL_HINT = "install splink: python3 -m pip install splink"
COLUMNS = ("id", "first_name", "surname", "dob", "city", "phone")


def fail(message: str, status: int = 1) -> None:
    print(f"splink_baseline: {message}", file=sys.stderr)
    sys.exit(status)


try:
    import duckdb
    import splink
    import splink.comparison_library as cl
    from splink import DuckDBAPI, Linker, SettingsCreator, block_on
    from splink.blocking_analysis import count_comparisons_from_blocking_rules
except ImportError as error:  # splink, or one of its dependencies, is missing
    fail(f"{error}; {INSTALL_HINT}", 3)


def parse_arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description="Splink 5 (DuckDB) baseline for vigil bench resolve")
    parser.add_argument("--records", required=True, help="CSV of person records")
    parser.add_argument("--threshold", type=float, default=0.5,
                        help="match probability to link at (default 0.5)")
    parser.add_argument("--max-pairs", type=float, default=1e7,
                        help="pairs sampled to estimate u (default 1e7)")
    parser.add_argument("--seed", type=int, default=42,
                        help="seed for random sampling (default 42)")
    parser.add_argument("--verbose", action="store_true",
                        help="Splink's INFO log on stderr")
    arguments = parser.parse_args()
    if not 0 < arguments.threshold < 1:
        parser.error("--threshold must be in (0, 1)")
    if arguments.max_pairs < 1:
        parser.error("--max-pairs must be at least 1")
    if not os.path.isfile(arguments.records):
        parser.error(f"no such file: {arguments.records}")
    return arguments


@contextlib.contextmanager
def stdout_to_stderr():
    """Sends anything written to file descriptor 1 (Python or native code) to
    stderr, so that stdout carries only the JSON report."""
    sys.stdout.flush()
    saved = os.dup(1)
    os.dup2(2, 1)
    try:
        with contextlib.redirect_stdout(sys.stderr):
            yield
    finally:
        sys.stdout.flush()
        os.dup2(saved, 1)
        os.close(saved)


def execute(con: duckdb.DuckDBPyConnection, sql: str, parameters=None) -> list:
    """Runs `sql` and fetches its result (DuckDB 2 refuses further work on a
    connection while a result is unfetched, even for DDL)."""
    return con.execute(sql, parameters or []).fetchall()


def load(con: duckdb.DuckDBPyConnection, path: str) -> int:
    """Reads the CSV as text into `records` (what Splink sees) and `truth`
    (id -> true_id, for scoring only). Blank values become NULL."""
    header = con.execute(
        "select * from read_csv(?, header = true, all_varchar = true) limit 0",
        [path]).fetch_df().columns.tolist()
    missing = [c for c in (*COLUMNS, "true_id") if c not in header]
    if missing:
        raise ValueError(f"{path}: missing column(s) {', '.join(missing)}")
    clean = ", ".join(f"nullif(trim({c}), '') as {c}" for c in (*COLUMNS, "true_id"))
    execute(con,
            f"create table raw as select {clean} "
            "from read_csv(?, header = true, all_varchar = true)", [path])
    execute(con, f"create table records as select {', '.join(COLUMNS)} from raw")
    execute(con, "create table truth as select id, true_id from raw")
    execute(con, "drop table raw")
    count, distinct = execute(
        con, "select count(*), count(distinct id) from records")[0]
    if count == 0:
        raise ValueError(f"{path}: no records")
    if distinct != count or execute(
            con, "select count(*) from records where id is null")[0][0]:
        raise ValueError(f"{path}: id must be present and unique")
    return count


# Pairs scored at prediction: a pair is compared when any rule admits it.
PREDICTION_BLOCKING = [
    block_on("surname", "dob"),
    block_on("first_name", "surname"),
    block_on("phone"),
    block_on("dob", "city"),
    # first name and surname swapped (a typo in the other name is tolerated)
    "l.first_name = r.surname and l.dob = r.dob",
]


def settings() -> SettingsCreator:
    return SettingsCreator(
        link_type="dedupe_only",
        unique_id_column_name="id",
        comparisons=[
            # exact (term-frequency adjusted), Jaro-Winkler >= 0.92, 0.88, 0.7, else
            cl.NameComparison("first_name"),
            cl.NameComparison("surname"),
            # exact, one character off, within a month, a year (day/month swaps land
            # here), ten years; unparseable dates count as null
            cl.DateOfBirthComparison("dob", input_is_string=True),
            cl.ExactMatch("city").configure(term_frequency_adjustments=True),
            # exact, one digit wrong, two digits wrong
            cl.LevenshteinAtThresholds("phone", [1, 2]),
        ],
        blocking_rules_to_generate_predictions=PREDICTION_BLOCKING,
        retain_intermediate_calculation_columns=False,
    )


def train(linker: Linker, arguments: argparse.Namespace) -> None:
    # Prior: pairs agreeing on a strict rule, scaled by a guess at its recall
    # (records carry typos, so exact agreement on three fields misses many).
    linker.training.estimate_probability_two_random_records_match(
        [block_on("first_name", "surname", "dob"), block_on("phone", "dob")],
        recall=0.7,
    )
    linker.training.estimate_u_using_random_sampling(
        max_pairs=arguments.max_pairs, seed=arguments.seed)
    # Two EM sessions so that every comparison gets its m probabilities from a
    # session whose blocking rule does not involve it.
    linker.training.estimate_parameters_using_expectation_maximisation(
        block_on("first_name", "surname"))
    linker.training.estimate_parameters_using_expectation_maximisation(
        block_on("dob"))


def pairs(column_sql: str) -> str:
    """SQL summing C(n, 2) over the groups of `column_sql`."""
    return (f"select coalesce(sum(n * (n - 1) // 2), 0)::hugeint from "
            f"(select count(*)::hugeint as n from scored {column_sql})")


def score(con: duckdb.DuckDBPyConnection) -> tuple[int, float, float, float]:
    """Pairwise precision, recall and F1 of `clusters` against `truth`,
    from group sizes."""
    execute(
        con, "create temp table scored as select c.cluster_id, t.true_id "
        "from clusters c join truth t using (id)")
    predicted = int(execute(con, pairs("group by cluster_id"))[0][0])
    actual = int(execute(
        con, pairs("where true_id is not null group by true_id"))[0][0])
    found = int(execute(
        con, pairs("where true_id is not null group by cluster_id, true_id"))[0][0])
    clusters = execute(con, "select count(distinct cluster_id) from scored")[0][0]
    precision = found / predicted if predicted else 1.0
    recall = found / actual if actual else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return clusters, precision, recall, f1


def run(arguments: argparse.Namespace) -> dict:
    phases: dict[str, float] = {}
    start = time.perf_counter()

    con = duckdb.connect(":memory:")
    execute(con, "set enable_progress_bar = false")
    db_api = DuckDBAPI(connection=con)
    records = load(con, arguments.records)
    table = db_api.register("records")
    phases["load"] = time.perf_counter() - start

    mark = time.perf_counter()
    linker = Linker(table, settings(),
                    log_level=logging.INFO if arguments.verbose else logging.WARNING)
    train(linker, arguments)
    phases["training"] = time.perf_counter() - mark

    mark = time.perf_counter()
    predictions = linker.inference.predict(
        threshold_match_probability=arguments.threshold)
    phases["predict"] = time.perf_counter() - mark

    mark = time.perf_counter()
    clustered = linker.clustering.cluster_pairwise_predictions_at_threshold(
        predictions, threshold_match_probability=arguments.threshold)
    execute(
        con, f"create table clusters as select id, cluster_id from {clustered.physical_name}")
    phases["cluster"] = time.perf_counter() - mark
    seconds = time.perf_counter() - start

    above = execute(con, f"select count(*) from {predictions.physical_name}")[0][0]
    scored = count_comparisons_from_blocking_rules(
        table, blocking_rules=PREDICTION_BLOCKING, link_type="dedupe_only",
        unique_id_column_name="id", record_sample_proportion=1.0,
    )[-1]["cumulative_comparison_count"]
    clusters, precision, recall, f1 = score(con)

    return {
        "records": records,
        "seconds": round(seconds, 3),
        "phases": {name: round(value, 3) for name, value in phases.items()},
        "pairs_scored": int(scored),
        "pairs_above_threshold": int(above),
        "clusters": int(clusters),
        "precision": round(precision, 6),
        "recall": round(recall, 6),
        "f1": round(f1, 6),
        "splink_version": splink.__version__,
    }


def main() -> None:
    arguments = parse_arguments()
    try:
        with stdout_to_stderr():
            report = run(arguments)
    except Exception as error:  # report any failure on stderr, non-zero exit
        fail(f"{type(error).__name__}: {error}")
    print(json.dumps(report), flush=True)


if __name__ == "__main__":
    main()
