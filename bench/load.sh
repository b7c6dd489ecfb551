#!/usr/bin/env bash
# Load test of `sitrep serve` on loopback: 200 concurrent keep-alive clients for 30 s on each of
# /api/events and /api/control (wrk, from Debian), bounded in time and count, then the server is
# stopped. Reports requests/s, p50/p90/p99/max latency and every kind of error (must be zero).
#
#   bash bench/load.sh [DB] [--clients 200] [--seconds 30]
#
# DB defaults to target/bench/load.db, built on first use by `sitrep ingest` of the bench corpus
# (target/bench/corpus.jsonl from `bash bench/run`, or ../shared/eval/corpus/guardian-sdf-dev.jsonl).
# `memory:demo` uses the server's built-in example data. SITREP_BIN=path skips the release build.
# AS_OF=YYYY-MM-DD and EVENTS_PATH=/api/events?... choose the queries.
set -euo pipefail
cd "$(dirname "$0")/.."
DB=target/bench/load.db
CLIENTS=200
SECONDS_EACH=30
while [ $# -gt 0 ]; do
  case "$1" in
    --clients) CLIENTS="$2"; shift 2 ;;
    --seconds) SECONDS_EACH="$2"; shift 2 ;;
    *) DB="$1"; shift ;;
  esac
done
command -v wrk >/dev/null || { apt-get install -y -qq wrk >/dev/null || { echo "needs wrk (apt-get install wrk)"; exit 1; }; }
if [ -z "${SITREP_BIN:-}" ]; then
  cargo build --release -q -p sitrep
fi
BIN=${SITREP_BIN:-target/release/sitrep}
mkdir -p target/bench
if [[ "$DB" != memory:* && "$DB" != postgres* && ! -s "$DB" ]]; then
  CORPUS=target/bench/corpus.jsonl
  [ -s "$CORPUS" ] || CORPUS=../shared/eval/corpus/guardian-sdf-dev.jsonl
  echo "building $DB from $CORPUS ..."
  "$BIN" ingest "$CORPUS" --db "$DB" >/dev/null 2>target/bench/load-ingest.log || true
fi
PORT=$(( 20000 + RANDOM % 20000 ))
"$BIN" serve --db "$DB" --addr "127.0.0.1:$PORT" >target/bench/load-serve.log 2>&1 &
SERVER=$!
trap 'kill $SERVER 2>/dev/null || true; wait $SERVER 2>/dev/null || true' EXIT
for _ in $(seq 1 100); do
  curl -sf "http://127.0.0.1:$PORT/api/meta" >/dev/null 2>&1 && break
  sleep 0.2
done
META=$(curl -sf "http://127.0.0.1:$PORT/api/meta" || echo '{}')
echo "server: pid $SERVER, db $DB, meta: $(echo "$META" | head -c 300)"
# A date inside the data, for the control map.
AS_OF=${AS_OF:-2017-11-03}
EVENTS_PATH=${EVENTS_PATH:-/api/events?limit=100}
for path in "$EVENTS_PATH" "/api/control?as_of=$AS_OF"; do
  code=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$PORT$path")
  size=$(curl -s "http://127.0.0.1:$PORT$path" | wc -c)
  echo "GET $path -> HTTP $code, $size bytes"
  out=$(timeout $(( SECONDS_EACH + 30 )) wrk -t2 -c"$CLIENTS" -d"${SECONDS_EACH}s" --timeout 10s \
        -s bench/load/report.lua "http://127.0.0.1:$PORT$path" | tail -1)
  echo "  $out"
done
