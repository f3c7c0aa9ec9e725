#!/usr/bin/env bash
# CLI latency benchmark (issue 26): hyperfine over `dci status`, `dci vnas ls /` and
# `dci log --limit 5` against a running cage of 3 blades, each beside `curl` doing the same
# request in the same run. Target: median <= 0.3 s a command.
# Prints one line a command: "cli CMD: dci MEDIAN s vs curl MEDIAN s = RATIO x (target <= 0.3 s: met|missed)".
# Usage: bench/cli.sh            (RUNS=20 by default; WARMUP=3)
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${RUNS:-20}
WARMUP=${WARMUP:-3}
HTTP=${HTTP:-29080}
PORT=${PORT:-46520}
TARGET=0.3

if ! command -v hyperfine >/dev/null; then
  if [ "$(id -u)" = 0 ]; then apt-get install -y -q hyperfine >/dev/null || { apt-get update -q >/dev/null; apt-get install -y -q hyperfine >/dev/null; }
  else echo "needs hyperfine (apt-get install hyperfine)"; exit 1; fi
fi
command -v jq >/dev/null || { [ "$(id -u)" = 0 ] && apt-get install -y -q jq >/dev/null; }
bin/dci --help >/dev/null   # build first: build time is not what is measured

WORK=$(mktemp -d "${TMPDIR:-/tmp}/dci-cli.XXXXXX")
export XDG_CONFIG_HOME=$WORK/config
CAGE=""
cleanup() { [ -n "$CAGE" ] && kill "$CAGE" 2>/dev/null; sleep 1; [ -n "$CAGE" ] && kill -9 "$CAGE" 2>/dev/null; rm -rf "$WORK"; }
trap cleanup EXIT

bin/dci cage --blades 3 --data "$WORK/cage" --http-port "$HTTP" --port "$PORT" >"$WORK/cage.log" 2>&1 &
CAGE=$!
for _ in $(seq 1 120); do grep -q '^ready:' "$WORK/cage.log" && break; sleep 0.5; done
grep -q '^ready:' "$WORK/cage.log" || { echo "the cage did not start"; tail "$WORK/cage.log"; exit 1; }
URL=http://127.0.0.1:$HTTP
export DCI_URL=$URL
bin/dci login --user admin --password-file "$WORK/cage/admin.password" >/dev/null
TOKEN=$(curl -sf -H 'Content-Type: application/json' -d "{\"user\":\"admin\",\"password\":\"$(cat "$WORK/cage/admin.password")\"}" \
  "$URL/api/login" | jq -r .token)
bin/dci status >/dev/null   # the first client call after a build records the CLI's class-data archive
for _ in $(seq 1 60); do bin/dci vnas ls / >/dev/null 2>&1 && break; sleep 0.5; done   # the VNAS index settles

measure() { # NAME DCI-ARGS CURL-PATH
  local name=$1 args=$2 path=$3 json="$WORK/${1//[^a-z0-9]/_}.json"
  hyperfine -N -w "$WARMUP" -r "$RUNS" --export-json "$json" \
    "bin/dci $args" "curl -sf -o /dev/null -H 'Authorization: Bearer $TOKEN' $URL$path" >"$WORK/hf.log" 2>&1 || {
    tail -5 "$WORK/hf.log"
    echo "cli $name: hyperfine failed"; hyperfine -N -r 1 "bin/dci $args" || true; return 1; }
  local d c
  d=$(jq '.results[0].median' "$json"); c=$(jq '.results[1].median' "$json")
  awk -v n="$name" -v d="$d" -v c="$c" -v t="$TARGET" 'BEGIN {
    printf "cli %s: dci %.3f s vs curl %.3f s = %.1fx (target <= %.1f s: %s)\n", n, d, c, d / c, t, d <= t ? "met" : "missed" }'
}

measure status "status" "/api/blades"
measure "vnas ls /" "vnas ls /" "/api/vnas/ls?path=/"
measure "log --limit 5" "log --limit 5" "/api/log?format=json&limit=5"
