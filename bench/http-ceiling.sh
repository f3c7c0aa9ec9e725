#!/usr/bin/env bash
# The ceiling of bench/vnas.sh's small-file figures: how many 4 KiB PUTs and GETs a second a
# bare Pekko HTTP server (dci.bench.HttpCeiling: no index, no stripes, no disk, no
# authentication; GET answered from memory, PUT read whole and dropped) manages against nginx
# with WebDAV, both driven exactly as bench/vnas.sh drives them (one curl process a phase,
# COUNT transfers, 8 in parallel over kept-alive connections), in the same run, each server
# warmed up first with WARM_COUNT PUTs and GETs (default 40 000: with 10 000 the bare server
# was still speeding up run by run). The bare server runs with the cage's JVM flags and heap
# (one JVM for it alone, where the cage has three blades in one). Every VNAS request does what
# the bare server does plus the index, the stripe and (for a PUT) its fsync on two blades, so
# its ratio to nginx cannot pass the bare server's.
# Prints one line a figure: bare Pekko HTTP and nginx, with the ratio; the median of RUNS
# (default 5); each run's figures go to stderr.
# Usage: bench/http-ceiling.sh
set -euo pipefail
cd "$(dirname "$0")/.."
COUNT=${COUNT:-2000}
RUNS=${RUNS:-5}
WARM_COUNT=${WARM_COUNT:-40000}
BARE_PORT=${BARE_PORT:-29095}
NGINX_PORT=${NGINX_PORT:-29096}

if ! command -v nginx >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ]; then apt-get install -y -q nginx-extras >/dev/null; else echo "needs nginx-extras"; exit 1; fi
fi
bin/dci --help >/dev/null   # build first
CP="bench/target/dci-bench.jar:app/target/dci-app.jar:app/target/lib/*"

WORK=$(mktemp -d "${TMPDIR:-/tmp}/dci-ceiling-bench.XXXXXX")
BARE=""; NGINX=""
cleanup() {
  [ -n "$BARE" ] && kill "$BARE" 2>/dev/null || true
  [ -n "$NGINX" ] && kill "$NGINX" 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT

. bench/nginx-dav.sh
start_nginx_dav "$WORK/nginx" "$NGINX_PORT"
java -XX:+UseParallelGC -Xms64m -Xmx768m -Xss512k -cp "$CP" dci.bench.HttpCeiling "$BARE_PORT" >"$WORK/bare.log" 2>&1 &
BARE=$!
up() { for _ in $(seq 1 60); do curl -s -o /dev/null "$1" && return 0; sleep 0.5; done; echo "$2 did not start: $3" >&2; exit 1; }
up "http://127.0.0.1:$BARE_PORT/x" "the bare Pekko HTTP server" "$(cat "$WORK/bare.log")"
up "http://127.0.0.1:$NGINX_PORT/" nginx "$(cat "$WORK/nginx/error.log" 2>/dev/null)"

head -c 4096 /dev/urandom >"$WORK/small.bin"
configs() { # BASE DIR N NAME: PUT and GET configs of N files
  : >"$WORK/$4.put"; : >"$WORK/$4.get"
  for i in $(seq 1 "$3"); do
    printf 'url = "%s/%s/s%d.bin"\nupload-file = "%s"\noutput = "/dev/null"\n' "$1" "$2" "$i" "$WORK/small.bin" >>"$WORK/$4.put"
    printf 'url = "%s/%s/s%d.bin"\noutput = "/dev/null"\n' "$1" "$2" "$i" >>"$WORK/$4.get"
  done
}
timed() { local s e; s=$(date +%s.%N); "$@" >/dev/null 2>&1 || { echo "failed: $*" >&2; exit 1; }; e=$(date +%s.%N); echo "$e - $s" | bc; }
ops() { echo "$COUNT / $1" | bc -l; }
median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
par() { curl -sf --parallel --parallel-max 8 -K "$@"; }

BASE_BARE="http://127.0.0.1:$BARE_PORT"
BASE_NGX="http://127.0.0.1:$NGINX_PORT"
if [ "$WARM_COUNT" -gt 0 ]; then
  for s in bare ngx; do
    base=BASE_${s^^}
    curl -sf -X MKCOL "${!base}/warm/" >/dev/null 2>&1 || true
    configs "${!base}" warm "$WARM_COUNT" "warm-$s"
    par "$WORK/warm-$s.put" >/dev/null 2>&1
    par "$WORK/warm-$s.get" >/dev/null 2>&1
  done
fi

BP=(); NP=(); BG=(); NG=()
for r in $(seq 1 "$RUNS"); do
  curl -sf -X MKCOL "$BASE_NGX/run$r/" >/dev/null 2>&1 || true
  configs "$BASE_BARE" "run$r" "$COUNT" bare
  configs "$BASE_NGX" "run$r" "$COUNT" ngx
  BP+=("$(ops "$(timed par "$WORK/bare.put")")")
  NP+=("$(ops "$(timed par "$WORK/ngx.put")")")
  BG+=("$(ops "$(timed par "$WORK/bare.get")")")
  NG+=("$(ops "$(timed par "$WORK/ngx.get")")")
  printf 'run %d: 4 KiB PUT bare %.0f nginx %.0f, GET bare %.0f nginx %.0f ops/s\n' "$r" "${BP[-1]}" "${NP[-1]}" "${BG[-1]}" "${NG[-1]}" >&2
done
line() { printf '%-30s bare pekko-http %8.0f %s   nginx %8.0f %s   ratio %.2fx\n' "$1" "$2" "$4" "$3" "$4" "$(echo "$2 / $3" | bc -l)"; }
line "4 KiB PUT (ops/s, median)" "$(median "${BP[@]}")" "$(median "${NP[@]}")" ops/s
line "4 KiB GET (ops/s, median)" "$(median "${BG[@]}")" "$(median "${NG[@]}")" ops/s
