#!/usr/bin/env bash
# Idle benchmark: what blades doing nothing cost. A cage of 5 blades (all in one JVM), left
# SETTLE seconds after it is ready, then the JVM's CPU time (utime + stime ticks of
# /proc/PID/stat: process CPU, not wall time, so other load on the machine matters little)
# over SECS seconds, as % of one core; then one `dci node` alone the same way. The threads that
# used the most (by name, numbers folded: the cage's blades share one JVM and their threads'
# names, so per-blade figures are the cage's total / 5) go to stderr.
# Targets: cage <= 5 % of one core (<= 1 % a blade), one node <= 1 %.
# The floor, measured the same way in the same run (dci.bench.BareCluster): 5 and 1 Pekko
# cluster systems in one JVM with a blade's exact Pekko configuration (Artery over mutual TLS,
# failure detection, split brain resolver, Distributed Data, the receptionist) and the blade's
# JVM options, with nothing of DCI on them: what Pekko's own periodic work costs here.
# Usage: bench/idle.sh     (SECS=60 SETTLE=45 by default; QUICK=1: SECS=20 SETTLE=20)
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -n "${QUICK:-}" ]; then SECS=${SECS:-20}; SETTLE=${SETTLE:-20}; fi
SECS=${SECS:-60}
SETTLE=${SETTLE:-45}
HTTP=${HTTP:-31080}
PORT=${PORT:-48520}

bin/dci --help >/dev/null   # build first
[ -n "${DCI_NO_BUILD:-}" ] || mvn -B -q -DskipTests package -pl bench >/dev/null   # the floor's driver
CP="bench/target/dci-bench.jar:app/target/dci-app.jar:app/target/lib/*"
# the blade's JVM options, as bin/dci gives them
JOPTS=$(sed -n 's/^  opts=${DCI_JAVA_OPTS:-\(.*\)}$/\1/p' bin/dci)
[ -n "$JOPTS" ] || { echo "idle: could not read the blade's JVM options from bin/dci" >&2; exit 1; }
WORK=$(mktemp -d "${TMPDIR:-/tmp}/dci-idle.XXXXXX")
JPID=""
cleanup() { [ -n "$JPID" ] && kill -9 "$JPID" 2>/dev/null || true; rm -rf "$WORK"; }
trap cleanup EXIT

# cpu PID SECS -> prints the % of one core on stdout, the busiest thread groups on stderr
cpu() {
  python3 - "$1" "$2" <<'PY'
import collections, os, re, sys, time
pid, secs = sys.argv[1], float(sys.argv[2])
hz = os.sysconf("SC_CLK_TCK")
def ticks(path):
    s = open(path).read()
    f = s[s.rindex(")") + 2:].split()
    return s[s.index("(") + 1:s.rindex(")")], int(f[11]) + int(f[12])
def threads():
    out = {}
    for t in os.listdir(f"/proc/{pid}/task"):
        try: out[t] = ticks(f"/proc/{pid}/task/{t}/stat")
        except OSError: pass
    return out
a, pa = threads(), ticks(f"/proc/{pid}/stat")[1]
time.sleep(secs)
b, pb = threads(), ticks(f"/proc/{pid}/stat")[1]
groups = collections.Counter()
for t, (name, v) in b.items():
    groups[re.sub(r"[0-9]+", "N", name)] += v - a.get(t, (name, 0))[1]
pct = lambda n: n * 100.0 / hz / secs
print("  busiest threads: " + ", ".join("%s %.2f%%" % (g, pct(n)) for g, n in groups.most_common(8) if n),
      file=sys.stderr)
print("%.2f" % pct(pb - pa))
PY
}

# measure NAME READY_REGEX CMD... -> prints the % of one core
measure() {
  local name=$1 ready=$2; shift 2
  rm -rf "$WORK/data"
  "$@" >"$WORK/$name.out" 2>&1 &
  JPID=$!   # bin/dci and the floor's command exec the JVM
  for _ in $(seq 1 240); do grep -qE "$ready" "$WORK/$name.out" && break; sleep 0.5; done
  grep -qE "$ready" "$WORK/$name.out" || { echo "$name did not come up: $(tail -3 "$WORK/$name.out")" >&2; exit 1; }
  sleep "$SETTLE"
  echo "$name: $(ls /proc/$JPID/task | wc -l) threads" >&2
  local p; p=$(cpu "$JPID" "$SECS")
  kill -TERM "$JPID" 2>/dev/null || true
  for _ in $(seq 1 40); do kill -0 "$JPID" 2>/dev/null || break; sleep 0.25; done
  kill -9 "$JPID" 2>/dev/null || true
  wait "$JPID" 2>/dev/null || true
  JPID=""
  echo "$p"
}

bare() { # N
  # shellcheck disable=SC2086
  exec java $JOPTS -Dslf4j.internal.verbosity=ERROR --add-opens java.base/java.nio=ALL-UNNAMED \
    --add-opens java.base/sun.nio.ch=ALL-UNNAMED -cp "$CP" dci.bench.BareCluster "$1" "$WORK/data" "$PORT"
}
cage=$(measure cage 'ready: 5 blades Up' bin/dci cage --blades 5 --data "$WORK/data" --http-port "$HTTP" --port "$PORT")
floor5=$(measure floor-5 'ready: 5 systems Up' bare 5)
node=$(measure node 'ready: blade-1 Up' bin/dci node --name blade-1 --data "$WORK/data" --http-port "$HTTP" --port "$PORT")
floor1=$(measure floor-1 'ready: 1 systems Up' bare 1)
awk -v c="$cage" -v n="$node" -v f5="$floor5" -v f1="$floor1" -v s="$SECS" -v w="$SETTLE" 'BEGIN {
  ok = (c <= 5 && n <= 1)
  printf "idle: cage of 5 blades %.1f %% of one core (%.2f %% a blade, one JVM) vs bare Pekko cluster of 5 %.1f %% (%.2fx); one dci node %.2f %% vs bare Pekko node %.2f %% (%.2fx) (process CPU ticks over %d s, %d s after ready) | targets cage <= 5 %% (<= 1 %% a blade), node <= 1 %%: %s\n",
    c, c / 5, f5, (f5 > 0 ? c / f5 : 0), n, f1, (f1 > 0 ? n / f1 : 0), s, w, (ok ? "met" : "MISSED") }'
