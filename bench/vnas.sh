#!/usr/bin/env bash
# VNAS benchmark: a cage of 3 blades (r = 2) against nginx with WebDAV (Debian nginx-extras)
# serving a local directory on the same machine, in the same run, both driven by curl:
#   - sequential PUT and GET of one SIZE_MB file (default 1024: 1 GiB), MB/s;
#   - COUNT PUTs then COUNT GETs of 4 KiB files (default 2000), ops/s, 8 transfers in
#     parallel over kept-alive connections (one curl process per phase, so the servers are
#     measured, not process start-up);
#   - the peak heap used by the cage's JVM (all 3 blades), sampled every second with jstat;
#     the JVM runs with -Xmx256m, so a heap above 256 MiB would have failed the run.
# Targets: GET >= 0.7x nginx, PUT >= 0.5x, small files >= 0.5x, heap < 256 MiB.
# Usage: bench/vnas.sh              (SIZE_MB=64 COUNT=200 for a quick run)
set -euo pipefail
cd "$(dirname "$0")/.."
SIZE_MB=${SIZE_MB:-1024}
COUNT=${COUNT:-2000}
HTTP=${HTTP:-29080}
PORT=${PORT:-46520}
NGINX_PORT=${NGINX_PORT:-29090}

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
mkdir -p "$WORK/nginx/root" "$WORK/nginx/tmp"
cat >"$WORK/nginx/nginx.conf" <<CONF
daemon off;
master_process off;
worker_processes 1;
pid $WORK/nginx/nginx.pid;
error_log $WORK/nginx/error.log;
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path $WORK/nginx/tmp;
  proxy_temp_path $WORK/nginx/tmp; fastcgi_temp_path $WORK/nginx/tmp; uwsgi_temp_path $WORK/nginx/tmp; scgi_temp_path $WORK/nginx/tmp;
  server {
    listen 127.0.0.1:$NGINX_PORT;
    root $WORK/nginx/root;
    client_max_body_size 0;
    location / { dav_methods PUT DELETE MKCOL COPY MOVE; create_full_put_path on; }
  }
}
CONF
nginx -c "$WORK/nginx/nginx.conf" -p "$WORK/nginx" >/dev/null 2>&1 &
NGINX=$!

# ---- the cage, heap capped at 256 MiB for the 3 blades together
DCI_JAVA_OPTS="-XX:+UseSerialGC -Xms64m -Xmx256m -XX:MaxMetaspaceSize=192m -Xss512k" \
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
curl -sf "${AUTH[@]}" -X MKCOL "$DCI/bench/" >/dev/null
curl -sf -X MKCOL "$NGX/bench/" >/dev/null || true

head -c $((SIZE_MB * 1048576)) /dev/urandom >"$WORK/big.bin"
# mbps SECONDS -> MB/s of the big file
mbps() { awk -v s="$1" -v m="$SIZE_MB" 'BEGIN { printf "%.1f", m * 1.048576 / s }'; }
timed() { local t0; t0=$(date +%s%N); "$@" >/dev/null 2>&1; echo "$(( $(date +%s%N) - t0 ))" | awk '{ printf "%.3f", $1 / 1e9 }'; }

dci_put=$(timed curl -sf "${AUTH[@]}" -T "$WORK/big.bin" "$DCI/bench/big.bin")
ngx_put=$(timed curl -sf -T "$WORK/big.bin" "$NGX/bench/big.bin")
dci_get=$(timed curl -sf "${AUTH[@]}" -o /dev/null "$DCI/bench/big.bin")
ngx_get=$(timed curl -sf -o /dev/null "$NGX/bench/big.bin")

# small files: one curl config per phase, 8 parallel transfers
head -c 4096 /dev/urandom >"$WORK/small.bin"
for s in dci ngx; do
  base=$DCI; [ $s = ngx ] && base=$NGX
  : >"$WORK/$s.put"; : >"$WORK/$s.get"
  for i in $(seq 1 "$COUNT"); do
    printf 'url = "%s/bench/s%d.bin"\nupload-file = "%s"\noutput = "/dev/null"\n' "$base" "$i" "$WORK/small.bin" >>"$WORK/$s.put"
    printf 'url = "%s/bench/s%d.bin"\noutput = "/dev/null"\n' "$base" "$i" >>"$WORK/$s.get"
  done
done
ops() { awk -v n="$COUNT" -v s="$1" 'BEGIN { printf "%.0f", n / s }'; }
dci_sput=$(timed curl -sf "${AUTH[@]}" --parallel --parallel-max 8 -K "$WORK/dci.put")
ngx_sput=$(timed curl -sf --parallel --parallel-max 8 -K "$WORK/ngx.put")
dci_sget=$(timed curl -sf "${AUTH[@]}" --parallel --parallel-max 8 -K "$WORK/dci.get")
ngx_sget=$(timed curl -sf --parallel --parallel-max 8 -K "$WORK/ngx.get")

# correctness spot checks: what was measured really round-trips
curl -sf "${AUTH[@]}" "http://127.0.0.1:$((HTTP + 2))/vnas/bench/big.bin" | cmp -s - "$WORK/big.bin" || { echo "big file read through blade-3 differs"; exit 1; }
curl -sf "${AUTH[@]}" "http://127.0.0.1:$((HTTP + 1))/vnas/bench/s$COUNT.bin" | cmp -s - "$WORK/small.bin" || { echo "small file differs"; exit 1; }
kill -0 "$JPID" || { echo "the cage died (heap cap?): $(tail -n 5 "$WORK/cage.log")"; exit 1; }

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
dp=$(mbps "$dci_put"); np=$(mbps "$ngx_put"); dg=$(mbps "$dci_get"); ng=$(mbps "$ngx_get")
echo "vnas ${SIZE_MB} MiB PUT: dci $dp MB/s, nginx $np MB/s, ratio $(ratio "$dp" "$np") (target >= 0.5)"
echo "vnas ${SIZE_MB} MiB GET: dci $dg MB/s, nginx $ng MB/s, ratio $(ratio "$dg" "$ng") (target >= 0.7)"
a=$(ops "$dci_sput"); b=$(ops "$ngx_sput"); c=$(ops "$dci_sget"); d=$(ops "$ngx_sget")
echo "vnas $COUNT x 4 KiB PUT: dci $a ops/s, nginx $b ops/s, ratio $(ratio "$a" "$b") (target >= 0.5)"
echo "vnas $COUNT x 4 KiB GET: dci $c ops/s, nginx $d ops/s, ratio $(ratio "$c" "$d") (target >= 0.5)"
peak=$(sort -n "$WORK/heap.samples" | tail -1)
echo "vnas heap: peak ${peak:-?} MiB used by the cage JVM (3 blades, -Xmx256m) (target < 256 MiB per blade)"
