#!/usr/bin/env bash
# Fuzzing: each Jazzer harness (a @FuzzTest of protocol or storage: the envelope codecs, the task
# codec, the package manifest parser, the WebDAV request bodies and If header) fuzzed in turn for
# an equal share of the time. Prints one line per harness with the executions run and the findings
# (inputs Jazzer wrote as crash-*, timeout-* or oom-* into the harness's inputs directory in
# src/test/resources, where plain `mvn verify` replays them), then a total line. Exits 1 if there
# is a finding. Coverage-guided corpora grow in <module>/.cifuzz-corpus/ (ignored by git) and are
# reused by the next run; each harness's log (libFuzzer's and the test JVM's, with the stack trace of
# every finding) is kept in target/fuzz/.
# Usage: bench/fuzz.sh   (FUZZ_MINUTES=10 in total by default; KEEP_GOING=5 distinct findings per
#        harness before it stops; HANG_SECONDS=20 for one input; ONLY=pattern picks harnesses)
set -euo pipefail
cd "$(dirname "$0")/.."
MINUTES=${FUZZ_MINUTES:-10}
KEEP_GOING=${KEEP_GOING:-5}
HANG_SECONDS=${HANG_SECONDS:-20}
ONLY=${ONLY:-}

# module, test, and the classes Jazzer instruments for coverage besides dci.** (the parsers' own
# libraries: Jackson and Woodstox, the JDK's Xerces for the WebDAV bodies)
P="com.fasterxml.jackson.**,com.ctc.wstx.**"
S="com.sun.org.apache.xerces.**"
HARNESSES=(
  "protocol dci.protocol.envelope.XmlEnvelopeCodecFuzzTest#decodeRefusesCleanlyOrRoundTrips $P"
  "protocol dci.protocol.envelope.XmlEnvelopeCodecFuzzTest#decodeAllRefusesCleanlyOrRoundTrips $P"
  "protocol dci.protocol.envelope.JsonEnvelopeCodecFuzzTest#decodeRefusesCleanlyOrRoundTrips $P"
  "protocol dci.protocol.task.TaskCodecFuzzTest#decodeRefusesCleanlyOrGivesAValidTask $P"
  "protocol dci.protocol.pkg.ManifestXmlFuzzTest#decodeRefusesCleanlyOrRoundTrips $P"
  "storage dci.storage.webdav.DavBodyFuzzTest#propfindRefusesCleanlyOrNamesKeys $S"
  "storage dci.storage.webdav.DavBodyFuzzTest#proppatchRefusesCleanlyOrKeepsWellFormedValues $S"
  "storage dci.storage.webdav.DavBodyFuzzTest#lockRefusesCleanlyOrKeepsAWellFormedOwner $S"
  "storage dci.storage.webdav.IfHeaderFuzzTest#parseRefusesCleanlyOrGivesNonEmptyLists -"
)
if [ -n "$ONLY" ]; then
  mapfile -t HARNESSES < <(printf '%s\n' "${HARNESSES[@]}" | grep -E -- "$ONLY")
fi
[ ${#HARNESSES[@]} -gt 0 ] || { echo "no harness matches ONLY=$ONLY" >&2; exit 1; }
SECONDS_EACH=$(( MINUTES * 60 / ${#HARNESSES[@]} ))
[ "$SECONDS_EACH" -ge 10 ] || SECONDS_EACH=10

LOGS=target/fuzz
mkdir -p "$LOGS"

# Compile once (the reactor, never `install`: the harnesses must see this tree's classes).
mvn -B -q test-compile -pl protocol,storage -am >"$LOGS/build.log" 2>&1 \
  || { echo "build failed: $(tail -20 "$LOGS/build.log")" >&2; exit 1; }

findings_in() { # DIR -> the finding files in it, one per line
  find "$1" -maxdepth 1 -type f \( -name 'crash-*' -o -name 'timeout-*' -o -name 'oom-*' \) 2>/dev/null | sort
}

total_runs=0
total_findings=0
for h in "${HARNESSES[@]}"; do
  read -r module test libs <<<"$h"
  instrument="dci.**"
  [ "$libs" = "-" ] || instrument="$instrument,$libs"
  class=${test%#*}
  method=${test#*#}
  pkg=${class%.*}
  inputs="$module/src/test/resources/${pkg//.//}/${class##*.}Inputs/$method"
  mkdir -p "$inputs"
  findings_in "$inputs" >"$LOGS/before"
  log="$LOGS/${class##*.}-$method.log"
  # Jazzer's JUnit fuzzing mode: one @FuzzTest per JVM; -timeout makes a hang on one input a finding.
  # -am keeps the upstream modules this tree's (their tests are filtered out by -Dtest).
  status=0
  JAZZER_FUZZ=1 JAZZER_MAX_DURATION="${SECONDS_EACH}s" JAZZER_KEEP_GOING="$KEEP_GOING" JAZZER_INSTRUMENT="$instrument" \
    timeout $(( SECONDS_EACH + 300 )) mvn -B test -pl "$module" -am -Dtest="$test" \
      -Dsurefire.failIfNoSpecifiedTests=false -Djazzer.internal.arg.0=fuzz \
      -Djazzer.internal.arg.1=-timeout="$HANG_SECONDS" >"$log" 2>&1 || status=$?
  cat "$module/target/surefire-reports/$class-output.txt" >>"$log" 2>/dev/null || true
  findings_in "$inputs" >"$LOGS/after"
  new=$(comm -13 "$LOGS/before" "$LOGS/after" | wc -l)
  runs=$(grep -aoE '^Done [0-9]+ runs' "$log" | tail -1 | awk '{print $2}' || true)
  [ -n "$runs" ] || runs=$(grep -aoE '^#[0-9]+' "$log" | tail -1 | tr -d '#' || true)
  [ -n "$runs" ] || runs=0
  note=""
  if [ "$status" -ne 0 ] && [ "$new" -eq 0 ]; then
    # failed without writing an input: a build problem, a JVM that died, or the outer time-out
    new=1
    note=" (run failed without an input, exit $status: $(grep -aE 'ERROR|Exception' "$log" | head -1 | cut -c1-160))"
  fi
  total_runs=$(( total_runs + runs ))
  total_findings=$(( total_findings + new ))
  printf 'fuzz %-70s %10d executions in %ds, %d findings%s\n' "$test" "$runs" "$SECONDS_EACH" "$new" "$note"
  comm -13 "$LOGS/before" "$LOGS/after" | sed 's/^/    new finding: /'
done
printf 'fuzz total: %d harnesses, %d executions in %d min, %d findings (logs in %s)\n' \
  "${#HARNESSES[@]}" "$total_runs" "$(( SECONDS_EACH * ${#HARNESSES[@]} / 60 ))" "$total_findings" "$LOGS"
[ "$total_findings" -eq 0 ]
