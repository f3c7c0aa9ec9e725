#!/usr/bin/env bash
# Startup benchmark: time from `dci cage --blades 3` to every blade seeing all three Up, and
# the peak RSS of that process (GNU time -v). Peer, in the same run: one `dci node` process
# (a single blade) measured the same way. Targets (issue 26): the cage <= 5 s and <= 600 MiB,
# one node <= 3 s.
# Usage: bench/startup.sh            (RUNS=3 by default; the median run is reported)
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${RUNS:-3}
HTTP=${HTTP:-28080}
PORT=${PORT:-45520}
TARGET_MS=5000
TARGET_NODE_MS=3000
TARGET_KIB=$((600 * 1024))

if [ ! -x /usr/bin/time ]; then
  if [ "$(id -u)" = 0 ]; then apt-get install -y -q time >/dev/null; else echo "needs /usr/bin/time (apt-get install time)"; exit 1; fi
fi
bin/dci --help >/dev/null   # build first: build time is not startup time

WORK=$(mktemp -d "${TMPDIR:-/tmp}/dci-bench.XXXXXX")
PIDS=()
cleanup() { for p in "${PIDS[@]:-}"; do [ -n "$p" ] && kill -9 "$p" 2>/dev/null || true; done; rm -rf "$WORK"; }
trap cleanup EXIT

# run_once NAME READY_REGEX CMD... -> prints "MS KIB"
run_once() {
  local name=$1 ready=$2; shift 2
  local out="$WORK/$name.out" tv="$WORK/$name.time"
  rm -rf "$WORK/data"
  local t0; t0=$(date +%s%N)
  /usr/bin/time -v -o "$tv" "$@" >"$out" 2>&1 &
  local tpid=$!
  PIDS+=("$tpid")
  local ms=""
  for _ in $(seq 1 1200); do
    if grep -qE "$ready" "$out" 2>/dev/null; then ms=$(( ($(date +%s%N) - t0) / 1000000 )); break; fi
    kill -0 "$tpid" 2>/dev/null || break
    sleep 0.05
  done
  [ -n "$ms" ] || { echo "$name never became ready: $(tail -n 5 "$out" | tr '\n' ' ')" >&2; exit 1; }
  sleep 1   # let the blades settle before stopping them, so the peak includes steady state
  local jpid; jpid=$(pgrep -P "$tpid" java || true)
  kill -TERM "${jpid:-$tpid}" 2>/dev/null || true
  wait "$tpid" 2>/dev/null || true
  local kib; kib=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$tv")
  echo "$ms $kib"
}

median() { sort -n | awk '{a[NR]=$0} END {print a[int((NR+1)/2)]}'; }

cage_ms=(); cage_kib=(); node_ms=(); node_kib=()
for i in $(seq 1 "$RUNS"); do
  read -r ms kib < <(run_once cage 'ready: 3 blades Up' bin/dci cage --blades 3 --data "$WORK/data" \
    --http-port "$HTTP" --port "$PORT")
  cage_ms+=("$ms"); cage_kib+=("$kib")
  read -r ms kib < <(run_once node 'ready: blade-1 Up' bin/dci node --name blade-1 --data "$WORK/data" \
    --http-port "$HTTP" --port "$PORT")
  node_ms+=("$ms"); node_kib+=("$kib")
  echo "run $i: cage ${cage_ms[-1]} ms ${cage_kib[-1]} KiB; single node ${node_ms[-1]} ms ${node_kib[-1]} KiB" >&2
done

cm=$(printf '%s\n' "${cage_ms[@]}" | median); ck=$(printf '%s\n' "${cage_kib[@]}" | median)
nm=$(printf '%s\n' "${node_ms[@]}" | median); nk=$(printf '%s\n' "${node_kib[@]}" | median)
ok=yes
[ "$cm" -le $TARGET_MS ] || ok=no
[ "$ck" -le $TARGET_KIB ] || ok=no
[ "$nm" -le $TARGET_NODE_MS ] || ok=no
awk -v cm="$cm" -v ck="$ck" -v nm="$nm" -v nk="$nk" -v ok="$ok" 'BEGIN {
  printf "startup: cage of 3 blades Up in %.1f s, peak RSS %d MiB | single dci node Up in %.1f s, %d MiB | ratio time %.2fx, RSS %.2fx (targets cage <= 5 s, <= 600 MiB, node <= 3 s: %s)\n",
    cm/1000, ck/1024, nm/1000, nk/1024, cm/nm, ck/nk, (ok=="yes" ? "met" : "MISSED") }'
[ "$ok" = yes ]
