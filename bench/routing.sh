#!/usr/bin/env bash
# Routing benchmark: two blades in two JVM processes. Round trips per second from a peerlet on
# blade-1 to the echo peerlet on blade-2 (envelopes through routers, message log, Artery and the
# peerlet manager, both ways), with the log on and off, against plain Pekko Artery `tell` of a
# same-size message between the same two processes (a raw echo actor), in the same run.
# Targets (issue 28): >= 0.6x raw with the log on, >= 0.9x with it off.
# Usage: bench/routing.sh   (COUNT=50000 SIZE=256 WINDOW=500 by default)
set -euo pipefail
cd "$(dirname "$0")/.."
COUNT=${COUNT:-50000}
SIZE=${SIZE:-256}
WINDOW=${WINDOW:-500}
P=${PORT:-46520}
H=${HTTP:-29080}

[ -n "${DCI_NO_BUILD:-}" ] || mvn -B -q -DskipTests package >/dev/null   # the jars below, built in the reactor (nothing installed into ~/.m2)
CP="bench/target/dci-bench.jar:app/target/dci-app.jar:app/target/lib/*"
JAVA_OPTS="-XX:+UseSerialGC -Xms256m -Xmx512m --add-opens java.base/java.nio=ALL-UNNAMED --add-opens java.base/sun.nio.ch=ALL-UNNAMED -Dslf4j.internal.verbosity=ERROR"
WORK=$(mktemp -d "${TMPDIR:-/tmp}/dci-routing.XXXXXX")
SERVE=""
cleanup() { [ -n "$SERVE" ] && kill -9 "$SERVE" 2>/dev/null; rm -rf "$WORK"; }
trap cleanup EXIT

run() { # LOG -> prints "RAW ENV"
  local log=$1
  rm -rf "$WORK/b1" "$WORK/b2"
  # shellcheck disable=SC2086
  java $JAVA_OPTS -cp "$CP" dci.bench.RoutingBench serve $((P + 1)) $((H + 1)) "$WORK/b2" "$log" >"$WORK/serve.out" 2>&1 &
  SERVE=$!
  for _ in $(seq 1 600); do grep -q ready "$WORK/serve.out" && break; sleep 0.1; done
  grep -q ready "$WORK/serve.out" || { echo "serving blade did not start: $(tail -5 "$WORK/serve.out")" >&2; exit 1; }
  # shellcheck disable=SC2086
  java $JAVA_OPTS -cp "$CP" dci.bench.RoutingBench drive $P $H "$WORK/b1" "$log" $((P + 1)) "$COUNT" "$SIZE" "$WINDOW" \
    >"$WORK/drive.out" 2>&1 || { echo "driver failed: $(tail -5 "$WORK/drive.out")" >&2; exit 1; }
  kill -9 "$SERVE" 2>/dev/null; wait "$SERVE" 2>/dev/null || true; SERVE=""
  local line; line=$(grep '^RESULT' "$WORK/drive.out")
  echo "$line" >&2
  echo "$line" | sed -E 's/.*raw=([0-9]+) envelopes=([0-9]+).*/\1 \2/'
}

read -r raw_on env_on < <(run true)
read -r raw_off env_off < <(run false)
awk -v ron="$raw_on" -v eon="$env_on" -v roff="$raw_off" -v eoff="$env_off" -v size="$SIZE" -v w="$WINDOW" 'BEGIN {
  raw = (ron + roff) / 2; a = eon / ron; b = eoff / roff;
  printf "routing: envelope round trips/s log on %.0f, log off %.0f | raw Artery tell %.0f (%d B, window %d, 2 JVMs) | ratio log on %.2fx (target >= 0.6: %s), log off %.2fx (target >= 0.9: %s)\n",
    eon, eoff, raw, size, w, a, (a >= 0.6 ? "met" : "MISSED"), b, (b >= 0.9 ? "met" : "MISSED") }'
