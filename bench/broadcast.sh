#!/usr/bin/env bash
# Broadcast benchmark: a cage of 5 blades; `true` run on every blade through the exec peerlet,
# via the HTTP API (POST /api/envelopes?wait=..., as `dci broadcast` does, without the CLI's
# start-up), repeated N times: p50/p99 round trip. In the same run, the tool an operator would
# reach for instead: Ansible ad-hoc (Debian's ansible-core), 5 inventory hosts, -c local,
# forks 5, running `true`. Targets (issue 28): p50 <= 20 ms, p99 <= 60 ms, >= 100x faster than Ansible.
# It also prints the floor, in the same run: five programs started at once from one JVM the way
# the exec peerlet starts them, with no DCI code (dci.bench.SpawnFloor).
# Usage: bench/broadcast.sh     (N=200 ANSIBLE_RUNS=5 by default)
set -euo pipefail
cd "$(dirname "$0")/.."
N=${N:-200}
ANSIBLE_RUNS=${ANSIBLE_RUNS:-5}
HTTP=${HTTP:-30080}
PORT=${PORT:-47520}

if ! command -v ansible >/dev/null; then
  if [ "$(id -u)" = 0 ]; then DEBIAN_FRONTEND=noninteractive apt-get install -y -q ansible-core >/dev/null
  else echo "needs ansible (apt-get install ansible-core)"; exit 1; fi
fi
bin/dci --help >/dev/null
WORK=$(mktemp -d "${TMPDIR:-/tmp}/dci-broadcast.XXXXXX")
CAGE=""
cleanup() { [ -n "$CAGE" ] && kill "$CAGE" 2>/dev/null || true; sleep 1; [ -n "$CAGE" ] && kill -9 "$CAGE" 2>/dev/null || true; rm -rf "$WORK"; }
trap cleanup EXIT

bin/dci cage --blades 5 --data "$WORK/cage" --http-port "$HTTP" --port "$PORT" >"$WORK/cage.log" 2>&1 &
CAGE=$!
for _ in $(seq 1 120); do grep -q '^ready' "$WORK/cage.log" && break; sleep 0.5; done
grep -q '^ready' "$WORK/cage.log" || { echo "cage did not come up: $(tail -3 "$WORK/cage.log")"; exit 1; }

python3 - "$HTTP" "$WORK/cage/admin.password" "$N" >"$WORK/dci.txt" <<'PY'
import http.client, json, sys, time
port, pwfile, n = int(sys.argv[1]), sys.argv[2], int(sys.argv[3])
pw = open(pwfile).read().strip()
c = http.client.HTTPConnection("127.0.0.1", port)
c.request("POST", "/api/login", json.dumps({"user": "admin", "password": pw}), {"Content-Type": "application/json"})
token = json.loads(c.getresponse().read())["token"]
body = json.dumps({"appType": "exec", "to": {"mode": "ALL"}, "payload": {"command": "true", "timeoutMs": 10000}})
hdr = {"Content-Type": "application/json", "Authorization": "Bearer " + token}
times = []
for i in range(n + 50):
    t0 = time.perf_counter()
    c.request("POST", "/api/envelopes?wait=15s", body, hdr)
    r = json.loads(c.getresponse().read())
    dt = (time.perf_counter() - t0) * 1000
    ok = r["complete"] and len(r["replies"]) == 5 and all(x["payload"].get("exitCode") == 0 for x in r["replies"])
    if not ok:
        print("FAILED", json.dumps(r)[:300]); sys.exit(1)
    if i >= 50:          # the first 50 warm the JIT and the blocking pool up
        times.append(dt)
times.sort()
print("%.1f %.1f" % (times[len(times) // 2], times[min(len(times) - 1, int(len(times) * 0.99))]))
PY
read -r p50 p99 < "$WORK/dci.txt"

# The floor in the same run: five programs started at once from one JVM the way the exec
# peerlet starts them (as root: setpriv to its account, then `true`), no DCI code at all.
account=-
if [ "$(id -u)" = 0 ] && id dci-_exec >/dev/null 2>&1; then account=dci-_exec; fi
read -r f50 f99 < <(java -Djdk.lang.Process.launchMechanism=VFORK bench/src/main/java/dci/bench/SpawnFloor.java "$account" 5 "$N")

printf 'h1\nh2\nh3\nh4\nh5\n' | sed 's/$/ ansible_connection=local ansible_python_interpreter=\/usr\/bin\/python3/' >"$WORK/hosts"
ansible_ms=()
for _ in $(seq 1 "$ANSIBLE_RUNS"); do
  t0=$(date +%s%N)
  ANSIBLE_HOST_KEY_CHECKING=False ANSIBLE_LOCALHOST_WARNING=False ANSIBLE_GATHERING=explicit \
    ansible all -i "$WORK/hosts" -c local -f 5 -m command -a true >"$WORK/ansible.out" 2>&1 \
    || { echo "ansible failed: $(tail -3 "$WORK/ansible.out")"; exit 1; }
  ansible_ms+=($(( ($(date +%s%N) - t0) / 1000000 )))
done
amed=$(printf '%s\n' "${ansible_ms[@]}" | sort -n | awk '{a[NR]=$0} END {print a[int((NR+1)/2)]}')
awk -v p50="$p50" -v p99="$p99" -v a="$amed" -v n="$N" -v f50="$f50" -v f99="$f99" -v acct="$account" 'BEGIN {
  ok = (p50 <= 20 && p99 <= 60 && a / p50 >= 100)
  printf "broadcast: dci 5 blades `true` via API p50 %.1f ms, p99 %.1f ms (%d runs) | ansible ad-hoc 5 hosts -c local -f 5: %d ms (median) | ratio %.0fx (targets p50 <= 20 ms, p99 <= 60 ms, >= 100x: %s) | floor, 5 %s `true` started at once from one JVM without DCI: p50 %.1f ms, p99 %.1f ms\n",
    p50, p99, n, a, a / p50, (ok ? "met" : "MISSED"), (acct == "-" ? "unconfined" : "confined (setpriv)"), f50, f99 }'
