#!/usr/bin/env bash
# Load and fault benchmark of `vigil serve` on the embedded SQLite store, loopback only, bounded in
# time: single-event POSTs and 1,000-event batch POSTs while readers list events, then a run in
# which the server is killed with SIGKILL half-way and restarted. Afterwards every event the server
# acknowledged must be in the database, once.
#
#   swift build -c release && bash Benchmarks/serve-load.sh          # needs wrk and sqlite3 (Debian)
#
# Environment: VIGIL (binary, default .build/release/vigil), DURATION (seconds per run, default 10),
# CONNECTIONS (writers, default 16), READERS (reader connections, default 4) and DELAY_MS (each
# reader's pause between pages, default 40; 0 reads as fast as the CPU allows).
set -euo pipefail
cd "$(dirname "$0")/.."
VIGIL=${VIGIL:-.build/release/vigil}
DURATION=${DURATION:-10}
CONNECTIONS=${CONNECTIONS:-16}
READERS=${READERS:-4}
export DELAY_MS=${DELAY_MS:-40}
PORT=${PORT:-18090}
work=$(mktemp -d)
db="$work/load.sqlite"
export ACK_DIR="$work"
export TOKEN=$("$VIGIL" token create --role admin --jurisdiction US --name load --database "$db" 2>/dev/null)
url="http://127.0.0.1:$PORT"

start() {
    "$VIGIL" serve --database "$db" --port "$PORT" --rate-limit 0 > "$work/server.log" 2>&1 &
    server=$!
    for _ in $(seq 100); do curl -sf "$url/api/v1/health" > /dev/null && return; sleep 0.1; done
    echo "the server did not start" >&2; exit 1
}

run() { # name prefix batch connections duration
    PREFIX=$2 BATCH=$3 wrk -t2 -c"$4" -d"$5s" --latency -s Benchmarks/wrk/events.lua "$url/api/v1/events" > "$work/$1.txt" 2>&1 || true
}

summary() { # name events-per-request
    local rps p99 acknowledged
    rps=$(awk '/^requests_per_second/ {print $2}' "$work/$1.txt")
    p99=$(awk '/^latency_p99_ms/ {print $2}' "$work/$1.txt")
    acknowledged=$(awk '/^acknowledged_events/ {print $2}' "$work/$1.txt")
    printf "%-22s %10.0f req/s %10.0f events/s   p99 %8.2f ms   acknowledged %d\n" "$1" "$rps" "$(echo "$rps * $2" | bc)" "$p99" "$acknowledged"
}

start
wrk -t1 -c"$READERS" -d"${DURATION}s" --latency -s Benchmarks/wrk/readers.lua "$url/api/v1/events?limit=100" > "$work/readers.txt" 2>&1 &
readers=$!
run single s 1 "$CONNECTIONS" "$DURATION"
wait $readers
run batches b 1000 4 "$DURATION"
summary single 1
summary batches 1000
echo "readers ($READERS connections, GET /api/v1/events?limit=100 every $DELAY_MS ms during the single-event run): $(awk '/Requests\/sec/ {print $2}' "$work/readers.txt") req/s, p99 $(awk '/ 99%/ {print $2}' "$work/readers.txt")"

# Fault run: SIGKILL half-way through a single-event run, then restart.
( sleep $((DURATION / 2)); kill -9 "$server" ) &
run killed k 1 "$CONNECTIONS" "$DURATION"
wait
start
cat "$work"/ack-*.txt | sort > "$work/acknowledged.txt"
sqlite3 "$db" "SELECT source_system || ':' || source_record_id FROM event" | sort > "$work/stored.txt"
missing=$(comm -23 "$work/acknowledged.txt" "$work/stored.txt" | wc -l)
duplicated=$(sqlite3 "$db" "SELECT COUNT(*) - COUNT(DISTINCT source_system || ':' || source_record_id) FROM event")
echo "acknowledged $(wc -l < "$work/acknowledged.txt"), stored $(wc -l < "$work/stored.txt"), acknowledged but missing $missing, duplicated $duplicated"
kill "$server"
wait 2>/dev/null || true
rm -rf "$work"
[ "$missing" -eq 0 ] && [ "$duplicated" -eq 0 ]
