#!/usr/bin/env bash
# What SQLite alone needs to load an event CSV into Vigil's schema, with no parsing or validation
# in Vigil: the floor under `vigil import`. Loads the file with sqlite3's .import into a scratch
# table, then copies it with INSERT … SELECT into a database that Vigil created (its schema, its
# indexes dropped as in a bulk load), splits the substance lists with json_each, and rebuilds the
# indexes. Prints sqlite3's timer for each step.
#
# usage: Benchmarks/sqlite-schema-floor.sh EVENTS.csv VIGIL_BINARY [WORK_DIR]
set -euo pipefail
csv=$1
vigil=$2
work=${3:-bench-work}
mkdir -p "$work"
db="$work/schema-floor.sqlite"
rm -f "$db" "$db-wal" "$db-shm"
# An empty Vigil database: import a one-row file, then delete what it stored.
printf 'id,occurred_at,region\nx,2024-01-01,09009\n' > "$work/one.csv"
"$vigil" import "$work/one.csv" --database "$db" > /dev/null
sqlite3 "$db" "DELETE FROM event_substance; DELETE FROM event; DELETE FROM import_batch;
  DROP INDEX event_by_date; DROP INDEX event_by_region_date; DROP INDEX event_substance_by_substance;"
sqlite3 "$db" <<SQL
PRAGMA journal_mode = WAL;
PRAGMA synchronous = NORMAL;
PRAGMA cache_size = -32768;
.timer on
.import --csv $csv raw
INSERT INTO import_batch (id, source_system, origin, mapping, started_at, status) VALUES (1, 'floor', '$csv', 'vigil', 0, 'running');
INSERT INTO event (source_system, source_record_id, batch_id, local_date, epoch_seconds, utc_offset_seconds, latitude,
    longitude, region, outcome, naloxone_given, naloxone_doses, source_kind, age_band, sex)
  SELECT 'floor', id, 1, substr(occurred_at, 1, 10), NULL, NULL, CAST(latitude AS REAL), CAST(longitude AS REAL), region,
    outcome, naloxone_doses > 0, CAST(naloxone_doses AS INTEGER), source_kind, NULLIF(age_band, ''), NULLIF(sex, '')
  FROM raw ORDER BY rowid
  ON CONFLICT (source_system, source_record_id) DO NOTHING;
INSERT INTO event_substance (event_id, position, substance, mention, certainty)
  SELECT e.id, j.key, j.value, j.value, 'suspected'
  FROM raw r JOIN event e ON e.source_system = 'floor' AND e.source_record_id = r.id,
    json_each('["' || replace(r.suspected_substances || r.confirmed_substances, ';', '","') || '"]') j
  ORDER BY e.id, j.key;
CREATE INDEX event_by_date ON event(local_date);
CREATE INDEX event_by_region_date ON event(region, local_date);
CREATE INDEX event_substance_by_substance ON event_substance(substance, event_id);
DROP TABLE raw;
SQL
