#!/usr/bin/env bash
# JMH microbenchmarks of the agent library's hot paths, against the current metrics-agent/target/classes.
#   benchmarks/metrics-agent/jmh/jmh.sh [JMH args...]     e.g.  jmh.sh Scrape -f 1 -wi 3 -i 5
#   benchmarks/metrics-agent/jmh/jmh.sh ScrapeCpu | RecordCpu   CPU time per operation instead of wall time (thread
#                                                   and process CPU, variants interleaved): usable on a shared machine
# Benchmarks: ScrapeBenchmark (10k-series scrape: Vigil's endpoint writer vs the Prometheus client's text writer),
# RecordBenchmark (one request through ServletRecorder vs a plain Micrometer timer as Spring Boot records it).
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../../.." && pwd)"
MVN="$ROOT/mvnw"
(cd "$ROOT" && "$MVN" -B -q -o -pl metrics-agent -am install -DskipTests -Dspotless.check.skip=true)
(cd "$HERE" && "$MVN" -B -q -o compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt)
CP="$ROOT/metrics-agent/target/classes:$HERE/target/classes:$(cat "$HERE/target/cp.txt")"
case "${1:-}" in
  ScrapeCpu | RecordCpu) exec "${JAVA:-java}" -Xms256m -Xmx256m -cp "$CP" "dev.vigil.metrics.bench.$1" ;;
  *) exec "${JAVA:-java}" -cp "$CP" org.openjdk.jmh.Main "$@" ;;
esac
