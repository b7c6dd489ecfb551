#!/usr/bin/env bash
# Store benchmarks (issue #7): ingest throughput into SQLite and PostgreSQL on the eval corpus,
# and the as-of control query over 1M synthetic intervals on both backends.
#
#   bash bench/store.sh [ingest|asof|all] [CORPUS...]
#
# Ingest: `sitrep ingest CORPUS --timings` into a fresh database, three ways: pinned to one core
# with one extraction thread (`taskset -c 0 … --jobs 1`: the "per core" figure), on all cores
# (wall), and into PostgreSQL (all cores). `--timings` prints the CPU time of the reader, the
# extraction and the store writer, so the store's share is measured, not guessed. The corpus
# defaults to ../shared/eval/corpus/ (skipped when absent).
# PostgreSQL: SITREP_BENCH_PG=postgres://… uses that (empty) database; otherwise a throw-away
# server is started from the Debian package (/usr/lib/postgresql/*/bin) on a free port and
# removed at exit.
# As-of: the ignored probe in crates/store/tests/it/asof_scale.rs (release build; 10k places x 100
# intervals unless SITREP_ASOF_PLACES / SITREP_ASOF_INTERVALS say otherwise).
# SITREP_BIN=path skips the release build of the binary.
set -euo pipefail
cd "$(dirname "$0")/.."
WHAT=${1:-all}
[ $# -gt 0 ] && shift
CORPUS=("$@")
[ ${#CORPUS[@]} -gt 0 ] || CORPUS=(../shared/eval/corpus)
OUT=target/bench/store
mkdir -p "$OUT"

start_pg() {
  if [ -n "${SITREP_BENCH_PG:-}" ]; then PG_URL=$SITREP_BENCH_PG; return; fi
  local bin
  bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
  [ -x "$bin/initdb" ] || { echo "no PostgreSQL server binaries (apt-get install postgresql); skipping PostgreSQL"; PG_URL=; return; }
  PG_DIR=$(mktemp -d /tmp/sitrep-bench-pg.XXXXXX)
  local as=()
  if [ "$(id -u)" = 0 ]; then chown nobody: "$PG_DIR"; as=(runuser -u nobody --); fi
  "${as[@]}" "$bin/initdb" -A trust -U sitrep -E UTF8 --locale=C --no-sync -D "$PG_DIR/data" >/dev/null
  PG_PORT=$(( 30000 + RANDOM % 20000 ))
  "${as[@]}" "$bin/postgres" -D "$PG_DIR/data" -p "$PG_PORT" -k "$PG_DIR" -c listen_addresses=127.0.0.1 \
    -c fsync=off -c synchronous_commit=off >"$PG_DIR/log" 2>&1 &
  PG_PID=$!
  PG_STOP=("${as[@]}" "$bin/pg_ctl" -D "$PG_DIR/data" -m fast -w stop)
  trap '"${PG_STOP[@]}" >/dev/null 2>&1 || kill -INT $PG_PID 2>/dev/null; wait $PG_PID 2>/dev/null; rm -rf "$PG_DIR"' EXIT
  for _ in $(seq 1 100); do
    "$bin/pg_isready" -q -h 127.0.0.1 -p "$PG_PORT" && break
    sleep 0.2
  done
  "$bin/createdb" -h 127.0.0.1 -p "$PG_PORT" -U sitrep bench
  PG_URL="postgres://sitrep@127.0.0.1:$PG_PORT/bench"
}

if [ "$WHAT" = ingest ] || [ "$WHAT" = all ]; then
  if [ ! -e "${CORPUS[0]}" ]; then
    echo "corpus ${CORPUS[0]} not found; skipping the ingest benchmark"
  else
    if [ -z "${SITREP_BIN:-}" ]; then cargo build --release -q -p sitrep; fi
    BIN=${SITREP_BIN:-target/release/sitrep}
    cores=$(nproc)
    run() { # label, then the command
      local label=$1; shift
      /usr/bin/time -f "%e s wall, %U s user, %S s sys, %M KB peak" -o "$OUT/time.txt" "$@" 2>"$OUT/log.txt" || true
      echo "$label"
      grep -E "ingest:|timings" "$OUT/log.txt" | sed 's/^/  /'
      echo "  $(cat "$OUT/time.txt")"
    }
    rm -f "$OUT"/one.db*
    run "SQLite, one core (taskset -c 0, --jobs 1):" taskset -c 0 "$BIN" ingest "${CORPUS[@]}" --db "$OUT/one.db" --jobs 1 --timings
    rm -f "$OUT"/all.db*
    run "SQLite, $cores cores (--jobs $cores):" "$BIN" ingest "${CORPUS[@]}" --db "$OUT/all.db" --jobs "$cores" --timings
    run "SQLite, again (everything already stored):" "$BIN" ingest "${CORPUS[@]}" --db "$OUT/all.db" --timings
    echo "  database: $(du -h "$OUT/all.db" | cut -f1)"
    start_pg
    if [ -n "$PG_URL" ]; then
      run "PostgreSQL, $cores cores:" "$BIN" ingest "${CORPUS[@]}" --db "$PG_URL" --jobs "$cores" --timings
    fi
  fi
fi

if [ "$WHAT" = asof ] || [ "$WHAT" = all ]; then
  SITREP_ASOF_PLACES=${SITREP_ASOF_PLACES:-10000} SITREP_ASOF_INTERVALS=${SITREP_ASOF_INTERVALS:-100} \
    cargo test -q -p sitrep-store --release --test it asof_scale -- --ignored --nocapture --test-threads 1 2>&1 |
    grep -vE '^(running|test result|$)'
fi
