#!/usr/bin/env bash
# Every benchmark in a short mode, one after the other, then one table: each figure line a
# benchmark printed, its target and whether it was met. Run it before calling an issue resolved
# that touches a hot path, and put its table in the closing note. The short modes use small
# sizes and few runs: they show a slide, not the figure of record (run the benchmark itself,
# at its defaults, for that). Peers (nginx, restic, rsync, Ansible, hyperfine, Chromium) are
# installed by the benchmarks that need them, as root.
# Each benchmark's whole output goes to LOGS (default: a temporary folder, kept and named at the
# end). ONLY="vnas move" runs just those; SKIP="console failover" leaves those out.
# Usage: bench/quick.sh        (exit 0 when every benchmark ran, 1 when one failed to run;
#                               a target missed is a row in the table, not an error)
set -uo pipefail
cd "$(dirname "$0")/.."
LOGS=${LOGS:-$(mktemp -d "${TMPDIR:-/tmp}/dci-quick.XXXXXX")}
mkdir -p "$LOGS"
ONLY=${ONLY:-}
SKIP=${SKIP:-}

# name | environment of the short mode. Ports are apart (no run meets another's sockets) and
# under 32768, out of the kernel's range for outgoing connections.
BENCHES=(
  "startup|RUNS=1 HTTP=21080 PORT=21520"
  "cli|RUNS=3 WARMUP=1 HTTP=21180 PORT=21620"
  "routing|COUNT=5000 HTTP=21280 PORT=21720"
  "broadcast|N=20 ANSIBLE_RUNS=1 HTTP=21380 PORT=21820"
  "aims|RUNS=2 HTTP=21580 PORT=22020"
  "log|COUNT=20000 RUNS=2 WARM=5 HTTP=21480 PORT=21920"
  "idle|QUICK=1 SECS=10 SETTLE=10 HTTP=22080 PORT=22520"
  "backup|SIZE_MB=64 WARM_ROUNDS=0 HTTP=22180 PORT=22620"
  "vnas|SIZE_MB=32 COUNT=200 RUNS=1 WARM_MB=32 WARM_COUNT=400 WARM_READS=1 HTTP=22280 PORT=22720 NGINX_PORT=22290"
  "move|SIZE_MB=128 HTTP=22380 PORT=22820"
  "distribute|SIZE_MIB=10 BLADES=3 HTTP=22480 PORT=22920 PEER_PORT=22499"
  "failover|RUNS=1 HTTP=23080 PORT=23520"
  "console|RUNS=2 HTTP=23280 PORT=23720 NGINX_PORT=23290"
)

# one build for all (each benchmark then skips its own: DCI_NO_BUILD): bin/dci builds the
# reactor when a blade's source changed; the benchmarks' own drivers too when theirs did
bin/dci --help >/dev/null || { echo "quick: the build failed" >&2; exit 1; }
if [ ! -f bench/target/dci-bench.jar ] || [ -n "$(find bench/src bench/pom.xml -newer bench/target/dci-bench.jar -type f -print -quit)" ]; then
  mvn -B -q -DskipTests package >"$LOGS/build.log" 2>&1 || { echo "quick: the build failed: $LOGS/build.log" >&2; exit 1; }
fi
start=$(date +%s)
failed=0
: >"$LOGS/rows.tsv"
for entry in "${BENCHES[@]}"; do
  name=${entry%%|*}
  envs=${entry#*|}
  if [ -n "$ONLY" ] && [[ " $ONLY " != *" $name "* ]]; then continue; fi
  if [[ " $SKIP " == *" $name "* ]]; then continue; fi
  printf 'quick: %-10s ' "$name" >&2
  t0=$(date +%s.%N)
  # shellcheck disable=SC2086
  env $envs DCI_NO_BUILD=1 timeout 600 bash "bench/$name.sh" >"$LOGS/$name.out" 2>"$LOGS/$name.err"
  rc=$?
  secs=$(echo "$(date +%s.%N) - $t0" | bc)
  lines=$(grep -E '\b(met|MISSED|missed|not met)\b' "$LOGS/$name.out" || true)
  if [ -z "$lines" ]; then
    failed=1
    why=$(tail -n 2 "$LOGS/$name.out" "$LOGS/$name.err" 2>/dev/null | grep -v '^==' | grep -v '^$' | tail -n 1 | cut -c1-160)
    printf '%s\t%.0f\tFAILED (exit %s)\t%s\n' "$name" "$secs" "$rc" "${why:-no output}" >>"$LOGS/rows.tsv"
  else
    while IFS= read -r l; do
      v=met
      echo "$l" | grep -qE '\b(MISSED|missed|not met)\b' && v=MISSED
      printf '%s\t%.0f\t%s\t%s\n' "$name" "$secs" "$v" "$l" >>"$LOGS/rows.tsv"
    done <<<"$lines"
  fi
  printf '%5.0f s  %s\n' "$secs" "$(cut -f3 "$LOGS/rows.tsv" | tail -n "$(grep -c "^$name	" "$LOGS/rows.tsv")" | sort | uniq -c | tr -s ' ' | tr '\n' ' ')" >&2
done
total=$(( $(date +%s) - start ))

echo "| benchmark | s | verdict | figures and target (short mode) |"
echo "|---|---|---|---|"
awk -F'\t' '{ gsub(/\|/, "/", $4); printf "| %s | %s | %s | %s |\n", $1, $2, $3, $4 }' "$LOGS/rows.tsv"
met=$(awk -F'\t' '$3 == "met"' "$LOGS/rows.tsv" | wc -l)
all=$(wc -l <"$LOGS/rows.tsv")
echo
echo "quick: $met of $all figures met their target, in $total s (target < 300 s); outputs in $LOGS"
exit "$failed"
