#!/usr/bin/env bash
# VNAS metadata at scale (issue 25): FILES files of 1 KiB in DIRS directories, then one directory
# of BIG files, written through all three blades of a cluster in turn (three `dci node` processes
# on 127.0.0.1, each with its own heap of HEAP_MB, default 256: a blade whose share of the index
# does not fit fails the run), 8 PUTs in parallel over kept-alive connections, CHUNK files per
# curl process. Measured, in the same run against nginx with WebDAV on a local directory (the
# same files, the same client):
#   - the PUT rate at the start and at the end (the median of the first and of the last three
#     chunks; each chunk's rate goes to stderr), and its ratio: a location index whose cost grows
#     with what it holds shows here;
#   - a listing of the BIG-file directory (PROPFIND, Depth 1, through a blade that wrote only a
#     third of it): its status, seconds to its first byte and to its end, and the entries it
#     holds; a listing that is not a 207 holding every file counts as missed;
#   - each blade's live heap after a full collection (jcmd GC.run, then jstat).
# A warm-up of WARM files (another directory) comes first, so the start is not a cold JVM's.
# Targets (issue 25): end rate >= 0.8x the start rate, the listing's first entry <= 1 s, each
# blade's live heap < 256 MiB.
# At its defaults (1 000 000 + 100 000 files, the issue's) this takes hours at today's small-file
# rate; QUICK=1 runs 20 000 files in 20 directories and a directory of 5 000.
# Usage: bench/vnas-scale.sh      (FILES DIRS BIG CHUNK WARM HEAP_MB HTTP PORT NGINX_PORT JFR_DIR INDEX)
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -n "${QUICK:-}" ]; then FILES=${FILES:-20000}; DIRS=${DIRS:-20}; BIG=${BIG:-5000}; CHUNK=${CHUNK:-2000}; fi
FILES=${FILES:-1000000}
DIRS=${DIRS:-1000}
BIG=${BIG:-100000}
CHUNK=${CHUNK:-5000}
WARM=${WARM:-3000}
HEAP_MB=${HEAP_MB:-256}
HTTP=${HTTP:-29180}
PORT=${PORT:-29620}
NGINX_PORT=${NGINX_PORT:-29190}

if ! command -v nginx >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ]; then apt-get install -y -q nginx-extras >/dev/null; else echo "needs nginx-extras"; exit 1; fi
fi
bin/dci --help >/dev/null   # build first (skipped with DCI_NO_BUILD=1)

WORK=$(mktemp -d "${TMPDIR:-/tmp}/dci-vnas-scale.XXXXXX")
export XDG_CONFIG_HOME=$WORK/xdg
PIDS=(); NGINX=""
cleanup() {
  [ -n "$NGINX" ] && kill "$NGINX" 2>/dev/null || true
  for p in "${PIDS[@]:-}"; do [ -n "$p" ] && kill "$p" 2>/dev/null || true; done
  sleep 2
  [ -n "${JFR_DIR:-}" ] && sleep 20   # the blades write their recordings as they exit
  for p in "${PIDS[@]:-}"; do [ -n "$p" ] && kill -9 "$p" 2>/dev/null || true; done
  rm -rf "$WORK"
}
trap cleanup EXIT

NGINX_DAV_EXT=1 . bench/nginx-dav.sh
NGINX_DAV_EXT=1 start_nginx_dav "$WORK/nginx" "$NGINX_PORT"

# ---- three blades, one process each, one after the other
OPTS="-XX:+UseParallelGC -Xms64m -Xmx${HEAP_MB}m -XX:MaxMetaspaceSize=192m -Xss512k -Ddci.aims.scan.vnas=off"
# INDEX=sharded|replicated: where the blades keep the volume's entries (dci.vnas.index; default the blades' own)
[ -n "${INDEX:-}" ] && OPTS="$OPTS -Ddci.vnas.index=$INDEX"
for k in 1 2 3; do
  # JFR_DIR=dir: each blade records a flight recording (profile settings) to dir/blade-k.jfr
  export DCI_JAVA_OPTS="$OPTS${JFR_DIR:+ -XX:StartFlightRecording=filename=$JFR_DIR/blade-$k.jfr,settings=profile,dumponexit=true}"
  args=(--name "blade-$k" --port $((PORT + k - 1)) --http-port $((HTTP + k - 1)) --data "$WORK/n$k")
  [ "$k" != 1 ] && args+=(--seed "127.0.0.1:$PORT")
  bin/dci node "${args[@]}" >"$WORK/n$k.log" 2>&1 &
  PIDS+=("$!")
  ok=""
  for _ in $(seq 1 240); do
    curl -sf --max-time 2 "http://127.0.0.1:$((HTTP + k - 1))/api/health" >/dev/null 2>&1 && { ok=1; break; }
    sleep 0.5
  done
  [ -n "$ok" ] || { echo "vnas-scale: blade-$k did not come up: $(tail -n 3 "$WORK/n$k.log" | tr '\n' ' ')" >&2; exit 1; }
done
PW=$(cat "$WORK/n1/admin.password")
AUTH=(-u "admin:$PW")
jpid() { pgrep -f "name blade-$1 .*--data $WORK/n$1" | tail -n 1; }

head -c 1024 /dev/urandom >"$WORK/one.bin"
# config FILE BASE... : curl config for PUTs of the paths on stdin, rotating over the bases given
config() {
  local out=$1; shift
  awk -v f="$WORK/one.bin" -v bases="$*" 'BEGIN { n = split(bases, b, " ") }
    { printf "url = \"%s/%s\"\nupload-file = \"%s\"\noutput = \"/dev/null\"\n", b[(NR - 1) % n + 1], $0, f }' >"$out"
}
# put_all NAME AUTH... -- BASE...: writes the paths of $WORK/paths in chunks, a rate a line in $WORK/NAME.rates
put_all() {
  local name=$1; shift
  local a=() bases=()
  while [ "$1" != -- ]; do a+=("$1"); shift; done; shift
  bases=("$@")
  : >"$WORK/$name.rates"
  split -l "$CHUNK" -d -a 4 "$WORK/paths" "$WORK/chunk."
  local c n t0 t1 rate done=0
  for c in "$WORK"/chunk.*; do
    n=$(wc -l <"$c")
    config "$WORK/put.cfg" "${bases[@]}" <"$c"
    t0=$(date +%s%N)
    curl -sf "${a[@]}" --parallel --parallel-max 8 -K "$WORK/put.cfg" >/dev/null 2>"$WORK/put.err" \
      || { echo "vnas-scale: $name: a PUT failed in $(basename "$c"): $(head -c 300 "$WORK/put.err")" >&2; exit 1; }
    t1=$(date +%s%N)
    rate=$(awk -v n="$n" -v ns=$((t1 - t0)) 'BEGIN { printf "%.0f", n / (ns / 1e9) }')
    done=$((done + n))
    echo "$rate" >>"$WORK/$name.rates"
    echo "vnas-scale: $name: $done files, this chunk $rate PUT/s" >&2
  done
  rm -f "$WORK"/chunk.*
}
median3() { sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
first3() { head -n 3 "$1" | median3; }
last3() { tail -n 3 "$1" | median3; }
# paths: the warm-up, then FILES in DIRS directories (round robin), then BIG in one directory
mkcols() { # AUTH... -- BASE
  local a=(); while [ "$1" != -- ]; do a+=("$1"); shift; done; shift
  local base=$1 d
  : >"$WORK/mkcol.cfg"
  for d in warm big $(seq -f 'd%04g' 0 $((DIRS - 1))); do
    printf 'url = "%s/%s/"\nrequest = "MKCOL"\noutput = "/dev/null"\n' "$base" "$d" >>"$WORK/mkcol.cfg"
  done
  curl -s "${a[@]}" --parallel --parallel-max 8 -K "$WORK/mkcol.cfg" >/dev/null
}
gen_paths() { # WHAT: warm | files | big
  case $1 in
    warm) seq -f 'warm/w%.0f.bin' 1 "$WARM" ;;
    files) awk -v n="$FILES" -v d="$DIRS" 'BEGIN { for (i = 0; i < n; i++) printf "d%04d/f%d.bin\n", i % d, i }' ;;
    big) seq -f 'big/b%.0f.bin' 1 "$BIG" ;;
  esac
}

DCI_BASES=("http://127.0.0.1:$HTTP/vnas" "http://127.0.0.1:$((HTTP + 1))/vnas" "http://127.0.0.1:$((HTTP + 2))/vnas")
NGX_BASE="http://127.0.0.1:$NGINX_PORT"
mkcols "${AUTH[@]}" -- "${DCI_BASES[0]}"
mkcols -- "$NGX_BASE"

for who in dci nginx; do
  if [ "$who" = dci ]; then a=("${AUTH[@]}"); bases=("${DCI_BASES[@]}"); else a=(); bases=("$NGX_BASE"); fi
  gen_paths warm >"$WORK/paths"; put_all "$who-warm" "${a[@]}" -- "${bases[@]}"
  { gen_paths files; gen_paths big; } >"$WORK/paths"; put_all "$who" "${a[@]}" -- "${bases[@]}"
done

# ---- the listing of the big directory: through blade-2 (it wrote a third of it) and nginx
propfind() { # AUTH... -- URL -> "status first-byte total entries"
  local a=(); while [ "$1" != -- ]; do a+=("$1"); shift; done; shift
  curl -s "${a[@]}" -X PROPFIND -H 'Depth: 1' -o "$WORK/list.xml" -w '%{http_code} %{time_starttransfer} %{time_total}' "$1"
  echo " $(grep -o -i '<[a-z]*:*response>' "$WORK/list.xml" | wc -l)"
}
read -r dcode dfirst dtotal dentries < <(propfind "${AUTH[@]}" -- "${DCI_BASES[1]}/big/")
read -r ncode nfirst ntotal nentries < <(propfind -- "$NGX_BASE/big/")
# a listing counts only if it is a multistatus holding the directory and all its files
[ "$dcode" = 207 ] && [ "$dentries" -gt "$BIG" ] || { echo "vnas-scale: the blade's listing answered $dcode with $dentries entries: $(head -c 200 "$WORK/list.xml")" >&2; dfirst=999; }

# ---- each blade's live heap after a full collection
heaps=()
for k in 1 2 3; do
  p=$(jpid "$k")
  jcmd "$p" GC.run >/dev/null 2>&1 || true
  heaps+=("$(jstat -gc "$p" | awk 'NR == 2 { printf "%.0f", ($3 + $4 + $6 + $8) / 1024 }')")
done
maxheap=$(printf '%s\n' "${heaps[@]}" | sort -g | tail -n 1)

ds=$(first3 "$WORK/dci.rates"); de=$(last3 "$WORK/dci.rates")
ns=$(first3 "$WORK/nginx.rates"); ne=$(last3 "$WORK/nginx.rates")
awk -v files="$FILES" -v dirs="$DIRS" -v big="$BIG" -v ds="$ds" -v de="$de" -v ns="$ns" -v ne="$ne" \
    -v df="$dfirst" -v dt="$dtotal" -v dn="$dentries" -v dc="$dcode" -v nf="$nfirst" -v nt="$ntotal" -v nn="$nentries" \
    -v h="${heaps[*]}" -v hmax="$maxheap" -v lim="$HEAP_MB" 'BEGIN {
  ratio = de / ds
  ok = (ratio >= 0.8 && df <= 1 && hmax < 256)
  printf "vnas-scale: %d files of 1 KiB in %d dirs + %d in one, through 3 blades: PUT/s start %d end %d (end/start %.2fx, target >= 0.8: %s) | nginx start %d end %d (%.2fx); dci end/nginx end %.2fx | listing of %d: dci HTTP %s, first byte %.2f s, all %.2f s (%d entries; target first <= 1 s: %s), nginx %.3f s, %.3f s (%d) | live heap after full GC a blade: %s MiB (-Xmx%dm; target < 256 MiB: %s) | %s\n",
    files, dirs, big, ds, de, ratio, (ratio >= 0.8 ? "met" : "MISSED"), ns, ne, ne / ns, de / ne,
    big, dc, df, dt, dn, (df <= 1 ? "met" : "MISSED"), nf, nt, nn, h, lim, (hmax < 256 ? "met" : "MISSED"),
    (ok ? "met" : "MISSED") }'
