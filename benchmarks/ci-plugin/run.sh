#!/usr/bin/env bash
# ci-plugin benchmark, one command: generates 500 manifests and 5,000 classes, then times the plugin's lint and
# vigil:arch code paths (PluginBenchmark: cold first run + warm median) and, when the CLI jar is built, the
# policy-linter CLI on the same manifests as the peer (hyperfine). Targets: lint <= 2 s, arch <= 10 s.
# Usage: benchmarks/ci-plugin/run.sh [runs=5]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
RUNS="${1:-5}"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

echo "building ci-plugin (./mvnw -q -o -pl ci-plugin -am package -DskipTests -Dinvoker.skip)..." >&2
./mvnw -B -q -o -pl ci-plugin -am package -DskipTests -Dinvoker.skip -Dspotless.check.skip=true >&2
./mvnw -B -q -o -pl ci-plugin dependency:build-classpath -Dmdep.includeScope=runtime -Dmdep.outputFile="$WORK/cp.txt" >&2
CP="ci-plugin/rules/target/classes:ci-plugin/target/classes:$(cat "$WORK/cp.txt")"

echo "generating 500 manifests and 5,000 classes in $WORK/project..." >&2
python3 benchmarks/ci-plugin/generate.py "$WORK/project" ci-plugin/src/it/clean-project/k8s/app.yaml
javac -nowarn -d "$WORK/project/target/classes" -cp "$CP" $(find "$WORK/project/src/main/java" -name '*.java') 2>&1 | tail -3
echo "classes: $(find "$WORK/project/target/classes" -name '*.class' | wc -l), manifests: $(find "$WORK/project/k8s" -name '*.yaml' | wc -l)"

mkdir -p "$WORK/bench"
javac -nowarn -d "$WORK/bench" -cp "$CP" benchmarks/ci-plugin/src/dev/vigil/maven/PluginBenchmark.java
echo
echo "machine: $(nproc) cores, $(grep -m1 "model name" /proc/cpuinfo | cut -d: -f2 | xargs), $(java -version 2>&1 | head -1), load average $(cut -d" " -f1-3 /proc/loadavg)"
java -Xmx2g -cp "$WORK/bench:$CP" dev.vigil.maven.PluginBenchmark "$WORK/project" "$WORK/project/k8s" \
  "$WORK/project/target/classes" "$RUNS" 2>/dev/null

CLI=policy-linter/cli/target/policy-linter.jar
if [[ -f "$CLI" ]] && command -v hyperfine >/dev/null; then
  echo
  echo "peer: policy-linter CLI on the same 500 manifests (new JVM each run, JSON to /dev/null)"
  hyperfine -N --warmup 1 --runs "$RUNS" -i --style basic \
    "java -jar $CLI lint --format json $WORK/project/k8s" 2>/dev/null | grep -E 'Time|Range' || true
fi
