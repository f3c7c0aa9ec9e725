#!/usr/bin/env bash
# Console benchmark, for the target "the console's first screen renders in <= 1 s from a cold
# browser on loopback": one blade (`dci node`) serves its web console at /console/, and, as the
# peer in the same run, nginx (Debian nginx-extras) serves a copy of the same files
# (app/src/main/resources/dci/console/) at /console/ on another loopback port, with the headers
# the blade sends (its Content-Security-Policy, nosniff, Referrer-Policy, X-Frame-Options,
# Cache-Control: copied from `curl -sI` of the blade's /console/).
#
# The driver, dci.bench.ConsoleLoad (Playwright for Java, the system Chromium), runs RUNS
# (default 10) rounds of one page load per server, alternating which goes first. Each load
# launches a NEW headless Chromium with a fresh profile (empty cache, no open connection;
# its launch is timed apart and is not in the figures), navigates to the console and takes,
# from the navigation's start: the time until the login form's #user input is visible (the
# figure; Playwright's waitFor, on the driver's clock), and the browser's own
# first-contentful-paint and navigation-timing domContentLoadedEventEnd (the page's scripts are
# ES modules: DOMContentLoaded waits until js/app.js and every module it imports have run).
# One load of each server before the rounds is not counted (the first Chromium launch reads its
# files from disk). A console error, page error (a CSP violation among them) or failed request
# fails the run. Each load's figures go to stderr; the medians to stdout as one line, with the
# ratio blade/nginx.
# WARM=N (default 0) first fetches each of the page's files N times from both servers with curl
# (kept-alive connections): the figures of a blade that has served a while, its JIT warm.
# CONSOLE_TRACE=1 prints each load's resource timing (connection, wait for the first byte).
# Usage: bench/console.sh            (RUNS=10 WARM=0; DCI_NO_BUILD=1 uses the jars as built)
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${RUNS:-10}
WARM=${WARM:-0}
free() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
HTTP=${HTTP:-$(free)}
PORT=${PORT:-$(free)}
NGINX_PORT=${NGINX_PORT:-$(free)}
TARGET_MS=1000

if ! command -v nginx >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ]; then apt-get install -y -q nginx-extras >/dev/null; else echo "needs nginx-extras"; exit 1; fi
fi
[ -x "${DCI_CHROMIUM:-/usr/bin/chromium}" ] || { echo "needs Chromium (apt-get install chromium)" >&2; exit 1; }
# the jars below, built in the reactor (nothing installed into ~/.m2); DCI_NO_BUILD=1 skips it
[ -n "${DCI_NO_BUILD:-}" ] || mvn -B -q -DskipTests package >/dev/null
CP="bench/target/dci-bench.jar:app/target/dci-app.jar:app/target/lib/*:bench/target/lib/*"

WORK=$(mktemp -d "${TMPDIR:-/tmp}/dci-console.XXXXXX")
NODE=""; NGINX=""
cleanup() {
  if [ -n "$NODE" ]; then kill "$NODE" 2>/dev/null && wait "$NODE" 2>/dev/null || true; fi
  if [ -n "$NGINX" ]; then kill "$NGINX" 2>/dev/null && wait "$NGINX" 2>/dev/null || true; fi
  rm -rf "$WORK"
}
trap cleanup EXIT
export DCI_NO_BUILD=1 XDG_CONFIG_HOME="$WORK/config"

bin/dci node --name blade-1 --port "$PORT" --http-port "$HTTP" --data "$WORK/data" >"$WORK/node.out" 2>&1 &
NODE=$!
for _ in $(seq 1 1200); do grep -q 'ready: blade-1 Up' "$WORK/node.out" && break; sleep 0.1; done
grep -q 'ready: blade-1 Up' "$WORK/node.out" || { echo "blade did not start: $(tail -5 "$WORK/node.out")" >&2; exit 1; }
BLADE="http://127.0.0.1:$HTTP/console/"

# nginx: the same files, the blade's headers on every answer (add_header ... always)
mkdir -p "$WORK/nginx/root" "$WORK/nginx/tmp"
cp -r app/src/main/resources/dci/console "$WORK/nginx/root/console"
# and uPlot, which the blade serves from its webjar at vendor/uplot/
mkdir -p "$WORK/nginx/root/console/vendor/uplot"
for f in uPlot.esm.js uPlot.min.css; do
  curl -sSf -o "$WORK/nginx/root/console/vendor/uplot/$f" "${BLADE}vendor/uplot/$f" || { echo "the blade did not serve vendor/uplot/$f" >&2; exit 1; }
done
curl -sSf -I "$BLADE" | tr -d '\r' \
  | grep -iE '^(content-security-policy|x-content-type-options|referrer-policy|x-frame-options|cache-control):' \
  | sed -E 's/^([^:]+): (.*)$/    add_header \1 "\2" always;/' >"$WORK/nginx/headers.conf"
grep -qi content-security-policy "$WORK/nginx/headers.conf" || { echo "the blade sent no Content-Security-Policy" >&2; exit 1; }
cat >"$WORK/nginx/nginx.conf" <<CONF
daemon off;
master_process off;
worker_processes 1;
pid $WORK/nginx/nginx.pid;
error_log $WORK/nginx/error.log;
events { worker_connections 1024; }
http {
  include /etc/nginx/mime.types;
  access_log off;
  client_body_temp_path $WORK/nginx/tmp;
  proxy_temp_path $WORK/nginx/tmp; fastcgi_temp_path $WORK/nginx/tmp; uwsgi_temp_path $WORK/nginx/tmp; scgi_temp_path $WORK/nginx/tmp;
  server {
    listen 127.0.0.1:$NGINX_PORT;
    root $WORK/nginx/root;
    location /console/ {
      include $WORK/nginx/headers.conf;
    }
  }
}
CONF
nginx -c "$WORK/nginx/nginx.conf" -p "$WORK/nginx" >/dev/null 2>&1 &
NGINX=$!
PEER="http://127.0.0.1:$NGINX_PORT/console/"
for _ in $(seq 1 50); do curl -sf -o /dev/null "$PEER" && break; sleep 0.1; done
curl -sf -o /dev/null "$PEER" || { echo "nginx did not start: $(cat "$WORK/nginx/error.log" 2>/dev/null)" >&2; exit 1; }
# the same bytes from both
for f in index.html js/app.js js/api.js console.css; do
  cmp -s <(curl -sf "$BLADE$f") <(curl -sf "$PEER$f") || { echo "blade and nginx differ on $f" >&2; exit 1; }
done

if [ "$WARM" -gt 0 ]; then
  for base in "$BLADE" "$PEER"; do
    for f in "" console.css favicon.svg js/app.js js/api.js js/dom.js js/screens/index.js js/screens/blades.js; do
      for _ in $(seq 1 "$WARM"); do printf 'url = "%s%s"\noutput = "/dev/null"\n' "$base" "$f"; done
    done >"$WORK/warm.cfg"
    curl -sSf -K "$WORK/warm.cfg"
  done
fi

java -Xmx256m -XX:+UseSerialGC -Dslf4j.internal.verbosity=ERROR -cp "$CP" dci.bench.ConsoleLoad "$BLADE" "$PEER" "$RUNS" \
  >"$WORK/result.out"
cat "$WORK/result.out" >&2
field() { grep "^RESULT server=$1 " "$WORK/result.out" | sed -E "s/.* $2=([0-9.]+).*/\1/"; }
awk -v b="$(field blade render)" -v n="$(field nginx render)" -v bf="$(field blade fcp)" -v nf="$(field nginx fcp)" \
    -v bd="$(field blade dcl)" -v nd="$(field nginx dcl)" -v bw="$(field blade worst)" -v l="$(field blade launch)" \
    -v runs="$RUNS" -v warm="$WARM" -v t="$TARGET_MS" 'BEGIN {
  printf "console first render (cold browser, loopback, median of %d%s): blade %.0f ms, nginx %.0f ms, ratio %.2f (target <= %d ms: %s; blade worst %.0f ms) | first-contentful-paint blade %.0f, nginx %.0f ms | DOMContentLoaded end blade %.0f, nginx %.0f ms | browser launch %.0f ms (not included)\n",
    runs, (warm > 0 ? ", servers warmed with " warm " fetches a file" : ""), b, n, b / n, t, (b <= t ? "met" : "MISSED"), bw, bf, nf, bd, nd, l }'
