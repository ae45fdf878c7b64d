#!/usr/bin/env bash
# Single-row INSERT and point SELECT through the HTTP API of a running local cluster, driven
# by wrk (Debian package): 16 and 1 connections through n1, and point SELECTs spread over every
# node. Run it against `bin/distdata up` (3 nodes, RF 3) and `bin/distdata up --nodes 1` in
# the same session, after the same warm-up, and compare (BENCHMARKS.md, run 9).
#   DISTDATA_STATE_DIR=... scripts/bench-cluster.sh NODES [DURATION]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
STATE_DIR="${DISTDATA_STATE_DIR:-$ROOT/.distdata}"
NODES="${1:-3}"
DURATION="${2:-20s}"
command -v wrk >/dev/null || { echo "needs wrk (apt-get install wrk)" >&2; exit 1; }
password="$(cat "$STATE_DIR/admin-password")"
token_of() {
    curl -sf -m 30 -H 'Content-Type: application/json' \
        -d "{\"username\":\"admin\",\"password\":\"$password\"}" "http://127.0.0.1:$1/api/v1/auth/token" |
        sed 's/.*"token":"\([^"]*\)".*/\1/'
}
export DISTDATA_TOKEN="$(token_of 8080)"
curl -s -m 60 -H 'Content-Type: application/json' -H "Authorization: Bearer $DISTDATA_TOKEN" \
    -d '{"sql":"CREATE TABLE bench_kv (id BIGINT PRIMARY KEY, v VARCHAR(40))"}' http://127.0.0.1:8080/api/v1/sql >/dev/null || true
run() { # name, wrk args...
    local name="$1"; shift
    echo "== $name"
    timeout 300 wrk --latency "$@" | grep -E 'Requests/sec|^ +50%|^ +99%|Non-2xx|Socket errors|non-200' | sort -u | head -8
}
echo "warm-up (60 s of inserts and reads)"
DISTDATA_KEY_BASE=1 timeout 120 wrk -t2 -c16 -d30s -s "$ROOT/scripts/bench/insert.lua" http://127.0.0.1:8080/api/v1/sql >/dev/null
timeout 120 wrk -t2 -c16 -d30s -s "$ROOT/scripts/bench/point-read.lua" http://127.0.0.1:8080/api/v1/sql >/dev/null
DISTDATA_KEY_BASE=2 run "INSERT, 16 connections, n1" -t2 -c16 -d"$DURATION" -s "$ROOT/scripts/bench/insert.lua" http://127.0.0.1:8080/api/v1/sql
DISTDATA_KEY_BASE=3 run "INSERT, 1 connection, n1" -t1 -c1 -d"$DURATION" -s "$ROOT/scripts/bench/insert.lua" http://127.0.0.1:8080/api/v1/sql
run "point SELECT, 16 connections, n1" -t2 -c16 -d"$DURATION" -s "$ROOT/scripts/bench/point-read.lua" http://127.0.0.1:8080/api/v1/sql
run "point SELECT, 1 connection, n1" -t1 -c1 -d"$DURATION" -s "$ROOT/scripts/bench/point-read.lua" http://127.0.0.1:8080/api/v1/sql
if (( NODES > 1 )); then
    echo "== point SELECT, 16 connections spread over $NODES gateways"
    for ((i = 0; i < NODES; i++)); do
        DISTDATA_TOKEN="$(token_of $((8080 + i)))" timeout 300 wrk -t1 -c$((16 / NODES)) -d"$DURATION" \
            -s "$ROOT/scripts/bench/point-read.lua" "http://127.0.0.1:$((8080 + i))/api/v1/sql" | grep 'Requests/sec' &
    done
    wait
fi
count="$(curl -s -m 60 -H 'Content-Type: application/json' -H "Authorization: Bearer $DISTDATA_TOKEN" \
    -d '{"sql":"SELECT COUNT(*) FROM bench_kv"}' http://127.0.0.1:8080/api/v1/sql)"
echo "rows in bench_kv: $count"
