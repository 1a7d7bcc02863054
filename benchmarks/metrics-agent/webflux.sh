#!/usr/bin/env bash
# WebFlux row: the Spring Boot 4 WebFlux sample (metrics-agent/src/it/samples/spring-webflux, Reactor Netty, Actuator)
# with no agent, Vigil's metrics agent and the OpenTelemetry Java agent (Prometheus exporter only), interleaved round
# by round in one run; GET /fast/{id} (answered on the event loop, so the instrumentation is a visible share).
#   benchmarks/metrics-agent/webflux.sh [ROUNDS]      (default 3; needs wrk, hey, curl, python3)
# Vigil runs with coexist=agent: it records every request itself (the default, coexist=app, serves Actuator's own
# series instead and records nothing). Prints a markdown table and writes it to target/webflux.md.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
ROUNDS="${1:-3}"
DURATION="${DURATION:-6}"
JAVA="${JAVA:-java}"
OUT="$HERE/target"
mkdir -p "$OUT"
for tool in wrk hey curl python3; do command -v "$tool" >/dev/null || { echo "webflux.sh: $tool missing" >&2; exit 1; }; done

AGENT="${AGENT:-$ROOT/metrics-agent/target/metrics-agent.jar}"
LIB="$ROOT/metrics-agent/target/it-lib/boot4-webflux"
if [[ ! -f "$AGENT" || ! -d "$LIB" ]]; then
  (cd "$ROOT" && ./mvnw -B -q -pl metrics-agent -am verify -Dtest=NoSuchTest -Dsurefire.failIfNoSpecifiedTests=false \
    -Dit.test=NoSuchIT -Dfailsafe.failIfNoSpecifiedTests=false)
fi
(cd "$ROOT" && ./mvnw -B -q -f benchmarks/metrics-agent/pom.xml process-resources)
OTEL="$OUT/peers/opentelemetry-javaagent.jar"
javac -nowarn --release 17 -d "$OUT/webflux-app" -cp "$LIB/*" \
  "$ROOT/metrics-agent/src/it/samples/spring-webflux/SpringWebFluxApp.java"

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
PID=""
stop_app() { if [[ -n "$PID" ]]; then kill "$PID" 2>/dev/null || true; wait "$PID" 2>/dev/null || true; PID=""; fi; }
trap stop_app EXIT

start() { # VARIANT: sets PID, APP_PORT
  local variant="$1" mp; mp="$(free_port)"; APP_PORT="$(free_port)"
  local agent=()
  case "$variant" in
    none) ;;
    vigil) agent=("-javaagent:$AGENT=port=$mp,coexist=agent") ;;
    otel) agent=("-javaagent:$OTEL" -Dotel.metrics.exporter=prometheus -Dotel.exporter.prometheus.host=127.0.0.1
                 "-Dotel.exporter.prometheus.port=$mp" -Dotel.traces.exporter=none -Dotel.logs.exporter=none) ;;
  esac
  "$JAVA" -Xms256m -Xmx256m -XX:+AlwaysPreTouch "${agent[@]}" -cp "$OUT/webflux-app:$LIB/*" \
    sample.webflux.SpringWebFluxApp "$APP_PORT" >"$OUT/webflux-$variant.log" 2>&1 &
  PID=$!
  until curl -fs -o /dev/null "http://127.0.0.1:$APP_PORT/fast/1"; do
    kill -0 "$PID" 2>/dev/null || { echo "webflux.sh: $variant exited"; cat "$OUT/webflux-$variant.log"; exit 1; }
    sleep 0.05
  done
}
throughput() { wrk -t1 -c16 -d"${DURATION}s" "http://127.0.0.1:$APP_PORT/fast/42" | awk '/Requests\/sec/ {print $2}'; }
p99_us() { # $1 = total rate
  local per=$(( $1 / 4 )); ((per > 0)) || per=1
  hey -z "${DURATION}s" -c 4 -q "$per" "http://127.0.0.1:$APP_PORT/fast/42" | awk '/ 99% in/ {printf "%.0f", $3 * 1000000}'
}

RAW="$OUT/webflux.tsv"
printf 'round\tvariant\trps\tp99_us\tload1\n' >"$RAW"
for round in $(seq "$ROUNDS"); do
  rate=""
  for v in none vigil otel; do
    start "$v"
    wrk -t1 -c16 -d3s "http://127.0.0.1:$APP_PORT/fast/42" >/dev/null   # warm-up
    rps="$(throughput)"
    [[ "$v" == none ]] && rate="$(python3 -c "print(int(float('$rps') * 0.5))")"
    p99="$(p99_us "$rate")"
    printf '%s\t%s\t%s\t%s\t%s\n' "$round" "$v" "$rps" "$p99" "$(cut -d' ' -f1 /proc/loadavg)" | tee -a "$RAW"
    stop_app
  done
done

python3 - "$RAW" "$ROUNDS" "$(nproc)" "$("$JAVA" -version 2>&1 | head -1)" <<'PY' | tee "$OUT/webflux.md"
import csv, statistics, sys
raw, rounds, cpus, java = sys.argv[1:5]
rows = list(csv.DictReader(open(raw), delimiter="\t"))
def med(v, k): return statistics.median(float(r[k]) for r in rows if r["variant"] == v)
loads = [float(r["load1"]) for r in rows]
print(f"{rounds} interleaved rounds, medians; {cpus} CPUs; {java}; load average (1 min) {min(loads):.1f}-{max(loads):.1f}\n")
print("| WebFlux (Boot 4, Reactor Netty) | throughput | throughput loss | p99 at 50 % load | p99 added |")
print("|---|---:|---:|---:|---:|")
base_rps, base_p99 = med("none", "rps"), med("none", "p99_us")
names = {"none": "no agent", "vigil": "Vigil metrics-agent (coexist=agent)", "otel": "OpenTelemetry agent 2.33.1"}
for v in ("none", "vigil", "otel"):
    rps, p99 = med(v, "rps"), med(v, "p99_us")
    loss = "" if v == "none" else f"{(base_rps - rps) / base_rps * 100:.1f} %"
    added = "" if v == "none" else f"{p99 - base_p99:+.0f} µs"
    print(f"| {names[v]} | {rps:.0f} req/s | {loss} | {p99:.0f} µs | {added} |")
PY
