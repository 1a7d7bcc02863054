#!/usr/bin/env bash
# Linter benchmark (not a test): one command, prints everything benchmarks/RESULTS.md records.
#   benchmarks/linter/run.sh [OBJECTS]        (default 10000)
# 1. generates a corpus of OBJECTS realistic objects (mixed kinds, half compliant)
# 2. in-process, after warm-up: YAML parse-only time, positioned load, rules, full lint, their ratio
# 3. whole-process wall time of `vigil lint` (java -jar policy-linter.jar) over the corpus and over one small
#    file, with hyperfine when installed (Debian package `hyperfine`), else a timing loop; with and without
#    AppCDS (JDK 17 dynamic archive; JDK 19+ -XX:+AutoCreateSharedArchive when a JDK 25 is present)
# Peers: kube-linter, kubeconform and kube-score ship as Go binaries outside the reachable registries, and
# Checkov (PyPI) cannot be installed here, so no peer runs; see benchmarks/RESULTS.md.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"
OBJECTS="${1:-10000}"
JAR="$ROOT/policy-linter/cli/target/policy-linter.jar"
WORK="${TMPDIR:-/tmp}/vigil-lint-bench"
CORPUS="$WORK/corpus-$OBJECTS"
SMALL="$ROOT/examples/manifests/shop/web.yaml"
JAVA17="${JAVA:-java}"
JDK25="/usr/lib/jvm/temurin-25-jdk-amd64/bin/java"
RUNS="${RUNS:-5}"

if [[ ! -f "$JAR" ]]; then
  echo "building $JAR ..." >&2
  ./mvnw -B -q -pl policy-linter/cli -am package -DskipTests >&2
fi
mkdir -p "$WORK"
[[ -d "$CORPUS" ]] || python3 benchmarks/linter/gen_corpus.py "$CORPUS" "$OBJECTS"

echo "== machine"
echo "date:   $(date -u '+%Y-%m-%d %H:%M UTC')"
echo "cpu:    $(nproc) x $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')"
echo "load:   $(cut -d' ' -f1-3 /proc/loadavg) (1/5/15 min)"
echo "java:   $("$JAVA17" -version 2>&1 | head -1)"
echo "corpus: $OBJECTS objects, $(ls "$CORPUS" | wc -l) files, $(du -sh "$CORPUS" | cut -f1)"

echo
echo "== in-process (JIT warm, median of 5 rounds)"
"$JAVA17" -cp "$JAR" benchmarks/linter/LintBench.java "$CORPUS" 5 --per-rule

echo
echo "== whole process: vigil lint = java -jar policy-linter.jar (exit 1 = findings, expected)"
ARCHIVE17="$WORK/policy-linter-jdk17.jsa"
rm -f "$ARCHIVE17"
"$JAVA17" -XX:ArchiveClassesAtExit="$ARCHIVE17" -jar "$JAR" "$SMALL" >/dev/null 2>&1 || true
declare -a NAMES CMDS
add() { NAMES+=("$1"); CMDS+=("$2"); }
add "small file, JDK 17"                    "$JAVA17 -jar $JAR $SMALL"
add "small file, JDK 17 + AppCDS"           "$JAVA17 -XX:SharedArchiveFile=$ARCHIVE17 -jar $JAR $SMALL"
add "small file, JDK 17 + AppCDS + C1 only" "$JAVA17 -XX:SharedArchiveFile=$ARCHIVE17 -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -jar $JAR $SMALL"
add "corpus, JDK 17"                        "$JAVA17 -jar $JAR $CORPUS"
add "corpus, JDK 17 + AppCDS"               "$JAVA17 -XX:SharedArchiveFile=$ARCHIVE17 -jar $JAR $CORPUS"
if [[ -x "$JDK25" ]]; then
  ARCHIVE25="$WORK/policy-linter-jdk25.jsa"
  rm -f "$ARCHIVE25"
  "$JDK25" -XX:SharedArchiveFile="$ARCHIVE25" -XX:+AutoCreateSharedArchive -jar "$JAR" "$SMALL" >/dev/null 2>&1 || true
  add "small file, JDK 25 + AutoCreateSharedArchive" "$JDK25 -XX:SharedArchiveFile=$ARCHIVE25 -XX:+AutoCreateSharedArchive -jar $JAR $SMALL"
  add "corpus, JDK 25 + AutoCreateSharedArchive"     "$JDK25 -XX:SharedArchiveFile=$ARCHIVE25 -XX:+AutoCreateSharedArchive -jar $JAR $CORPUS"
fi

if command -v hyperfine >/dev/null 2>&1; then
  args=()
  for i in "${!NAMES[@]}"; do args+=(-n "${NAMES[$i]}" "${CMDS[$i]}"); done
  hyperfine -N -i --warmup 1 --runs "$RUNS" --export-markdown "$WORK/wall.md" "${args[@]}" >/dev/null
  cat "$WORK/wall.md"
else
  echo "(hyperfine not installed: apt-get install hyperfine; timing loop of $RUNS runs, mean)"
  for i in "${!NAMES[@]}"; do
    total=0
    for ((r = 0; r < RUNS; r++)); do
      t0=$(date +%s%N); ${CMDS[$i]} >/dev/null 2>&1 || true; t1=$(date +%s%N)
      total=$((total + t1 - t0))
    done
    printf '%-48s %8.1f ms\n' "${NAMES[$i]}" "$(echo "$total / $RUNS / 1000000" | bc -l)"
  done
fi
echo
echo "goals: full lint <= 1.5x parse-only; corpus (10,000 objects) <= 3 s whole process; one small file <= 0.5 s"
