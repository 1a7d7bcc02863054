#!/usr/bin/env bash
# Vigil vs. SpotBugs + FindSecBugs on the labelled corpus (ci-plugin/src/test/java/dev/vigil/corpus, 11 weakness
# classes, vulnerable cases and safe look-alikes), in the same run: per class TP/FN/FP/TN, TPR, FPR and their
# difference (score.py), plus CPU time (user+sys of the whole process tree) and peak memory (largest process RSS) of
# each tool, measured with GNU time. Vigil runs as one JVM (CorpusBenchmark: import + the 11 rules); the peer runs
# as `mvn spotbugs:spotbugs` on Maven 3.8.7 (spotbugs-maven-plugin 4.10.3.0, SpotBugs 4.10.5, FindSecBugs 1.14.0,
# effort Max, threshold Low), whose Maven start-up is measured separately (`mvn validate`) so it can be subtracted.
# Usage: benchmarks/ci-plugin/corpus.sh [runs=3]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
RUNS="${1:-3}"
MVN38="${MVN38:-/usr/share/maven/bin/mvn}"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

echo "building ci-plugin and its test classes (the corpus)..." >&2
./mvnw -B -q -o -pl ci-plugin -am test-compile -Dspotless.check.skip=true -Dinvoker.skip >&2
./mvnw -B -q -o -pl ci-plugin dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$WORK/cp.txt" >&2
# the rule library comes from this checkout (ci-plugin/rules), never from a snapshot in the local repository
CP="ci-plugin/rules/target/classes:ci-plugin/target/classes:ci-plugin/target/test-classes:$(cat "$WORK/cp.txt")"
CORPUS=ci-plugin/target/test-classes/dev/vigil/corpus
echo "corpus: $(find "$CORPUS" -name '*.class' | wc -l) class files, $(grep -rl '@Expected(' ci-plugin/src/test/java/dev/vigil/corpus | wc -l) cases" >&2

mkdir -p "$WORK/bench" "$WORK/spotbugs/target/classes"
javac -nowarn -d "$WORK/bench" -cp "$CP" benchmarks/ci-plugin/src/dev/vigil/archrules/CorpusBenchmark.java
cp benchmarks/ci-plugin/spotbugs/pom.xml "$WORK/spotbugs/"
# the corpus (cases, their helper classes and the properties file they read) is what SpotBugs analyses; the real
# libraries the corpus calls are the peer project's dependencies, so they are on its aux classpath
mkdir -p "$WORK/spotbugs/target/classes/dev/vigil"
cp -r ci-plugin/target/test-classes/dev/vigil/corpus "$WORK/spotbugs/target/classes/dev/vigil/"
cp ci-plugin/target/test-classes/benchmark.properties ci-plugin/target/test-classes/employees.xml "$WORK/spotbugs/target/classes/"
echo "resolving the peer (first run, not measured)..." >&2
(cd "$WORK/spotbugs" && "$MVN38" -B -q spotbugs:spotbugs >&2)

measure() { # label, command...: prints "label cpu_seconds peak_rss_mb" per run
  local label="$1"; shift
  /usr/bin/time -f "%U %S %M" -o "$WORK/time.txt" "$@" >"$WORK/out.txt" 2>&1 || { cat "$WORK/out.txt" >&2; return 1; }
  awk -v l="$label" '{printf "%s %.2f %.0f\n", l, $1 + $2, $3 / 1024}' "$WORK/time.txt"
}

echo
echo "machine: $(nproc) cores, $(grep -m1 "model name" /proc/cpuinfo | cut -d: -f2 | xargs), $(java -version 2>&1 | head -1), load average $(cut -d" " -f1-3 /proc/loadavg)"
for i in $(seq "$RUNS"); do
  measure vigil java -Xmx1g -cp "$WORK/bench:$CP" dev.vigil.archrules.CorpusBenchmark "$CORPUS" "$WORK/vigil.csv"
  measure spotbugs+findsecbugs bash -c "cd '$WORK/spotbugs' && '$MVN38' -B -q -o spotbugs:spotbugs"
  measure maven-startup-only bash -c "cd '$WORK/spotbugs' && '$MVN38' -B -q -o validate"
done | tee "$WORK/runs.txt"
echo
echo "median CPU (user+sys, s) and peak RSS (MB) over $RUNS runs:"
for label in vigil spotbugs+findsecbugs maven-startup-only; do
  grep "^$label " "$WORK/runs.txt" | sort -k2 -n | awk -v l="$label" '{c[NR]=$2; m = m > $3 ? m : $3} END {printf "  %-22s %6.2f s CPU  %5d MB\n", l, c[int((NR+1)/2)], m}'
done
echo "load average after: $(cut -d" " -f1-3 /proc/loadavg)"
echo
python3 benchmarks/ci-plugin/score.py ci-plugin/src/test/java/dev/vigil/corpus "$WORK/vigil.csv" "$WORK/spotbugs/target/spotbugsXml.xml"
echo
echo "the benchmark-style cases alone (BenchmarkTestNNNNN, benchmark_style.py):"
python3 benchmarks/ci-plugin/score.py ci-plugin/src/test/java/dev/vigil/corpus "$WORK/vigil.csv" "$WORK/spotbugs/target/spotbugsXml.xml" BenchmarkTest
