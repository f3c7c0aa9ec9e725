#!/usr/bin/env bash
# Message log benchmark: a blade whose log holds COUNT (1,000,000) envelopes answers
#   - GET /api/log?app=bench-x&limit=20 (what `dci log --app bench-x --limit 20` asks; timed with curl),
#   - the same through the CLI (`dci log ...`, a new JVM per call: its start is timed too, apart),
#   - POST /api/replay {"ids": [ID]} of one envelope in the middle of the log (an echo to the blade
#     itself; the call answers with the echo's reply),
# each target <= 100 ms (the CLI's figure is reported with the JVM start it includes). Also shown,
# not a target: a query for an app with only 20 lines spread over the whole log (bench-rare).
#
# How the log is filled (honestly): dci.bench.LogFill runs the blade's own MessageLog actor, on the
# blade's data directory and configuration, before the blade starts, and tells it COUNT appends:
# the production write path of the log (its batcher, the journal's events through
# pekko-persistence-jdbc into the blade's H2 file, and the read side's indexer), without the
# router, Artery and HTTP in front of it (bench/routing.sh measures those with the log on).
# Then `dci node` starts on that directory and the calls are timed: the first call after the
# start is shown; then, as for a blade that has been serving a while, WARM (50) calls of each kind
# warm the JIT up and the median of RUNS (5) calls is the figure.
# Usage: bench/log.sh            (COUNT=1000000 RUNS=5 WARM=50)
set -euo pipefail
cd "$(dirname "$0")/.."
COUNT=${COUNT:-1000000}
RUNS=${RUNS:-5}
WARM=${WARM:-50}
free() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
HTTP=${HTTP:-$(free)}
PORT=${PORT:-$(free)}
TARGET_MS=100

[ -n "${DCI_NO_BUILD:-}" ] || mvn -B -q -DskipTests package >/dev/null   # the jars below, built in the reactor (nothing installed into ~/.m2)
CP="bench/target/dci-bench.jar:app/target/dci-app.jar:app/target/lib/*"
WORK=$(mktemp -d "${TMPDIR:-/tmp}/dci-log.XXXXXX")
NODE=""
cleanup() { if [ -n "$NODE" ]; then kill "$NODE" 2>/dev/null && wait "$NODE" 2>/dev/null || true; fi; rm -rf "$WORK"; }
trap cleanup EXIT
export DCI_NO_BUILD=1 XDG_CONFIG_HOME="$WORK/config"

fill=$(java -Xmx512m -XX:+UseParallelGC -Dslf4j.internal.verbosity=ERROR -cp "$CP" dci.bench.LogFill "$WORK/data" "$COUNT" \
  | grep '^FILLED')
echo "$fill" >&2
replay_id=${fill##*replay=}
fill_s=$(echo "$fill" | sed -E 's/.*seconds=([0-9.]+).*/\1/')

bin/dci node --name blade-1 --port "$PORT" --http-port "$HTTP" --data "$WORK/data" >"$WORK/node.out" 2>&1 &
NODE=$!
for _ in $(seq 1 1200); do grep -q 'ready: blade-1 Up' "$WORK/node.out" && break; sleep 0.1; done
grep -q 'ready: blade-1 Up' "$WORK/node.out" || { echo "blade did not start: $(tail -5 "$WORK/node.out")" >&2; exit 1; }
API="http://127.0.0.1:$HTTP"
TOKEN=$(bin/dci --url "$API" login --user admin --password-file "$WORK/data/admin.password" --print-token | tail -1)
export DCI_URL="$API" DCI_TOKEN="$TOKEN"
journal_mb=$(du -sm "$WORK/data/journal" | cut -f1)

ms() { awk '{ printf "%.0f\n", $1 * 1000 }'; }
median() { sort -n | awk '{a[NR]=$0} END {print a[int((NR+1)/2)]}'; }
get() { curl -sS -o "$WORK/get.out" -w '%{time_total}' -H "Authorization: Bearer $TOKEN" "$API$1" | ms; }
replay() {
  curl -sS -o "$WORK/replay.out" -w '%{time_total}' -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \
    -X POST -d "{\"ids\":[\"$replay_id\"]}" "$API/api/replay" | ms
}
cli() { local t0; t0=$(date +%s%N); bin/dci "$@" >"$WORK/cli.out"; echo $(( ($(date +%s%N) - t0) / 1000000 )); }
timed() { # N CMD... -> median ms of N runs, after WARM warm-up runs
  local n=$1; shift
  for _ in $(seq 1 "$WARM"); do "$@" >/dev/null; done
  for _ in $(seq 1 "$n"); do "$@"; done | median
}

first_api=$(get "/api/log?app=bench-x&limit=20")
[ "$(grep -o '"seq"' "$WORK/get.out" | wc -l)" -eq 20 ] || { echo "expected 20 lines: $(head -c 300 "$WORK/get.out")" >&2; exit 1; }
api=$(timed "$RUNS" get "/api/log?app=bench-x&limit=20")
rare=$(timed "$RUNS" get "/api/log?app=bench-rare&limit=20")
[ "$(grep -o '"seq"' "$WORK/get.out" | wc -l)" -eq 20 ] || { echo "expected 20 rare lines" >&2; exit 1; }
first_replay=$(replay)
grep -q '"replayOf"' "$WORK/replay.out" || { echo "replay failed: $(cat "$WORK/replay.out")" >&2; exit 1; }
rep=$(timed "$RUNS" replay)
cli_log=$(WARM=1 timed "$RUNS" cli log --app bench-x --limit 20)
[ "$(tail -n +2 "$WORK/cli.out" | wc -l)" -eq 20 ] || { echo "the CLI printed: $(head -3 "$WORK/cli.out")" >&2; exit 1; }
cli_start=$(WARM=1 timed "$RUNS" cli --version)

awk -v n="$COUNT" -v fill="$fill_s" -v mb="$journal_mb" -v api="$api" -v fa="$first_api" -v rare="$rare" \
    -v rep="$rep" -v fr="$first_replay" -v cl="$cli_log" -v cs="$cli_start" -v t="$TARGET_MS" 'BEGIN {
  printf "log: %d envelopes (filled in %.0f s, DATA/journal %d MB) | GET /api/log?app=X&limit=20 %d ms (first %d; target <= %d: %s) | replay by id %d ms (first %d; target <= %d: %s) | dci log --app X --limit 20 %d ms, of which JVM start (dci --version) %d ms | rare app (20 lines in the whole log) %d ms\n",
    n, fill, mb, api, fa, t, (api <= t ? "met" : "MISSED"), rep, fr, t, (rep <= t ? "met" : "MISSED"), cl, cs, rare }'
