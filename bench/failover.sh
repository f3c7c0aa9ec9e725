#!/usr/bin/env bash
# Fail-over benchmark: time from SIGKILL of the blade behind u1's desk to the first successful
# command through u1's desk on the replacement, and the files lost, for two methods:
#   - mirror: blade-2's backup method is `mirror` (replicas 2, a spare among them), so the
#     spare holds its data when it dies (Fig. 7); FILES files are written through the desk,
#     SETTLE seconds pass, then the kill;
#   - backup: blade-2's backup method is `snapshot`; FILES files are written, one
#     `dci backup run` makes an archive, AFTER more files are written, then the kill: the
#     spare restores the latest archive from the peers (Fig. 8). Lost counts the files
#     written before that archive that are missing; the AFTER files are in no archive, and
#     how many came back is reported beside it.
# Each measurement is a fresh cluster of 4 blades + 1 spare (role `spare`), each blade its own
# `dci node` process on 127.0.0.1, like ../shared/acceptance/6-failover. The desk is polled
# (every 0.2 s, at most 60 s) with the HTTP call `dci desk u1 -- sh -c 'cat f/*'` makes
# (POST /api/desk/u1/exec through blade-1), by curl, so a CLI JVM's start-up is not counted
# (POLL=dci polls with the CLI itself); lost counts the files missing from that first answer.
# Peer, in the same run: Pekko's failure detector + split brain resolver alone. DCI's desk and
# health probes down a dead blade at once, so the same cluster cannot show what Pekko alone
# takes; a third cluster, identical but with dci.failover.enabled = off (no probe, no DCI
# downing), has blade-2 SIGKILLed the same way, and the time until blade-1's /api/blades lists
# it Down is measured (Unreachable too, on stderr). The three alternate within each run.
# Target: mirror median <= 5 s with 0 files lost.
# Usage: bench/failover.sh     (RUNS=5 by default, medians reported; RUNS=1 for a quick check;
#        FILES=20 AFTER=5 SETTLE=3; HTTP=19080 PORT=36520: the three clusters use 5 ports each
#        from there, +10 and +20, moved up by 100 when taken)
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${RUNS:-5}
FILES=${FILES:-20}
AFTER=${AFTER:-5}
SETTLE=${SETTLE:-3}
HTTP=${HTTP:-19080}
PORT=${PORT:-36520}
POLL=${POLL:-curl}
LIMIT=60
TARGET_S=5
bin/dci --help >/dev/null   # build first (skipped with DCI_NO_BUILD=1)

WORK=$(mktemp -d "${TMPDIR:-/tmp}/dci-failover-bench.XXXXXX")
export XDG_CONFIG_HOME=$WORK/xdg
PIDS=()
# Blades are disowned (no "Killed" notices from the shell); killing waits until they are gone.
kill_all() { # PID...
  local p _
  for p in "$@"; do [ -n "$p" ] && kill -9 "$p" 2>/dev/null || true; done
  for _ in $(seq 1 50); do
    local alive=0
    for p in "$@"; do [ -n "$p" ] && kill -0 "$p" 2>/dev/null && alive=1; done
    [ $alive = 0 ] && return 0
    sleep 0.1
  done
}
cleanup() {
  kill_all "${PIDS[@]:-}"
  rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

die() { echo "failover bench: $*" >&2; exit 1; }
now() { date +%s.%N; }
minus() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a - b }'; }

# ---- one cluster: blade-1 .. blade-4 and blade-5 (role spare), HTTP H..H+4, Artery Q..Q+4.
# Blades start one after the other. On 2 busy cores a joining blade is now and then downed
# before it is Up; the start is then tried again (at most 3 times), and said so on stderr.
C_DIR=""; C_HTTP=0; C_PIDS=(); TOKEN=""
# The Artery ports lie in Linux's ephemeral range, so another program's outgoing connection
# may hold one: a start then moves its 5 + 5 ports up by 100 (at most 5 times).
start_cluster() { # NAME HTTP_BASE ARTERY_BASE [CONFIG_FILE]
  local attempt=1 shift=0 moves=0
  while [ "$attempt" -le 3 ]; do
    if ! ports_free $(($2 + shift)) $(($3 + shift)); then
      moves=$((moves + 1)); [ "$moves" -le 5 ] || die "$1: no free block of ports near $2 and $3"
      shift=$((shift + 100)); continue
    fi
    start_cluster_once "$1" $(($2 + shift)) $(($3 + shift)) "${4:-}" && return 0
    stop_cluster
    echo "failover bench: $1: start $attempt failed: $START_ERROR" >&2
    case $START_ERROR in
      *"Address already in use"*) moves=$((moves + 1)); [ "$moves" -le 5 ] || die "$1: no free block of ports"; shift=$((shift + 100)) ;;
    esac
    attempt=$((attempt + 1))
  done
  die "$1: the cluster did not start in 3 attempts"
}

ports_free() { # HTTP_BASE ARTERY_BASE: no socket uses any of their 5 ports
  local k f=""
  for k in 0 1 2 3 4; do f="$f${f:+ or }sport = :$(($1 + k)) or sport = :$(($2 + k))"; done
  ! ss -Htan "( $f )" 2>/dev/null | grep -v "^TIME-WAIT" | grep -q .   # TIME-WAIT does not stop a bind
}

START_ERROR=""
start_cluster_once() { # NAME HTTP_BASE ARTERY_BASE [CONFIG_FILE]; returns 1 with START_ERROR set
  local name=$1 h=$2 q=$3 conf=${4:-}
  C_DIR=$WORK/$name; C_HTTP=$h; C_PIDS=()
  rm -rf "$C_DIR"; mkdir -p "$C_DIR"
  local k
  for k in 1 2 3 4 5; do
    local args=(--name "blade-$k" --port $((q + k - 1)) --http-port $((h + k - 1)) --data "$C_DIR/n$k")
    [ "$k" != 1 ] && args+=(--seed "127.0.0.1:$q")
    [ "$k" = 5 ] && args+=(--role spare)
    [ -n "$conf" ] && args+=(--config "$conf")
    bin/dci node "${args[@]}" >"$C_DIR/n$k.log" 2>&1 &
    C_PIDS+=("$!"); PIDS+=("$!"); disown "$!"
    wait_blade "$k" || return 1   # one at a time: 5 JVMs starting at once on 2 cores miss heartbeats
  done
  TOKEN=$(DCI_URL=http://127.0.0.1:$h bin/dci login --user admin --password-file "$C_DIR/n1/admin.password" \
    --print-token 2>"$C_DIR/login.err") || { START_ERROR="login failed: $(head -c 300 "$C_DIR/login.err")"; return 1; }
  local up=0 _
  for _ in $(seq 1 120); do
    up=$(blades | python3 -c 'import json,sys; print(sum(b["status"] == "Up" for b in json.load(sys.stdin)))' 2>/dev/null || echo 0)
    [ "$up" = 5 ] && break
    sleep 0.5
  done
  [ "$up" = 5 ] || { START_ERROR="only $up of 5 blades Up after 60 s"; return 1; }
  sleep 3   # let the replicated maps and the receptionist settle
}

# blade-K of the current cluster answers /api/health (at most 120 s; fails at once if it died or was downed)
wait_blade() { # K
  local k=$1 _ log=$C_DIR/n$1.log
  for _ in $(seq 1 240); do
    curl -sf --max-time 2 "http://127.0.0.1:$((C_HTTP + k - 1))/api/health" >/dev/null 2>&1 && return 0
    if ! kill -0 "${C_PIDS[$((k - 1))]}" 2>/dev/null || grep -q "this member has been downed" "$log" 2>/dev/null; then
      START_ERROR="blade-$k died or was downed while starting: $( { grep -hE 'fail-over .*blade-|has been downed' "$C_DIR"/n1.log "$log" || tail -n 2 "$log"; } 2>/dev/null | tail -n 2 | cut -c1-300 | tr '\n' ' ')"
      return 1
    fi
    sleep 0.5
  done
  START_ERROR="blade-$k did not answer /api/health within 120 s: $(tail -n 2 "$log" | cut -c1-300 | tr '\n' ' ')"
  return 1
}

stop_cluster() {
  kill_all "${C_PIDS[@]}"
  C_PIDS=()
}

blades() { curl -sf --max-time 5 -H "Authorization: Bearer $TOKEN" "http://127.0.0.1:$C_HTTP/api/blades"; }
dci() { DCI_URL=http://127.0.0.1:$C_HTTP bin/dci "$@"; }

# One desk command through blade-1; prints the JSON reply and succeeds only if the command ran and exited 0.
desk_json() { # CMD (a sh -c script)
  local body out
  if [ "$POLL" = dci ]; then
    out=$(dci --output json desk --timeout 20 u1 -- sh -c "$1" 2>/dev/null) || return 1
  else
    body=$(python3 -c 'import json,sys; print(json.dumps({"argv": ["sh", "-c", sys.argv[1]], "timeoutSeconds": 20}))' "$1")
    out=$(curl -sf --max-time 30 -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \
      -d "$body" "http://127.0.0.1:$C_HTTP/api/desk/u1/exec" 2>/dev/null) || return 1
  fi
  printf '%s' "$out" | python3 -c 'import json,sys; sys.exit(0 if json.load(sys.stdin).get("exitCode") == 0 else 1)' || return 1
  printf '%s\n' "$out"
}

write_files() { # FROM TO
  local i
  for i in $(seq "$1" "$2"); do
    dci desk u1 -- sh -c "mkdir -p f && echo file-$i > f/$i.txt" >/dev/null 2>"$C_DIR/err" \
      || { START_ERROR="desk write $i failed: $(head -c 300 "$C_DIR/err")"; return 1; }
  done
}

# u1's desk on blade-2, its backup, the files; returns 1 with START_ERROR set
prepare() { # mirror|backup
  dci port assign u1 blade-2 >/dev/null 2>"$C_DIR/err" || { START_ERROR="port assign: $(head -c 300 "$C_DIR/err")"; return 1; }
  local how=snapshot
  [ "$1" = mirror ] && how=mirror
  dci backup config --blade blade-2 --method "$how" --replicas 2 >/dev/null 2>"$C_DIR/err" \
    || { START_ERROR="backup config: $(head -c 300 "$C_DIR/err")"; return 1; }
  write_files 1 "$FILES" || return 1
  if [ "$1" = backup ]; then
    dci backup run --blade blade-2 --timeout 60 >/dev/null 2>"$C_DIR/err" \
      || { START_ERROR="backup run: $(head -c 300 "$C_DIR/err")"; return 1; }
    if [ "$AFTER" -gt 0 ]; then write_files $((FILES + 1)) $((FILES + AFTER)) || return 1; fi
  fi
  local up
  up=$(blades | python3 -c 'import json,sys; print(sum(b["status"] == "Up" for b in json.load(sys.stdin)))' 2>/dev/null || echo 0)
  [ "$up" = 5 ] || { START_ERROR="only $up of 5 blades still Up before the kill"; return 1; }
}

# ---- a fail-over run (in this shell, so the trap knows its processes): sets R_SECS (LIMIT on a
# timeout), R_LOST (of the files written before the archive, or all under mirror), R_BACK (of
# those written after it), R_BLADE (the replacement that answered), R_METHOD and R_STATE (from
# dci failover history). A run whose set-up fails (a blade downed under load) starts again.
failover_run() { # mirror|backup
  local method=$1 base_h base_q attempt
  if [ "$method" = mirror ]; then base_h=$HTTP; base_q=$PORT; else base_h=$((HTTP + 10)); base_q=$((PORT + 10)); fi
  for attempt in 1 2 3 4; do
    [ "$attempt" = 4 ] && die "$method: set-up failed 3 times"
    start_cluster "$method" "$base_h" "$base_q"
    prepare "$method" && break
    echo "failover bench: $method: set-up $attempt failed: $START_ERROR" >&2
    stop_cluster
  done
  local after=0
  [ "$method" = backup ] && after=$AFTER
  sleep "$SETTLE"
  kill -9 "${C_PIDS[1]}"
  local t0 t1 reply="" secs
  t0=$(now)
  while :; do
    if reply=$(desk_json 'cat f/*'); then t1=$(now); break; fi
    if [ "$(minus "$(now)" "$t0" | cut -d. -f1)" -ge "$LIMIT" ]; then reply=""; break; fi
    sleep 0.2
  done
  local lost=$FILES back=0 blade=- fmethod=- fstate=-
  if [ -n "$reply" ]; then
    secs=$(minus "$t1" "$t0")
    read -r lost back blade < <(printf '%s' "$reply" | python3 -c '
import json, sys
r = json.load(sys.stdin); n, a = int(sys.argv[1]), int(sys.argv[2])
seen = {l.strip() for l in r.get("stdout", "").splitlines()}
before = sum(("file-%d" % i) in seen for i in range(1, n + 1))
after = sum(("file-%d" % i) in seen for i in range(n + 1, n + a + 1))
print(n - before, after, r.get("blade"))' "$FILES" "$after") || true
  else
    secs=$LIMIT
  fi
  read -r fmethod fstate < <(dci --output json failover history 2>/dev/null | python3 -c '
import json, sys
rows = [r for r in json.load(sys.stdin) if r.get("failed") == "blade-2"]
print((rows[0].get("method") or "-") + " " + rows[0].get("state", "-") if rows else "- -")' 2>/dev/null || echo "- -") || true
  stop_cluster
  R_SECS=$secs; R_LOST=$lost; R_BACK=$back; R_BLADE=$blade; R_METHOD=$fmethod; R_STATE=$fstate
}

# ---- the peer: the same cluster without DCI's fail-over; sets R_UNREACH and R_DOWN (LIMIT when never)
detector_run() {
  printf 'dci.failover.enabled = off\n' >"$WORK/no-failover.conf"
  start_cluster detector $((HTTP + 20)) $((PORT + 20)) "$WORK/no-failover.conf"
  kill -9 "${C_PIDS[1]}"
  local t0 st unreach=$LIMIT down=$LIMIT el
  t0=$(now)
  while :; do
    el=$(minus "$(now)" "$t0")
    st=$(blades 2>/dev/null | python3 -c 'import json,sys; print([b["status"] for b in json.load(sys.stdin) if b["name"] == "blade-2"][0])' 2>/dev/null || echo "?")
    if [ "$st" = Unreachable ] && [ "$unreach" = "$LIMIT" ]; then unreach=$el; fi
    if [ "$st" = Down ] || [ "$st" = Removed ]; then down=$el; [ "$unreach" = "$LIMIT" ] && unreach=$el; break; fi
    [ "${el%.*}" -ge "$LIMIT" ] && break
    sleep 0.2
  done
  stop_cluster
  R_UNREACH=$unreach; R_DOWN=$down
}

median() { sort -g | awk '{a[NR]=$0} END {print a[int((NR+1)/2)]}'; }
maxof() { sort -g | tail -n 1; }

m_s=(); m_lost=(); b_s=(); b_lost=(); b_back=(); d_down=(); timeouts=0; wrong=0
for i in $(seq 1 "$RUNS"); do
  failover_run mirror
  m_s+=("$R_SECS"); m_lost+=("$R_LOST"); [ "$R_SECS" = "$LIMIT" ] && timeouts=$((timeouts + 1))
  [ "$R_METHOD" = pre_copied ] || wrong=$((wrong + 1))
  echo "run $i: mirror: desk back on $R_BLADE after $R_SECS s, $R_LOST of $FILES lost (fail-over $R_METHOD, $R_STATE)" >&2
  failover_run backup
  b_s+=("$R_SECS"); b_lost+=("$R_LOST"); b_back+=("$R_BACK"); [ "$R_SECS" = "$LIMIT" ] && timeouts=$((timeouts + 1))
  [ "$R_METHOD" = from_backup ] || wrong=$((wrong + 1))
  echo "run $i: backup: desk back on $R_BLADE after $R_SECS s, $R_LOST of $FILES lost up to the archive, $R_BACK of $AFTER written after it back (fail-over $R_METHOD, $R_STATE)" >&2
  detector_run
  d_down+=("$R_DOWN")
  echo "run $i: pekko alone: blade-2 Unreachable after $R_UNREACH s, Down after $R_DOWN s" >&2
done

mm=$(printf '%s\n' "${m_s[@]}" | median); ml=$(printf '%s\n' "${m_lost[@]}" | maxof)
bm=$(printf '%s\n' "${b_s[@]}" | median); bl=$(printf '%s\n' "${b_lost[@]}" | maxof)
ba=$(printf '%s\n' "${b_back[@]}" | median)
dm=$(printf '%s\n' "${d_down[@]}" | median)
ok=met
awk -v m="$mm" -v t="$TARGET_S" 'BEGIN { exit !(m <= t) }' || ok=MISSED
[ "$ml" = 0 ] || ok=MISSED
[ "$timeouts" = 0 ] || ok=MISSED
note=""
[ "$timeouts" = 0 ] || note="$note; $timeouts fail-over(s) not back within $LIMIT s (counted as $LIMIT s)"
[ "$wrong" = 0 ] || note="$note; $wrong fail-over(s) used another method than intended (see stderr)"
awk -v mm="$mm" -v ml="$ml" -v bm="$bm" -v bl="$bl" -v ba="$ba" -v af="$AFTER" -v dm="$dm" -v n="$FILES" \
    -v runs="$RUNS" -v t="$TARGET_S" -v ok="$ok" -v note="$note" 'BEGIN {
  printf "failover: mirror median %.1f s (%s lost of %d, worst of %d runs), backup median %.1f s (%s lost up to the last archive; median %s of %d written after it back); pekko detector+SBR Down median %.1f s; mirror/detector %.2fx; target mirror <= %d s, 0 lost: %s%s\n",
    mm, ml, n, runs, bm, bl, ba, af, dm, (dm > 0 ? mm / dm : 0), t, ok, note }'
[ "$ok" = met ]
