#!/usr/bin/env bash
# VNAS benchmark: a cage of 3 blades (r = 2) against nginx with WebDAV (Debian nginx-extras)
# serving a local directory on the same machine, in the same run, both driven by curl:
#   - sequential PUT and GET of one SIZE_MB file (default 1024: 1 GiB), MB/s;
#   - COUNT PUTs then COUNT GETs of 4 KiB files (default 2000), ops/s, 8 transfers in
#     parallel over kept-alive connections (one curl process per phase, so the servers are
#     measured, not process start-up);
#   - the peak heap used by the cage's JVM (all 3 blades), sampled every second with jstat,
#     and what is left live after a full collection at the end. The three blades share one
#     JVM capped at 3 x HEAP_MB (default 256: the target's 256 MiB a blade), so a blade using
#     more than its share would have failed the run. (Up to build e95cbbb the cap was 256 MiB
#     for all three: the old generation then sat nearly full of the three index copies, and
#     full collections halved the big GETs.)
# Before the timed part both servers get the same warm-up (WARM_MB, default 256: that many MiB
# PUT twice, each file then read WARM_READS times, default 4, and WARM_COUNT small files,
# default 10000, PUT and GET, all in a directory of their own; with one GET of each, a blade's
# GETs were still speeding up in the timed runs: eight GETs of one 1 GiB file in a row went at
# 912, 870, 897, 1036, 974, 972, 1019 and 1101 MB/s): a blade is a long-running server, and a JVM that just started runs its code
# interpreted until the JIT compiler has compiled it (a cold cage PUTs at less than half speed;
# after 1,000 small files the JIT still took a third to half of the CPU of the timed small-file
# runs, measured with perf, and 4 KiB GETs went from about 4,000 to 7,000 a second as it settled).
# Targets: GET >= 0.7x nginx, PUT >= 0.5x, small files >= 0.5x, heap < 256 MiB.
# Each figure is the median of RUNS runs (default 3; new bytes and paths each run), every run
# measuring both servers one after the other; each run's figures are printed too.
# Usage: bench/vnas.sh              (SIZE_MB=64 COUNT=200 RUNS=1 for a quick run)
set -euo pipefail
cd "$(dirname "$0")/.."
SIZE_MB=${SIZE_MB:-1024}
COUNT=${COUNT:-2000}
RUNS=${RUNS:-3}
WARM_MB=${WARM_MB:-256}
WARM_COUNT=${WARM_COUNT:-10000}
WARM_READS=${WARM_READS:-4}
HTTP=${HTTP:-29080}
PORT=${PORT:-46520}
NGINX_PORT=${NGINX_PORT:-29090}
HEAP_MB=${HEAP_MB:-256}

if ! command -v nginx >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ]; then apt-get install -y -q nginx-extras >/dev/null; else echo "needs nginx-extras"; exit 1; fi
fi
bin/dci --help >/dev/null   # build first

WORK=$(mktemp -d "${TMPDIR:-/tmp}/dci-vnas-bench.XXXXXX")
CAGE=""; NGINX=""; SAMPLER=""
cleanup() {
  [ -n "$SAMPLER" ] && kill "$SAMPLER" 2>/dev/null || true
  [ -n "$NGINX" ] && kill "$NGINX" 2>/dev/null || true
  [ -n "$CAGE" ] && { kill "$CAGE" 2>/dev/null; sleep 3; kill -9 "$CAGE" 2>/dev/null; } || true
  rm -rf "$WORK"
}
trap cleanup EXIT

# ---- nginx: a private instance, WebDAV on a local directory
. bench/nginx-dav.sh
start_nginx_dav "$WORK/nginx" "$NGINX_PORT"

# ---- the cage, heap capped at HEAP_MB a blade
# AIMS's virus scan of each written file is off: nginx scans nothing (the scanner is ClamAV's speed, not the VNAS's)
DCI_JAVA_OPTS="-XX:+UseParallelGC -Xms64m -Xmx$((3 * HEAP_MB))m -XX:MaxMetaspaceSize=192m -Xss512k -Ddci.aims.scan.vnas=off" \
  bin/dci cage --blades 3 --data "$WORK/cage" --http-port "$HTTP" --port "$PORT" >"$WORK/cage.log" 2>&1 &
CAGE=$!
for k in 0 1 2; do
  for _ in $(seq 1 120); do curl -sf "http://127.0.0.1:$((HTTP + k))/api/health" >/dev/null 2>&1 && break; sleep 1; done
done
sleep 3
PW=$(cat "$WORK/cage/admin.password")
JPID=$(pgrep -f "cage --blades 3 --data $WORK/cage" | head -1)
( while kill -0 "$JPID" 2>/dev/null; do
    jstat -gc "$JPID" 2>/dev/null | awk 'NR==2 {printf "%d\n", ($3+$4+$6+$8)/1024}' >>"$WORK/heap.samples"; sleep 1
  done ) &
SAMPLER=$!

DCI="http://127.0.0.1:$HTTP/vnas"
NGX="http://127.0.0.1:$NGINX_PORT"
AUTH=(-u "admin:$PW")

head -c 4096 /dev/urandom >"$WORK/small.bin"

# ---- warm-up, the same for both (other bytes, other paths)
if [ "$WARM_MB" -gt 0 ] || [ "$WARM_COUNT" -gt 0 ]; then
  head -c $((WARM_MB * 1048576)) /dev/urandom >"$WORK/warm.bin"
  for base in "$DCI" "$NGX"; do
    a=(); [ "$base" = "$DCI" ] && a=("${AUTH[@]}")
    curl -sf "${a[@]}" -X MKCOL "$base/warm/" >/dev/null || true
    if [ "$WARM_MB" -gt 0 ]; then
      for k in 1 2; do
        curl -sf "${a[@]}" -T "$WORK/warm.bin" "$base/warm/big$k.bin" >/dev/null
        for _ in $(seq 1 "$WARM_READS"); do curl -sf "${a[@]}" -o /dev/null "$base/warm/big$k.bin"; done
      done
    fi
    : >"$WORK/warm.put"; : >"$WORK/warm.get"
    for i in $(seq 1 "$WARM_COUNT"); do
      printf 'url = "%s/warm/s%d.bin"\nupload-file = "%s"\noutput = "/dev/null"\n' "$base" "$i" "$WORK/small.bin" >>"$WORK/warm.put"
      printf 'url = "%s/warm/s%d.bin"\noutput = "/dev/null"\n' "$base" "$i" >>"$WORK/warm.get"
    done
    if [ "$WARM_COUNT" -gt 0 ]; then
      curl -sf "${a[@]}" --parallel --parallel-max 8 -K "$WORK/warm.put" >/dev/null 2>&1
      curl -sf "${a[@]}" --parallel --parallel-max 8 -K "$WORK/warm.get" >/dev/null 2>&1
    fi
  done
  rm -f "$WORK/warm.bin"
fi
# mbps SECONDS -> MB/s of the big file
mbps() { awk -v s="$1" -v m="$SIZE_MB" 'BEGIN { printf "%.1f", m * 1.048576 / s }'; }
timed() { local t0; t0=$(date +%s%N); "$@" >/dev/null 2>&1; echo "$(( $(date +%s%N) - t0 ))" | awk '{ printf "%.3f", $1 / 1e9 }'; }

# median of the values given
median() { printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
ops() { awk -v n="$COUNT" -v s="$1" 'BEGIN { printf "%.0f", n / s }'; }
PUTS=(); NPUTS=(); GETS=(); NGETS=(); SPUTS=(); NSPUTS=(); SGETS=(); NSGETS=()
for r in $(seq 1 "$RUNS"); do
  head -c $((SIZE_MB * 1048576)) /dev/urandom >"$WORK/big.bin"   # new bytes each run: no dedup
  curl -sf "${AUTH[@]}" -X MKCOL "$DCI/bench$r/" >/dev/null
  curl -sf -X MKCOL "$NGX/bench$r/" >/dev/null || true
  PUTS+=("$(mbps "$(timed curl -sf "${AUTH[@]}" -T "$WORK/big.bin" "$DCI/bench$r/big.bin")")")
  NPUTS+=("$(mbps "$(timed curl -sf -T "$WORK/big.bin" "$NGX/bench$r/big.bin")")")
  GETS+=("$(mbps "$(timed curl -sf "${AUTH[@]}" -o /dev/null "$DCI/bench$r/big.bin")")")
  NGETS+=("$(mbps "$(timed curl -sf -o /dev/null "$NGX/bench$r/big.bin")")")
  # correctness spot check: what was measured really round-trips, through another blade
  curl -sf "${AUTH[@]}" "http://127.0.0.1:$((HTTP + 2))/vnas/bench$r/big.bin" | cmp -s - "$WORK/big.bin" \
    || { echo "big file read through blade-3 differs"; exit 1; }

  # small files: one curl config per phase, 8 parallel transfers
  for s in dci ngx; do
    base=$DCI; [ $s = ngx ] && base=$NGX
    : >"$WORK/$s.put"; : >"$WORK/$s.get"
    for i in $(seq 1 "$COUNT"); do
      printf 'url = "%s/bench%d/s%d.bin"\nupload-file = "%s"\noutput = "/dev/null"\n' "$base" "$r" "$i" "$WORK/small.bin" >>"$WORK/$s.put"
      printf 'url = "%s/bench%d/s%d.bin"\noutput = "/dev/null"\n' "$base" "$r" "$i" >>"$WORK/$s.get"
    done
  done
  SPUTS+=("$(ops "$(timed curl -sf "${AUTH[@]}" --parallel --parallel-max 8 -K "$WORK/dci.put")")")
  NSPUTS+=("$(ops "$(timed curl -sf --parallel --parallel-max 8 -K "$WORK/ngx.put")")")
  SGETS+=("$(ops "$(timed curl -sf "${AUTH[@]}" --parallel --parallel-max 8 -K "$WORK/dci.get")")")
  NSGETS+=("$(ops "$(timed curl -sf --parallel --parallel-max 8 -K "$WORK/ngx.get")")")
  curl -sf "${AUTH[@]}" "http://127.0.0.1:$((HTTP + 1))/vnas/bench$r/s$COUNT.bin" | cmp -s - "$WORK/small.bin" \
    || { echo "small file differs"; exit 1; }
  echo "(run $r: PUT ${PUTS[-1]} vs ${NPUTS[-1]} MB/s, GET ${GETS[-1]} vs ${NGETS[-1]} MB/s," \
    "4 KiB PUT ${SPUTS[-1]} vs ${NSPUTS[-1]} ops/s, GET ${SGETS[-1]} vs ${NSGETS[-1]} ops/s)"
done
kill -0 "$JPID" || { echo "the cage died (heap cap?): $(tail -n 5 "$WORK/cage.log")"; exit 1; }

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
dp=$(median "${PUTS[@]}"); np=$(median "${NPUTS[@]}"); dg=$(median "${GETS[@]}"); ng=$(median "${NGETS[@]}")
m="median of $RUNS runs"
verdict() { awk -v x="$1" -v t="$2" 'BEGIN { print (x >= t ? "met" : "MISSED") }'; }
echo "vnas ${SIZE_MB} MiB PUT: dci $dp MB/s, nginx $np MB/s, ratio $(ratio "$dp" "$np") (target >= 0.5: $(verdict "$(ratio "$dp" "$np")" 0.5); $m)"
echo "vnas ${SIZE_MB} MiB GET: dci $dg MB/s, nginx $ng MB/s, ratio $(ratio "$dg" "$ng") (target >= 0.7: $(verdict "$(ratio "$dg" "$ng")" 0.7); $m)"
a=$(median "${SPUTS[@]}"); b=$(median "${NSPUTS[@]}"); c=$(median "${SGETS[@]}"); d=$(median "${NSGETS[@]}")
echo "vnas $COUNT x 4 KiB PUT: dci $a ops/s, nginx $b ops/s, ratio $(ratio "$a" "$b") (target >= 0.5: $(verdict "$(ratio "$a" "$b")" 0.5); $m)"
echo "vnas $COUNT x 4 KiB GET: dci $c ops/s, nginx $d ops/s, ratio $(ratio "$c" "$d") (target >= 0.5: $(verdict "$(ratio "$c" "$d")" 0.5); $m)"
peak=$(sort -n "$WORK/heap.samples" | tail -1)
jcmd "$JPID" GC.run >/dev/null 2>&1 || true
live=$(jstat -gc "$JPID" 2>/dev/null | awk 'NR==2 {printf "%d", ($3+$4+$6+$8)/1024}')
echo "vnas heap: peak ${peak:-?} MiB used by the cage JVM of 3 blades (-Xmx$((3 * HEAP_MB))m), ${live:-?} MiB live after a" \
  "full GC; a blade: peak $(( ${peak:-0} / 3 )), live $(( ${live:-0} / 3 )) MiB (target < $HEAP_MB MiB a blade:" \
  "$([ -n "$peak" ] && [ $(( peak / 3 )) -lt "$HEAP_MB" ] && echo met || echo MISSED))"
