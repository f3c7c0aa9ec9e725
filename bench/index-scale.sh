#!/usr/bin/env bash
# The location index's two stores side by side in one JVM (issue 25; dci.bench.IndexScale):
# IndexStore (a blade's share of the index on disk: H2 MVStore rows, a bounded page cache,
# group commit) against the Distributed Data index the volume uses today (whole shards merged
# and stored in LMDB on every change), on a cluster of three blades in one JVM with a blade's own Pekko
# configuration. Both get rows like bench/vnas-scale.sh's files: FILES in DIRS directories, then
# BIG in one; Distributed Data gets DDATA_FILES + DDATA_BIG (it slides, so fewer). Printed on one
# line: each one's change rate in the first and the last tenth, the live heap after a full
# collection, and for IndexStore the listing of the big directory (first page, then all of it).
# The JVM has HEAP_MB of heap (default 768: the three Distributed Data blades share it; the
# store's own live heap is what is measured against the target).
# Targets (issue 25, for the store a blade would keep): last tenth >= 0.8x the first, live heap
# < 256 MiB at 1 100 000 rows, the first page of the big directory <= 1 s.
# Usage: bench/index-scale.sh   (FILES=1000000 DIRS=1000 BIG=100000 DDATA_FILES=50000
#                                DDATA_BIG=10000 HEAP_MB=768 PORT=29720; QUICK=1: 100 000 + 10 000
#                                against 20 000 + 5 000)
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -n "${QUICK:-}" ]; then FILES=${FILES:-100000}; BIG=${BIG:-10000}; DDATA_FILES=${DDATA_FILES:-20000}; DDATA_BIG=${DDATA_BIG:-5000}; fi
FILES=${FILES:-1000000}
DIRS=${DIRS:-1000}
BIG=${BIG:-100000}
DDATA_FILES=${DDATA_FILES:-50000}
DDATA_BIG=${DDATA_BIG:-10000}
HEAP_MB=${HEAP_MB:-768}
PORT=${PORT:-29720}

bin/dci --help >/dev/null   # build first (skipped with DCI_NO_BUILD=1)
[ -n "${DCI_NO_BUILD:-}" ] || mvn -B -q -DskipTests package -pl bench >/dev/null
CP="bench/target/dci-bench.jar:app/target/dci-app.jar:app/target/lib/*"
WORK=$(mktemp -d "${TMPDIR:-/tmp}/dci-index-scale.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
java -XX:+UseParallelGC -Xms64m -Xmx"${HEAP_MB}"m -Dslf4j.internal.verbosity=ERROR \
  --add-opens java.base/java.nio=ALL-UNNAMED --add-opens java.base/sun.nio.ch=ALL-UNNAMED \
  -cp "$CP" dci.bench.IndexScale "$FILES" "$DIRS" "$BIG" "$DDATA_FILES" "$DDATA_BIG" "$WORK" "$PORT"
