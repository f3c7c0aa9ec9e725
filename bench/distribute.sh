#!/usr/bin/env bash
# Software distribution benchmark (issue 7): one SIZE_MIB package (default 200 MiB of random
# payload, so the ZIP cannot shrink it) published through blade-1 and installed on all BLADES
# blades (default 5), against copying the same .dcipkg from the publisher to each other blade
# one after the other, in the same run.
#   - DCI: `dci package publish` through blade-1 (the file goes onto the VNAS, striped, r = 2),
#     then `dci install NAME --on all`, each timed as the CLI command an operator runs
#     (date +%s.%N, CLI start-up included). Every blade streams the stripes from their holders,
#     checks each against its hash and the whole file against the published SHA-256, verifies
#     the signature, then runs the steps: a copy of the payload and a `sha256sum -c` of it.
#     The DCI time is publish + install (both are needed to get the file onto every blade).
#   - Bytes: every blade's `GET /api/vnas/df` counters are read before the publish and after the
#     install: `sent` (stripes it PUT to other blades: the publish's uploads, replication) and
#     `served` (stripes other blades GET from it). The publisher's figure is its sent + served;
#     "others" adds up the other blades' sent + served. With r = 2 on n blades the publisher
#     sends one copy (each holder passes a stripe on to the next) and serves about (n - 2) / n
#     (it holds 2/n of the stripes, each read by the n - 2 blades without it, half from it).
#   - Peer: the publisher's copy of the .dcipkg, served by `python3 -m http.server` bound to
#     127.0.0.1 (the publisher's uplink, like a plain HTTP/scp distribution; `cp` would move no
#     bytes through any server and hide the cost being compared), fetched by `curl` into each of
#     the other blades' data directories, one blade after the other; its publisher bytes are what
#     curl received (BLADES - 1 copies). Copy only: no verification, no install.
# Target: the publisher sends + serves <= 2x the package size, whatever the number of blades.
# Blades are `dci node` processes on 127.0.0.1 (HTTP 19280+, Artery 36720+), started one after
# the other (several JVMs starting at once on 2 cores miss heartbeats), data in a temp dir that
# is removed at the end. Prints one line with the figures; exits 0 when the target is met, 3
# when not, 1 on an error.
# Usage: bench/distribute.sh     (SIZE_MIB=20 for a quick run; BLADES=5; HTTP=19280 PORT=36720
#        PEER_PORT=19299: moved up by 100 when taken)
set -euo pipefail
cd "$(dirname "$0")/.."
SIZE_MIB=${SIZE_MIB:-200}
BLADES=${BLADES:-5}
HTTP=${HTTP:-19280}
PORT=${PORT:-36720}
PEER_PORT=${PEER_PORT:-19299}
NAME=bench-payload
VERSION=1.0.0
TARGET=2
bin/dci --help >/dev/null   # build once if the sources changed ...
export DCI_NO_BUILD=1       # ... and not again for every command below

WORK=$(mktemp -d "${TMPDIR:-/tmp}/dci-distribute-bench.XXXXXX")
export XDG_CONFIG_HOME=$WORK/xdg
PIDS=()
# Only processes this script started, and only while their command line still names $WORK
# (a PID may have been reused by then: pid_max is small).
stop_all() {
  local p _ alive
  for p in "${PIDS[@]:-}"; do
    [ -n "$p" ] && grep -qF "$WORK" "/proc/$p/cmdline" 2>/dev/null && kill -9 "$p" 2>/dev/null || true
  done
  for _ in $(seq 1 50); do
    alive=0
    for p in "${PIDS[@]:-}"; do
      [ -n "$p" ] && grep -qF "$WORK" "/proc/$p/cmdline" 2>/dev/null && alive=1
    done
    [ $alive = 0 ] && break
    sleep 0.1
  done
}
WATCH=""
cleanup() {
  [ -n "$WATCH" ] && kill "$WATCH" 2>/dev/null || true   # alive until this shell ends: still ours
  stop_all
  rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM
# If this script is SIGKILLed (no trap runs), a watchdog stops its processes and removes $WORK.
: >"$WORK/pids"
( while kill -0 $$ 2>/dev/null; do sleep 2; done
  while read -r p; do grep -qF "$WORK" "/proc/$p/cmdline" 2>/dev/null && kill -9 "$p" 2>/dev/null; done <"$WORK/pids"
  rm -rf "$WORK" ) >/dev/null 2>&1 &
WATCH=$!; disown "$WATCH"
started() { PIDS+=("$1"); echo "$1" >>"$WORK/pids"; disown "$1"; }

die() { echo "distribute bench: $*" >&2; exit 1; }
[ "$BLADES" -ge 2 ] && [ "$BLADES" -le 19 ] || die "BLADES must be 2 to 19"
now() { date +%s.%N; }
minus() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f", a - b }'; }

# The Artery ports lie in Linux's ephemeral range, where another program's outgoing connection
# may hold one: the whole block of ports then moves up by 100 (at most 5 times).
ports_free() { # HTTP_BASE ARTERY_BASE PEER_PORT: no socket (but TIME-WAIT) uses any of them
  local k f="sport = :$3"
  for k in $(seq 0 $((BLADES - 1))); do f="$f or sport = :$(($1 + k)) or sport = :$(($2 + k))"; done
  ! ss -Htan "( $f )" 2>/dev/null | grep -v "^TIME-WAIT" | grep -q .
}
MOVES=0
move_ports() {
  MOVES=$((MOVES + 1)); [ "$MOVES" -le 5 ] || die "no free block of ports (the last tried: HTTP $HTTP+, Artery $PORT+)"
  HTTP=$((HTTP + 100)); PORT=$((PORT + 100)); PEER_PORT=$((PEER_PORT + 100))
}

# ---- the publisher key first: the blades trust it from their configuration
bin/dci package keygen --out "$WORK/key" >/dev/null
KEY=$(sed -n '/-----BEGIN PUBLIC KEY-----/,/-----END PUBLIC KEY-----/p' "$WORK/key.pub" | grep -v -- '-----' | tr -d '\n')
printf 'dci.packages.trusted-keys = ["%s"]\n' "$KEY" >"$WORK/blade.conf"

# ---- the blades, one after the other; returns 1 with START_ERROR set
START_ERROR=""; TOKEN=""
api() { curl -sf --max-time 10 -H "Authorization: Bearer $TOKEN" "http://127.0.0.1:$((HTTP + $1 - 1))$2"; }
start_blades() {
  local k ok _ up=0 stores=0 args
  export DCI_URL=http://127.0.0.1:$HTTP
  for k in $(seq 1 "$BLADES"); do
    rm -rf "$WORK/n$k"
    args=(--name "blade-$k" --host 127.0.0.1 --port $((PORT + k - 1)) --http-port $((HTTP + k - 1))
          --data "$WORK/n$k" --config "$WORK/blade.conf")
    [ "$k" != 1 ] && args+=(--seed "127.0.0.1:$PORT")
    bin/dci node "${args[@]}" >"$WORK/n$k.log" 2>&1 &
    started "$!"
    ok=0
    for _ in $(seq 1 240); do
      curl -sf --max-time 2 "http://127.0.0.1:$((HTTP + k - 1))/api/health" >/dev/null 2>&1 && { ok=1; break; }
      grep -qF "$WORK" "/proc/${PIDS[$((k - 1))]}/cmdline" 2>/dev/null || break
      sleep 0.5
    done
    [ $ok = 1 ] || { START_ERROR="blade-$k did not start: $(tail -n 3 "$WORK/n$k.log" | cut -c1-300 | tr '\n' ' ')"; return 1; }
  done
  TOKEN=$(bin/dci login --user admin --password-file "$WORK/n1/admin.password" --print-token 2>"$WORK/err") \
    || { START_ERROR="login failed: $(head -c 300 "$WORK/err")"; return 1; }
  for _ in $(seq 1 120); do
    up=$(api 1 /api/blades | python3 -c 'import json,sys; print(sum(b["status"] == "Up" for b in json.load(sys.stdin)))' 2>/dev/null || echo 0)
    [ "$up" = "$BLADES" ] && break
    sleep 0.5
  done
  [ "$up" = "$BLADES" ] || { START_ERROR="only $up of $BLADES blades Up after 60 s"; return 1; }
  for _ in $(seq 1 60); do   # every blade's store known to the publisher (placement needs them all)
    stores=$(api 1 /api/vnas/df | python3 -c 'import json,sys; print(sum(b["status"] == "Up" for b in json.load(sys.stdin)["blades"]))' 2>/dev/null || echo 0)
    [ "$stores" = "$BLADES" ] && break
    sleep 0.5
  done
  [ "$stores" = "$BLADES" ] || { START_ERROR="only $stores of $BLADES stores in the volume after 30 s"; return 1; }
}
for attempt in 1 2 3 4; do
  [ "$attempt" = 4 ] && die "the blades did not start in 3 attempts"
  while ! ports_free "$HTTP" "$PORT" "$PEER_PORT"; do move_ports; done
  start_blades && break
  stop_all; PIDS=(); : >"$WORK/pids"
  echo "distribute bench: start $attempt failed: $START_ERROR" >&2
  case $START_ERROR in *"Address already in use"*) move_ports ;; esac
done

# ---- the package: one random payload file, copied and checked by its own sha256
mkdir -p "$WORK/src"
head -c $((SIZE_MIB * 1048576)) /dev/urandom >"$WORK/src/payload.bin"
SHA=$(sha256sum "$WORK/src/payload.bin" | cut -d' ' -f1)
cat >"$WORK/src/manifest.xml" <<XML
<?xml version="1.0" encoding="UTF-8"?>
<manifest format="1">
  <name>$NAME</name>
  <version>$VERSION</version>
  <description>distribute benchmark payload, $SIZE_MIB MiB</description>
  <install>
    <copy from="payload.bin"/>
    <verify program="sh" timeout="600">
      <arg>-c</arg>
      <arg>echo "$SHA  payload.bin" | sha256sum -c --quiet</arg>
    </verify>
  </install>
</manifest>
XML
PKG=$WORK/$NAME-$VERSION.dcipkg
bin/dci package build "$WORK/src" --key "$WORK/key.key" --out "$PKG" >/dev/null
rm -f "$WORK/src/payload.bin"
PKG_BYTES=$(stat -c %s "$PKG")

# every blade's counters as "k sent served" lines
counters() {
  local k
  for k in $(seq 1 "$BLADES"); do
    api "$k" /api/vnas/df | python3 -c 'import json,sys
d = json.load(sys.stdin); print(sys.argv[1], d["sent"]["bytes"], d["served"]["bytes"])' "$k" \
      || die "blade-$k: no /api/vnas/df counters"
  done
}

# ---- DCI: publish through blade-1, install everywhere
counters >"$WORK/c0"
t0=$(now)
bin/dci package publish "$PKG" >/dev/null 2>"$WORK/err" || die "publish failed: $(head -c 300 "$WORK/err")"
t1=$(now)
sleep 2   # the catalog entry reaches every blade (not timed)
t2=$(now)
bin/dci install "$NAME" --on all >"$WORK/install.out" 2>&1 || die "install failed: $(tail -n 12 "$WORK/install.out" | cut -c1-200)"
t3=$(now)
counters >"$WORK/c1"
for k in $(seq 1 "$BLADES"); do
  [ "$(stat -c %s "$WORK/n$k/packages/$NAME/payload.bin" 2>/dev/null || echo 0)" = $((SIZE_MIB * 1048576)) ] \
    || die "blade-$k: $NAME is not installed in full"
done
publish_s=$(minus "$t1" "$t0"); install_s=$(minus "$t3" "$t2")
dci_s=$(awk -v a="$publish_s" -v b="$install_s" 'BEGIN { printf "%.3f", a + b }')
read -r p_sent p_served o_bytes < <(join "$WORK/c0" "$WORK/c1" | awk '
  $1 == 1 { ps = $4 - $2; pv = $5 - $3 } $1 != 1 { o += ($4 - $2) + ($5 - $3) } END { print ps, pv, o + 0 }')

# ---- peer: the same file from the publisher to each other blade, one after the other
mkdir -p "$WORK/n1/peer"
cp "$PKG" "$WORK/n1/peer/"
python3 -m http.server --bind 127.0.0.1 --directory "$WORK/n1/peer" "$PEER_PORT" >"$WORK/peer.log" 2>&1 &
started "$!"
for _ in $(seq 1 100); do
  curl -sf -o /dev/null -r 0-0 "http://127.0.0.1:$PEER_PORT/$(basename "$PKG")" 2>/dev/null && break
  sleep 0.1
done
peer_bytes=0
t4=$(now)
for k in $(seq 2 "$BLADES"); do
  mkdir -p "$WORK/n$k/peer"
  n=$(curl -sf -o "$WORK/n$k/peer/$(basename "$PKG")" -w '%{size_download}' "http://127.0.0.1:$PEER_PORT/$(basename "$PKG")") \
    || die "peer copy to blade-$k failed"
  peer_bytes=$((peer_bytes + ${n%.*}))
done
t5=$(now)
peer_s=$(minus "$t5" "$t4")
[ "$peer_bytes" = $(((BLADES - 1) * PKG_BYTES)) ] || die "peer copies moved $peer_bytes bytes, not $((BLADES - 1)) x $PKG_BYTES"

awk -v mib="$SIZE_MIB" -v n="$BLADES" -v t="$dci_s" -v tp="$publish_s" -v ti="$install_s" -v size="$PKG_BYTES" \
    -v ps="$p_sent" -v pv="$p_served" -v o="$o_bytes" -v cs="$peer_s" -v cb="$peer_bytes" -v target="$TARGET" 'BEGIN {
  sent = ps / size; served = pv / size; pub = sent + served
  ok = pub <= target ? "met" : "not met"
  printf "distribute: %d MiB on %d blades in %.1f s (publish %.1f s + install %.1f s; publisher sent %.1fx + served %.1fx = %.1fx the package, others %.1fx); sequential copy from the publisher %.1f s (publisher %.1fx); time %.2fx, publisher bytes %.2fx; target publisher <= %dx: %s\n",
    mib, n, t, tp, ti, sent, served, pub, o / size, cs, cb / size, t / cs, (ps + pv) / cb, target, ok
  exit (pub <= target ? 0 : 3)
}'
