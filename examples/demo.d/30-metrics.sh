#!/usr/bin/env bash
# metrics-agent: attach -javaagent:metrics-agent.jar to an unchanged app, make a few requests, show /metrics,
# lint it with promtool. The app is examples/demo-service when it has been built, else the agent module's Jetty 12
# sample, compiled here against the Jetty jars the build copied to metrics-agent/target/it-lib.
set -euo pipefail
cd "${VIGIL_HOME:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)}"

AGENT=metrics-agent/target/metrics-agent.jar
[[ -f "$AGENT" ]] || { echo "metrics demo: $AGENT missing; run ./mvnw -q -DskipTests install" >&2; exit 1; }
WORK="$(mktemp -d)"
APP_PID=""
cleanup() {
  if [[ -n "$APP_PID" ]]; then kill "$APP_PID" 2>/dev/null || true; wait "$APP_PID" 2>/dev/null || true; fi
  rm -rf "$WORK"
}
trap cleanup EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
APP_PORT="$(free_port)"

DEMO_JAR="${VIGIL_METRICS_DEMO_JAR-examples/demo-service/target/demo-service.jar}"
if [[ -f "$DEMO_JAR" ]]; then
  # the JWT demo service, unchanged: its own filter answers 401s, its jwt-filter meters live in Micrometer's global
  # registry and show up on the agent's endpoint through the bridge
  printf 'vigil.jwt.audience=demo-api\nvigil.jwt.session.enabled=true\ndemo.user.alice=wonderland\n' >"$WORK/demo.properties"
  echo "app: $DEMO_JAR (unchanged), agent: $AGENT"
  APP=(-jar "$DEMO_JAR" --port "$APP_PORT" --config "$WORK/demo.properties")
  READY="listening on"
  PATHS=(/healthz /api/me /api/me/../me /no/such/page/42)
else
  LIB=metrics-agent/target/it-lib/jetty12
  [[ -d "$LIB" ]] || { echo "metrics demo: $LIB missing; run ./mvnw -q -DskipTests install" >&2; exit 1; }
  javac -nowarn -d "$WORK/classes" -cp "$LIB/*" metrics-agent/src/it/samples/jetty12/SampleApp.java
  echo "app: unchanged Jetty 12 sample (metrics-agent/src/it/samples/jetty12), agent: $AGENT"
  APP=(-cp "$WORK/classes:$LIB/*" SampleApp "$APP_PORT")
  READY="LISTENING"
  PATHS=(/items/42 /items/43 /items/7?q=secret /healthz /boom /secure/9)
fi

echo "\$ java -javaagent:$AGENT=port=0,portFile=\$WORK/metrics.port ${APP[*]}"
java -javaagent:"$AGENT"=port=0,portFile="$WORK/metrics.port" -Xmx128m "${APP[@]}" >"$WORK/app.log" 2>&1 &
APP_PID=$!
for _ in $(seq 100); do [[ -s "$WORK/metrics.port" ]] && grep -q "$READY" "$WORK/app.log" && break; sleep 0.1; done
[[ -s "$WORK/metrics.port" ]] || { echo "metrics demo: agent did not start"; cat "$WORK/app.log"; exit 1; }
METRICS_PORT="$(cat "$WORK/metrics.port")"
grep '\[vigil-metrics\]' "$WORK/app.log" || true

for p in "${PATHS[@]}"; do
  code="$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$APP_PORT$p")"
  echo "GET $p -> $code"
done

curl -fsS "http://127.0.0.1:$METRICS_PORT/metrics" >"$WORK/metrics.txt"
echo "--- /metrics (a few lines of $(wc -l <"$WORK/metrics.txt")) ---"
grep -E '^http_server_requests_seconds_count' "$WORK/metrics.txt" | head -6
grep -E '^(jvm_memory_used_bytes\{area="heap"|jvm_threads_live_threads|process_cpu_usage|metrics_agent_info)' \
  "$WORK/metrics.txt" | head -5
grep -E '^vigil_jwt_' "$WORK/metrics.txt" | head -3 || true
grep -q 'http_server_requests_seconds_count{' "$WORK/metrics.txt" || { echo "metrics demo: no HTTP metrics"; exit 1; }
if grep -E '^http_server_requests_seconds_count.*uri="/(items/4[23]|no/such/page/42)"' "$WORK/metrics.txt"; then
  echo "metrics demo: raw path leaked into uri"; exit 1
fi

if command -v promtool >/dev/null 2>&1; then
  echo "--- promtool check metrics ---"
  promtool check metrics <"$WORK/metrics.txt" && echo "promtool: no problems"
else
  echo "(promtool not installed: apt-get install prometheus to lint the output)"
fi
