#!/usr/bin/env bash
# JMH microbenchmarks of the library's and the agent's hot paths, against the current metrics/target/classes and
# metrics-agent/target/classes.
#   benchmarks/metrics-agent/jmh/jmh.sh [JMH args...]     e.g.  jmh.sh Scrape -f 1 -wi 3 -i 5
#   benchmarks/metrics-agent/jmh/jmh.sh ScrapeCpu | RecordCpu   CPU time per operation instead of wall time (thread
#                                                   and process CPU, variants interleaved): usable on a shared machine
# Benchmarks: ScrapeBenchmark (10k-series scrape: Vigil's endpoint writer vs the Prometheus client's text writer),
# RecordBenchmark (one request through ServletRecorder vs a plain Micrometer timer as Spring Boot records it),
# GuardBenchmark (one guarded JDK call with guard=detect vs none; `jmh.sh Guard`: the packaged agent jar attaches itself
# in the guarded fork, so the class path leaves the agent's unshaded classes out; `jmh.sh GuardCpu`: the same in CPU
# time, processes with and without the guard alternated, plus the hook alone; `ROUNDS=5 PRIO="chrt -r 50" jmh.sh GuardCpu`
# for more rounds at real-time priority on a shared machine), GuardRequestBenchmark (what guard=detect
# adds to one servlet request that fires nothing: the servlet hook's per-request path with the guard's request tracking
# off and on, in forks of one run; `jmh.sh GuardRequest`, or `jmh.sh GuardRequestCpu` in CPU time, processes alternated),
# GuardWebFluxCpu (`jmh.sh GuardWebFluxCpu`: a WebFlux request's subscription as the agent returns it with the guard off
# and through the guard's request context, CPU time, 3 processes), WebFluxRecordBenchmark (exactly what the agent adds
# to one WebFlux request: Spring's HttpWebHandlerAdapter with and without the agent's advice and recorder; `jmh.sh
# WebFluxRecord`, or `jmh.sh WebFluxRecordCpu` in thread CPU time, variants interleaved, 3 processes).
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../../.." && pwd)"
MVN="$ROOT/mvnw"
(cd "$ROOT" && "$MVN" -B -q -o -pl metrics-agent -am install -DskipTests -Dspotless.check.skip=true)
(cd "$HERE" && "$MVN" -B -q -o compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt)
CP="$ROOT/metrics/target/classes:$ROOT/metrics-agent/target/classes:$HERE/target/classes:$(cat "$HERE/target/cp.txt")"
case "${1:-}" in
  GuardRequestCpu)
    for round in 1 2 3; do
      for mode in off detect; do
        echo "== round $round, guard=$mode"
        "${JAVA:-java}" -Xms256m -Xmx256m -cp "$CP" dev.vigil.metrics.bench.GuardRequestCpu "$mode"
      done
    done ;;
  GuardWebFluxCpu)
    for round in 1 2 3; do "${JAVA:-java}" -Xms256m -Xmx256m -cp "$CP" dev.vigil.metrics.bench.GuardWebFluxCpu; done ;;
  WebFluxRecordCpu)
    for round in 1 2 3; do "${JAVA:-java}" -Xms256m -Xmx256m -cp "$CP" dev.vigil.metrics.bench.WebFluxRecordCpu; done ;;
  WebFluxRecord | WebFluxRecordBenchmark)
    exec "${JAVA:-java}" -cp "$CP" org.openjdk.jmh.Main "WebFluxRecordBenchmark" "${@:2}" ;;
  GuardRequest*) exec "${JAVA:-java}" -cp "$CP" org.openjdk.jmh.Main "GuardRequestBenchmark" "${@:2}" ;;
  Guard | GuardBenchmark)
    (cd "$ROOT" && "$MVN" -B -q -o -pl metrics-agent -am package -DskipTests -Dspotless.check.skip=true)
    GCP="$HERE/target/classes:$(tr ':' '\n' <"$HERE/target/cp.txt" | grep -v 'vigil-metrics-agent' | paste -sd:)"
    exec "${JAVA:-java}" -Dvigil.bench.agentJar="$ROOT/metrics-agent/target/metrics-agent.jar" -cp "$GCP" \
      org.openjdk.jmh.Main "GuardBenchmark" "${@:2}" ;;
  GuardCpu)
    (cd "$ROOT" && "$MVN" -B -q -o -pl metrics-agent -am package -DskipTests -Dspotless.check.skip=true)
    GCP="$HERE/target/classes:$(tr ':' '\n' <"$HERE/target/cp.txt" | grep -v 'vigil-metrics-agent' | paste -sd:)"
    # ROUNDS (default 3) alternations; PRIO, e.g. "chrt -r 50", prefixes the measuring JVMs only (not the build)
    for round in $(seq 1 "${ROUNDS:-3}"); do
      for mode in none detect; do
        echo "== round $round, guard=$mode"
        ${PRIO:-} "${JAVA:-java}" -Xms256m -Xmx256m -Djdk.attach.allowAttachSelf=true \
          -Dvigil.bench.agentJar="$ROOT/metrics-agent/target/metrics-agent.jar" -cp "$GCP" \
          dev.vigil.metrics.bench.GuardCpu "$mode"
      done
    done ;;
  ScrapeCpu | RecordCpu) exec "${JAVA:-java}" -Xms256m -Xmx256m -cp "$CP" "dev.vigil.metrics.bench.$1" ;;
  *) exec "${JAVA:-java}" -cp "$CP" org.openjdk.jmh.Main "$@" ;;
esac
