#!/usr/bin/env bash
# Coverage-guided fuzzing of the parsers with Jazzer, each target for a fixed time.
#
#   bench/scripts/fuzz.sh [DURATION]        DURATION as Jazzer takes it (default 10m), e.g. 3m, 600s
#
# Runs every @FuzzTest in fuzzing mode (Maven profile -Pfuzz, never part of the normal build) and
# prints, per target, libFuzzer's last status line (executions, coverage "cov", features "ft").
# A finding fails the run; Jazzer stores the crashing input under the module's
# src/test/resources/<package>/<Class>Inputs/, and it belongs in a regression test.
set -euo pipefail
cd "$(dirname "$0")/../.."
DURATION="${1:-10m}"
TARGETS=(
  "protocol RespDecoderFuzzTest"
  "engine FilterParserFuzzTest"
  "server SettingsFuzzTest"
  "server AclRulesFuzzTest"
)
mkdir -p target/fuzz
status=0
for t in "${TARGETS[@]}"; do
  set -- $t
  module=$1; cls=$2
  log="target/fuzz/$cls.log"
  echo "== $cls ($module) for $DURATION"
  if ! mvn -o -Pfuzz -pl "$module" -am test -Dtest="$cls" -Dsurefire.failIfNoSpecifiedTests=false \
      -Djazzer.max_duration="$DURATION" >"$log" 2>&1; then
    echo "   FINDING or failure: see $log"; status=1
  fi
  grep -E "^#[0-9]+[[:space:]]+(DONE|pulse|REDUCE|NEW|INITED)" "$log" | tail -1 | sed "s/^/   last status: /" || true
  grep -E "^Done [0-9]+ runs" "$log" | sed "s/^/   /" || true
done
exit $status
