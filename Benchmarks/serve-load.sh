#!/usr/bin/env bash
# Load and fault benchmark of `vigil serve`, loopback only, bounded in time: single-event POSTs and
# 1,000-event batch POSTs while readers list events, then a run in which the servers are killed
# with SIGKILL half-way and restarted. Afterwards every event a server acknowledged must be in the
# database, once.
#
#   swift build -c release && bash Benchmarks/serve-load.sh          # needs wrk, curl, bc, sqlite3 (Debian)
#   DATABASE=postgres://vigil:vigil@127.0.0.1:54329/vigil SERVERS=2 bash Benchmarks/serve-load.sh   # needs psql
#
# Environment: VIGIL (binary, default .build/release/vigil), DATABASE (default: a new SQLite file; a
# postgres:// URL uses schema vigil_load, emptied first), SERVERS (1 or 2 servers on one database;
# the load is split between them), DURATION (seconds per run, default 10), CONNECTIONS (writers,
# default 16), READERS (reader connections, default 4) and DELAY_MS (each reader's pause between
# pages, default 40; 0 reads as fast as the CPU allows).
set -euo pipefail
cd "$(dirname "$0")/.."
VIGIL=${VIGIL:-.build/release/vigil}
DURATION=${DURATION:-10}
CONNECTIONS=${CONNECTIONS:-16}
READERS=${READERS:-4}
SERVERS=${SERVERS:-1}
export DELAY_MS=${DELAY_MS:-40}
PORT=${PORT:-18090}
work=$(mktemp -d)
if [[ "${DATABASE:-}" == postgres* ]]; then
    psql "$DATABASE" -q -c "DROP SCHEMA IF EXISTS vigil_load CASCADE"
    db="$DATABASE$([[ "$DATABASE" == *\?* ]] && echo "&" || echo "?")schema=vigil_load"
    stored() { psql "$DATABASE" -At -c "SELECT source_system || ':' || source_record_id FROM vigil_load.event"; }
else
    db=${DATABASE:-$work/load.sqlite}
    stored() { sqlite3 "$db" "SELECT source_system || ':' || source_record_id FROM event"; }
fi
export ACK_DIR="$work"
export TOKEN=$("$VIGIL" token create --role admin --jurisdiction US --name load --database "$db" 2>/dev/null)
servers=()

start() {
    servers=()
    for index in $(seq 0 $((SERVERS - 1))); do
        "$VIGIL" serve --database "$db" --port $((PORT + index)) --rate-limit 0 >> "$work/server-$index.log" 2>&1 &
        servers+=($!)
    done
    for index in $(seq 0 $((SERVERS - 1))); do
        for _ in $(seq 100); do curl -sf "http://127.0.0.1:$((PORT + index))/api/v1/health" > /dev/null && break; sleep 0.1; done
        curl -sf "http://127.0.0.1:$((PORT + index))/api/v1/health" > /dev/null || { echo "server $index did not start" >&2; exit 1; }
    done
}

run() { # name prefix batch connections duration: the connections are split between the servers
    local pids=()
    for index in $(seq 0 $((SERVERS - 1))); do
        PREFIX="$2$index" BATCH=$3 wrk -t2 -c$(($4 / SERVERS)) -d"$5s" --latency -s Benchmarks/wrk/events.lua \
            "http://127.0.0.1:$((PORT + index))/api/v1/events" > "$work/$1-$index.txt" 2>&1 &
        pids+=($!)
    done
    wait "${pids[@]}" || true
}

summary() { # name events-per-request
    local rps p99 acknowledged
    rps=$(cat "$work/$1"-*.txt | awk '/^requests_per_second/ {sum += $2} END {print sum}')
    p99=$(cat "$work/$1"-*.txt | awk '/^latency_p99_ms/ {if ($2 > max) max = $2} END {print max}')
    acknowledged=$(cat "$work/$1"-*.txt | awk '/^acknowledged_events/ {sum += $2} END {print sum}')
    printf "%-22s %10.0f req/s %10.0f events/s   p99 %8.2f ms   acknowledged %d\n" "$1" "$rps" "$(echo "$rps * $2" | bc)" "$p99" "$acknowledged"
}

start
wrk -t1 -c"$READERS" -d"${DURATION}s" --latency -s Benchmarks/wrk/readers.lua "http://127.0.0.1:$PORT/api/v1/events?limit=100" > "$work/readers.txt" 2>&1 &
readers=$!
run single s 1 "$CONNECTIONS" "$DURATION"
wait $readers
run batches b 1000 4 "$DURATION"
echo "store: ${DATABASE:-SQLite}, servers: $SERVERS"
summary single 1
summary batches 1000
echo "readers ($READERS connections, GET /api/v1/events?limit=100 every $DELAY_MS ms during the single-event run): $(awk '/Requests\/sec/ {print $2}' "$work/readers.txt") req/s, p99 $(awk '/ 99%/ {print $2}' "$work/readers.txt")"

# Fault run: SIGKILL of every server half-way through a single-event run, then a restart.
( sleep $((DURATION / 2)); kill -9 "${servers[@]}" ) &
run killed k 1 "$CONNECTIONS" "$DURATION"
wait
start
cat "$work"/ack-*.txt | sort > "$work/acknowledged.txt"
stored | sort > "$work/stored.txt"
missing=$(comm -23 "$work/acknowledged.txt" "$work/stored.txt" | wc -l)
duplicated=$(uniq -d "$work/stored.txt" | wc -l)
echo "acknowledged $(wc -l < "$work/acknowledged.txt"), stored $(wc -l < "$work/stored.txt"), acknowledged but missing $missing, duplicated $duplicated"
kill "${servers[@]}"
wait 2>/dev/null || true
rm -rf "$work"
[ "$missing" -eq 0 ] && [ "$duplicated" -eq 0 ]
