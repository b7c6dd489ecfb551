#!/usr/bin/env bash
# The issue #8 benchmark: p50/p99 latency, requests/s and errors of GET /api/events (typical map
# filters: date range, bbox, type, limit=100) and GET /api/control?as_of=… (the whole map, and
# `control-bbox`: a 6x6 degree view) on a database of 1M synthetic events, under 50 concurrent
# keep-alive clients on loopback (wrk, from Debian). Bounded: each endpoint runs for --seconds
# (default 30), then the server is stopped.
#
#   bash bench/load-1m.sh [--events 1000000] [--clients 50] [--seconds 30] [--threads 2] [--only "events control control-bbox"]
#
# The database is built once by the store-backed generator (crates/server/examples/synth_db.rs)
# and cached as target/bench/synth-<events>.db; delete it to rebuild. Requests rotate through
# 2,000 different paths per endpoint (bench/load/paths.lua), drawn with a fixed seed from the
# provinces and dates in the database. SITREP_BIN=path skips the release build of the server.
set -euo pipefail
cd "$(dirname "$0")/.."
EVENTS=1000000
CLIENTS=50
SECONDS_EACH=30
THREADS=2
ONLY="events control control-bbox"
while [ $# -gt 0 ]; do
  case "$1" in
    --events) EVENTS="$2"; shift 2 ;;
    --clients) CLIENTS="$2"; shift 2 ;;
    --seconds) SECONDS_EACH="$2"; shift 2 ;;
    --threads) THREADS="$2"; shift 2 ;;
    --only) ONLY="$2"; shift 2 ;;
    *) echo "unknown argument $1" >&2; exit 2 ;;
  esac
done
for tool in wrk curl python3; do
  command -v "$tool" >/dev/null || apt-get install -y -qq "$tool" >/dev/null \
    || { echo "needs $tool (apt-get install $tool)"; exit 1; }
done
mkdir -p target/bench
DB=target/bench/synth-$EVENTS.db
if [ ! -s "$DB" ]; then
  cargo build --release -q -p sitrep-server --example synth_db
  echo "building $DB (once; a few minutes for 1M events) ..."
  rm -f "$DB" "$DB-wal" "$DB-shm"
  /usr/bin/time -f "generator: %e s wall, %U s user, %M kB max RSS" \
    target/release/examples/synth_db "$DB.tmp" --events "$EVENTS"
  for s in "" -wal -shm; do [ -e "$DB.tmp$s" ] && mv "$DB.tmp$s" "$DB$s"; done
fi
if [ -z "${SITREP_BIN:-}" ]; then
  cargo build --release -q -p sitrep
fi
BIN=${SITREP_BIN:-target/release/sitrep}

# Request paths: date windows of 7/30/90 days ending on a random day, a box of about 3x3 degrees
# around a random province (70 %), one event type (60 %), 100 events per page.
python3 - "$DB" target/bench/paths-events.txt target/bench/paths-control.txt <<'PY'
import random, sqlite3, sys, datetime as dt
db, ev_out, ctl_out = sys.argv[1:4]
con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
provs = con.execute("SELECT lat, lon FROM places WHERE geonameid < 900000000").fetchall()
lo, hi = con.execute("SELECT MIN(date_start), MAX(date_end) FROM events").fetchone()
lo, hi = dt.date.fromisoformat(lo), dt.date.fromisoformat(hi)
span = (hi - lo).days
types = ["Battles", "Explosions/Remote violence", "Violence against civilians", "Protests", "Armed clash", "Air/drone strike"]
rnd = random.Random(8)
with open(ev_out, "w") as f:
    for _ in range(2000):
        to = lo + dt.timedelta(days=rnd.randrange(span))
        frm = to - dt.timedelta(days=rnd.choice([6, 29, 89]))
        q = [f"from={frm}", f"to={to}"]
        if rnd.random() < 0.7:
            lat, lon = rnd.choice(provs)
            q.append(f"bbox={lon-1.5:.2f},{lat-1.5:.2f},{lon+1.5:.2f},{lat+1.5:.2f}")
        if rnd.random() < 0.6:
            q.append("type=" + rnd.choice(types).replace("/", "%2F").replace(" ", "%20"))
        q.append("limit=100")
        f.write("/api/events?" + "&".join(q) + "\n")
with open(ctl_out, "w") as f:
    for _ in range(2000):
        f.write(f"/api/control?as_of={lo + dt.timedelta(days=rnd.randrange(span))}\n")
with open(ctl_out.replace("control", "control-bbox"), "w") as f:
    for _ in range(2000):
        lat, lon = rnd.choice(provs)
        box = f"{lon-3:.2f},{lat-3:.2f},{lon+3:.2f},{lat+3:.2f}"
        f.write(f"/api/control?as_of={lo + dt.timedelta(days=rnd.randrange(span))}&bbox={box}\n")
PY

# One fresh server per endpoint, so that requests still queued from one run (wrk stops sending,
# the server still answers) do not weigh on the next.
SERVER=
stop() { if [ -n "$SERVER" ]; then kill -INT "$SERVER" 2>/dev/null || true; wait "$SERVER" 2>/dev/null || true; SERVER=; fi; }
trap stop EXIT
for kind in $ONLY; do
  PORT=$(( 20000 + RANDOM % 20000 ))
  "$BIN" serve --db "$DB" --addr "127.0.0.1:$PORT" >target/bench/load-1m-serve.log 2>&1 &
  SERVER=$!
  for _ in $(seq 1 150); do
    curl -sf "http://127.0.0.1:$PORT/api/meta" >/dev/null 2>&1 && break
    sleep 0.2
  done
  echo "server pid $SERVER on 127.0.0.1:$PORT, $DB ($(du -h "$DB" | cut -f1)): $(curl -sf "http://127.0.0.1:$PORT/api/meta" | python3 -c 'import json,sys; m=json.load(sys.stdin); print(m["reports"], "reports,", m["events"], "events,", m["controls"], "control observations,", m["first_date"], "to", m["last_date"])')"
  paths=target/bench/paths-$kind.txt
  # Unloaded requests first (size, status, time of the first five paths), then the timed run.
  for first in $(head -5 "$paths"); do
    read -r code size t <<<"$(curl -s -o /dev/null -w '%{http_code} %{size_download} %{time_total}' "http://127.0.0.1:$PORT$first")"
    echo "GET $first -> HTTP $code, $size bytes, ${t}s unloaded"
  done
  out=$(PATHS=$paths timeout $(( SECONDS_EACH + 30 )) wrk -t"$THREADS" -c"$CLIENTS" -d"${SECONDS_EACH}s" --timeout 10s \
        -s bench/load/paths.lua "http://127.0.0.1:$PORT/" | tail -1)
  echo "  $kind: $out"
  stop
done
