#!/usr/bin/env bash
# Fuzzes every Jazzer fuzz target (*FuzzTest) for a given time each.
#
#   benchmarks/fuzz.sh [SECONDS_PER_TARGET] [FILTER]      e.g. benchmarks/fuzz.sh 600      (the issue's 10 minutes)
#                                                                benchmarks/fuzz.sh 60 Token (only targets matching)
#   PARALLEL=2 NICE=10 benchmarks/fuzz.sh 600             two targets at a time (lanes), each at nice 10
#   FUZZ_HEAP=1g (default)                                  the fuzzing JVM's -Xmx: bounded memory is a property too,
#                                                           an input that needs more heap is an OutOfMemoryError finding
#
# FILTER is a substring of "Class#method" or an extended regex (grep -E) over it, e.g. 'Token|Scrape'.
# In a normal ./mvnw verify the same targets run in regression mode over their stored inputs
# (src/test/resources/<package>/<Class>Inputs/<method>/). Here JAZZER_FUZZ=1 makes Jazzer mutate them; a crash is
# written into that inputs folder (commit it with the fix, so it stays a regression input) and fails the run.
# The new corpus entries Jazzer finds go to .cifuzz-corpus/ in the module (not committed). One log per target in
# benchmarks/fuzz/logs/; the summary line per target (execs/s, coverage, crash, load average) is printed at the end.
# With PARALLEL > 1 the modules are compiled once first, so the lanes' Maven runs find everything up to date.
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
SECONDS_PER_TARGET="${1:-60}"
FILTER="${2:-}"
PARALLEL="${PARALLEL:-1}"
NICE="${NICE:-0}"
FUZZ_HEAP="${FUZZ_HEAP:-1g}"
LOGS=benchmarks/fuzz/logs
mkdir -p "$LOGS"

# module  class  method   (every @FuzzTest in the repository)
TARGETS=$(grep -rl --include='*FuzzTest.java' '@FuzzTest' --exclude-dir=target . | sort | while read -r f; do
  module=${f#./}; module=${module%%/src/test/java/*}
  class=$(basename "$f" .java)
  grep -A1 '@FuzzTest' "$f" | grep -oE 'void [a-zA-Z0-9_]+\(' | sed 's/void //; s/(//' | while read -r m; do
    echo "$module $class $m"
  done
done | while read -r module class method; do
  if [[ -z "$FILTER" || "$class#$method" == *"$FILTER"* ]] || echo "$class#$method" | grep -qE -- "$FILTER"; then
    echo "$module $class $method"
  fi
done)
count=$(echo "$TARGETS" | grep -c .)

echo "fuzz: $count targets, ${SECONDS_PER_TARGET}s each, $PARALLEL at a time, nice $NICE, heap $FUZZ_HEAP; load average: $(cut -d' ' -f1-3 /proc/loadavg)"

# one target; prints its summary line and returns its exit code
fuzz_one() {
  local module=$1 class=$2 method=$3
  local log="$LOGS/$class-$method.log" start load0 rc took last execs cov ft runs crash
  start=$(date +%s)
  load0=$(cut -d' ' -f1 /proc/loadavg)
  # jazzer.internal.arg.N are libFuzzer arguments; appended last, they override the annotation's maxDuration
  # (-am: the module's reactor dependencies, test-support among them, compile up to date; only this target runs,
  # only in the fuzz-regression execution: with -Dtest the default execution would select it too and fuzz it twice)
  JAZZER_FUZZ=1 JAVA_TOOL_OPTIONS="-Xmx$FUZZ_HEAP" nice -n "$NICE" ./mvnw -B -o -pl "$module" -am \
    test-compile surefire:test@fuzz-regression \
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
  echo "$class#$method: rc=$rc ${took}s runs=${runs:-?} exec/s=${execs:-?} cov=${cov:-?} ft=${ft:-?}" \
    "load=${load0}..$(cut -d' ' -f1 /proc/loadavg) $(date -u +%H:%M)Z${crash:+ FINDING: $crash}"
  return $rc
}

if ((PARALLEL > 1)); then
  modules=$(echo "$TARGETS" | awk 'NF {print $1}' | sort -u | paste -sd, -)
  echo "fuzz: compiling $modules once for the lanes"
  nice -n "$NICE" ./mvnw -B -o -q test-compile -pl "$modules" -am >"$LOGS/compile.log" 2>&1 \
    || { echo "fuzz: compile failed, see $LOGS/compile.log"; exit 2; }
fi

status=0
summary_dir=$(mktemp -d)
lane=0
while ((lane < PARALLEL)); do
  (
    i=0
    while read -r module class method; do
      [[ -z "$module" ]] && continue
      if ((i++ % PARALLEL == lane)); then
        line=$(fuzz_one "$module" "$class" "$method")
        rc=$?
        echo "fuzz: $line"
        printf '%s\n' "$line" >>"$summary_dir/lane-$lane"
        ((rc == 0)) || touch "$summary_dir/failed"
      fi
    done <<<"$TARGETS"
  ) &
  lane=$((lane + 1))
done
wait
[[ -e "$summary_dir/failed" ]] && status=1

echo "fuzz: summary (load average $(cut -d' ' -f1-3 /proc/loadavg))"
cat "$summary_dir"/lane-* 2>/dev/null | sed 's/^/  /'
rm -rf "$summary_dir"
exit $status
