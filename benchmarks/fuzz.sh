#!/usr/bin/env bash
# Fuzzes every Jazzer fuzz target (*FuzzTest) for a given time each, one after the other.
#
#   benchmarks/fuzz.sh [SECONDS_PER_TARGET] [FILTER]      e.g. benchmarks/fuzz.sh 600      (the issue's 10 minutes)
#                                                                benchmarks/fuzz.sh 60 Token (only targets matching)
#
# In a normal ./mvnw verify the same targets run in regression mode over their stored inputs
# (src/test/resources/<package>/<Class>Inputs/<method>/). Here JAZZER_FUZZ=1 makes Jazzer mutate them; a crash is
# written into that inputs folder (commit it with the fix, so it stays a regression input) and fails the run.
# The new corpus entries Jazzer finds go to .cifuzz-corpus/ in the module (not committed). One log per target in
# benchmarks/fuzz/logs/; the summary line per target (execs/s, coverage, crash) is printed at the end.
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
SECONDS_PER_TARGET="${1:-60}"
FILTER="${2:-}"
LOGS=benchmarks/fuzz/logs
mkdir -p "$LOGS"

# module  class  method   (every @FuzzTest in the repository)
TARGETS=$(grep -rl --include='*FuzzTest.java' '@FuzzTest' --exclude-dir=target . | sort | while read -r f; do
  module=${f#./}; module=${module%%/src/test/java/*}
  class=$(basename "$f" .java)
  grep -A1 '@FuzzTest' "$f" | grep -oE 'void [a-zA-Z0-9_]+\(' | sed 's/void //; s/(//' | while read -r m; do
    echo "$module $class $m"
  done
done)

echo "fuzz: $(echo "$TARGETS" | grep -c .) targets, ${SECONDS_PER_TARGET}s each; load average: $(cut -d' ' -f1-3 /proc/loadavg)"
status=0
summary=()
while read -r module class method; do
  [[ -z "$module" ]] && continue
  [[ -n "$FILTER" && "$class#$method" != *"$FILTER"* ]] && continue
  log="$LOGS/$class-$method.log"
  start=$(date +%s)
  # jazzer.internal.arg.N are libFuzzer arguments; appended last, they override the annotation's maxDuration
  # (-am: the module's reactor dependencies, test-support among them, compile up to date; only this target runs)
  JAZZER_FUZZ=1 ./mvnw -B -o test -pl "$module" -am \
    -Dtest="$class#$method" -Dsurefire.failIfNoSpecifiedTests=false \
    -Djazzer.internal.arg.0=fuzz -Djazzer.internal.arg.1=-max_total_time="$SECONDS_PER_TARGET" \
    >"$log" 2>&1
  rc=$?
  took=$(( $(date +%s) - start ))
  last=$(grep -aE '^#[0-9]+' "$log" | tail -1)
  execs=$(echo "$last" | grep -oE 'exec/s: [0-9]+' | grep -oE '[0-9]+')
  cov=$(echo "$last" | grep -oE 'cov: [0-9]+' | grep -oE '[0-9]+')
  ft=$(echo "$last" | grep -oE 'ft: [0-9]+' | grep -oE '[0-9]+')
  runs=$(echo "$last" | grep -oE '^#[0-9]+' | tr -d '#')
  crash=$(grep -aE 'crash-[0-9a-f]+|== Java Exception|FuzzTestFindingException' "$log" | head -1)
  line="$class#$method: rc=$rc ${took}s runs=${runs:-?} exec/s=${execs:-?} cov=${cov:-?} ft=${ft:-?}${crash:+ FINDING: $crash}"
  echo "fuzz: $line"
  summary+=("$line")
  ((rc == 0)) || status=1
done <<<"$TARGETS"

echo "fuzz: summary (load average $(cut -d' ' -f1-3 /proc/loadavg))"
printf '  %s\n' "${summary[@]}"
exit $status
