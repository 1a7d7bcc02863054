#!/usr/bin/env bash
# One command: builds the jwt-filter module and the JMH jar, then runs every jwt benchmark in one JVM fork each.
# Extra arguments go to JMH (e.g. ./run.sh -p alg=RS256 VerifyBenchmark). Results: benchmarks/out/jwt.{txt,json}.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"
./mvnw -B -q -pl jwt-filter -am -DskipTests -DskipITs install
./mvnw -B -q -f benchmarks/jwt/pom.xml -DskipTests -DskipITs package
mkdir -p benchmarks/out
ARGS=("$@")
[[ ${#ARGS[@]} -gt 0 ]] || ARGS=(-f 1 -wi 2 -w 1s -i 3 -r 1s)
java -jar benchmarks/jwt/target/jwt-benchmarks.jar "${ARGS[@]}" \
  -rf json -rff benchmarks/out/jwt.json "dev.vigil.bench.jwt" | tee benchmarks/out/jwt.txt
