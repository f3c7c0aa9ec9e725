#!/usr/bin/env bash
# AIMS benchmark: a cage of 5 blades, a policy of packages (one required in a version range, one
# forbidden, one the hosts lack), then `dci aims check --on all` as an operator runs it (the whole
# CLI, JVM start included), RUNS times: median wall time. In the same run, what an operator would
# reach for instead: Ansible's package_facts on 5 inventory hosts (-c local, forks 5), which only
# gathers the packages (the comparison still needs a playbook). Target (issue 24): dci <= 2 s.
# Usage: bench/aims.sh     (RUNS=5 by default)
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${RUNS:-5}
HTTP=${HTTP:-31080}
PORT=${PORT:-48520}

if ! command -v ansible >/dev/null; then
  if [ "$(id -u)" = 0 ]; then DEBIAN_FRONTEND=noninteractive apt-get install -y -q ansible-core >/dev/null
  else echo "needs ansible (apt-get install ansible-core)"; exit 1; fi
fi
[ -n "${DCI_NO_BUILD:-}" ] || bin/dci --help >/dev/null
WORK=$(mktemp -d "${TMPDIR:-/tmp}/dci-aims.XXXXXX")
CAGE=""
cleanup() { [ -n "$CAGE" ] && kill "$CAGE" 2>/dev/null || true; sleep 1; [ -n "$CAGE" ] && kill -9 "$CAGE" 2>/dev/null || true; rm -rf "$WORK"; }
trap cleanup EXIT

bin/dci cage --blades 5 --data "$WORK/cage" --http-port "$HTTP" --port "$PORT" >"$WORK/cage.log" 2>&1 &
CAGE=$!
for _ in $(seq 1 120); do grep -q '^ready' "$WORK/cage.log" && break; sleep 0.5; done
grep -q '^ready' "$WORK/cage.log" || { echo "cage did not come up: $(tail -3 "$WORK/cage.log")"; exit 1; }
export DCI_URL="http://127.0.0.1:$HTTP" XDG_CONFIG_HOME="$WORK/cli"
bin/dci login --user admin --password-file "$WORK/cage/admin.password" >/dev/null
cat >"$WORK/policy.yaml" <<'P'
packages:
  require:
    - {name: bash, version: ">= 5"}
    - {name: dci-bench-absent}
  forbid:
    - {name: telnetd}
P
bin/dci aims policy set "$WORK/policy.yaml" >/dev/null
bin/dci aims check --on all >/dev/null 2>&1 || true   # the first answer warms the blades up

dci_ms=()
for _ in $(seq 1 "$RUNS"); do
  t0=$(date +%s%N)
  rc=0; bin/dci aims check --on all >"$WORK/check.out" 2>&1 || rc=$?
  dci_ms+=($(( ($(date +%s%N) - t0) / 1000000 )))
  [ "$rc" = 1 ] && [ "$(grep -c 'dci-bench-absent' "$WORK/check.out")" = 5 ] \
    || { echo "dci aims check answered wrongly (exit $rc): $(head -5 "$WORK/check.out")"; exit 1; }
done

printf 'h1\nh2\nh3\nh4\nh5\n' | sed 's/$/ ansible_connection=local ansible_python_interpreter=\/usr\/bin\/python3/' >"$WORK/hosts"
ansible_ms=()
for _ in $(seq 1 "$RUNS"); do
  t0=$(date +%s%N)
  ANSIBLE_HOST_KEY_CHECKING=False ANSIBLE_LOCALHOST_WARNING=False ANSIBLE_GATHERING=explicit \
    ansible all -i "$WORK/hosts" -c local -f 5 -m package_facts >"$WORK/ansible.out" 2>&1 \
    || { echo "ansible failed: $(tail -3 "$WORK/ansible.out")"; exit 1; }
  ansible_ms+=($(( ($(date +%s%N) - t0) / 1000000 )))
done
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$0} END {print a[int((NR+1)/2)]}'; }
d=$(median "${dci_ms[@]}")
a=$(median "${ansible_ms[@]}")
awk -v d="$d" -v a="$a" -v n="$RUNS" 'BEGIN {
  printf "aims: dci aims check --on all, 5 blades: %d ms (median of %d, CLI start included) | ansible -m package_facts 5 hosts -c local -f 5: %d ms | ratio %.1fx faster (target dci <= 2000 ms: %s)\n",
    d, n, a, a / d, (d <= 2000 ? "met" : "MISSED") }'
