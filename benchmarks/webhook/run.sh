#!/usr/bin/env bash
# Admission webhook load benchmark (one command): ./benchmarks/webhook/run.sh
#
# Builds the webhook jar and the load generator, makes a dev CA, then on loopback HTTPS (TLS 1.3, keep-alive):
#   1. transport ceiling: TransportCeilingServer (this benchmark's own code: the webhook's Jetty/TLS settings, one
#      fixed AdmissionReview answer, no parsing, no engine; the product has no such mode): throughput at saturation (closed loop) and latency at 1,000/s (open loop);
#   2. the real server (--no-kube, default levels: enforce pss-baseline, warn+audit recommended, heap -Xmx256m):
#      saturation, 1,000/s open loop (p99 / p99.9 from intended send time), 2x saturation open loop (every answer
#      must come before the 3 s deadline; excess is shed with an explicit 429), peak heap from /metrics.
# Environment: DURATION (s, default 20), WARMUP (s, default 8), CONCURRENCY (closed loop, default 32),
# SKIP_BUILD=1 (reuse the built jars). The server's CPU time per request (all threads, /proc) is printed per phase:
# unlike throughput it does not depend on what else runs on this shared machine.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"
DURATION="${DURATION:-20}"
WARMUP="${WARMUP:-8}"
CONCURRENCY="${CONCURRENCY:-32}"
JAR="$ROOT/admission-webhook/target/admission-webhook.jar"

if [[ "${SKIP_BUILD:-0}" != 1 ]]; then # SKIP_BUILD=1 reuses the jars already built
  echo "== building" >&2
  ./mvnw -B -q -pl admission-webhook -am -Dmaven.test.skip=true -Dspotless.check.skip=true install >&2
  ./mvnw -B -q -f benchmarks/webhook/pom.xml package >&2
fi
CP="$ROOT/benchmarks/webhook/target/classes:$(cat "$ROOT/benchmarks/webhook/target/classpath.txt")"

TMP="$(mktemp -d)"
SERVER_PID=""
SAMPLER_PID=""
cleanup() {
  [[ -n "$SAMPLER_PID" ]] && kill "$SAMPLER_PID" 2>/dev/null || true
  [[ -n "$SERVER_PID" ]] && kill "$SERVER_PID" 2>/dev/null && wait "$SERVER_PID" 2>/dev/null || true
  rm -rf "$TMP"
}
trap cleanup EXIT
java -jar "$JAR" cert --dns localhost 127.0.0.1 --out "$TMP/pki" >/dev/null

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

start_server() { # args: ceiling|webhook, then extra serve options
  PORT="$(free_port)"
  local kind="$1"
  shift
  local jvm=(java -Xms256m -Xmx256m -XX:+ExitOnOutOfMemoryError -Dorg.slf4j.simpleLogger.defaultLogLevel=warn)
  local tls=(--address 127.0.0.1 --port "$PORT" --tls-cert "$TMP/pki/tls.crt" --tls-key "$TMP/pki/tls.key")
  if [[ "$kind" == ceiling ]]; then
    "${jvm[@]}" -cp "$CP" dev.vigil.bench.webhook.TransportCeilingServer "${tls[@]}" >"$TMP/server.log" 2>&1 &
  else
    "${jvm[@]}" -jar "$JAR" serve --no-kube "${tls[@]}" --shutdown-delay 0s "$@" >"$TMP/server.log" 2>&1 &
  fi
  SERVER_PID=$!
  for _ in $(seq 1 200); do
    if curl -fsS --cacert "$TMP/pki/ca.crt" "https://127.0.0.1:$PORT/readyz" >/dev/null 2>&1; then return 0; fi
    sleep 0.1
  done
  echo "server did not become ready:" >&2; cat "$TMP/server.log" >&2; exit 1
}
stop_server() { kill "$SERVER_PID"; wait "$SERVER_PID" 2>/dev/null || true; SERVER_PID=""; }

CLK_TCK="$(getconf CLK_TCK)"
server_cpu_ticks() { awk '{print $14 + $15}' "/proc/$SERVER_PID/stat"; }

load() { # phase mode [rate|concurrency]: a warm-up run (JIT, connections), then the measured run with the
  # server's CPU time (user+sys, all threads, from /proc) per request sent during the measured run
  local phase="$1" mode="$2" arg="$3"
  local extra=(--rate "$arg")
  [[ "$mode" == closed ]] && extra=(--concurrency "$arg")
  local gen=(java -Xmx512m -cp "$CP" dev.vigil.bench.webhook.LoadGenerator --url "https://127.0.0.1:$PORT/validate"
    --ca "$TMP/pki/ca.crt" --mode "$mode" "${extra[@]}")
  "${gen[@]}" --phase warmup --warmup 0 --duration "$WARMUP" >/dev/null
  local before after line sent
  before="$(server_cpu_ticks)"
  line="$("${gen[@]}" --phase "$phase" --warmup 1 --duration "$DURATION")"
  after="$(server_cpu_ticks)"
  sent="$(sed -E 's/.* sent=([0-9]+).*/\1/' <<<"$line")"
  echo "$line server_cpu_us_per_request=$(( (after - before) * 1000000 / CLK_TCK / (sent > 0 ? sent : 1) ))"
}

heap_sampler() { # prints the peak heap used (bytes) seen at /metrics until killed
  local peak=0
  while true; do
    local used
    used="$(curl -fsS --cacert "$TMP/pki/ca.crt" "https://127.0.0.1:$PORT/metrics" 2>/dev/null \
      | awk '/^jvm_memory_used_bytes\{area="heap"/ {s+=$NF} END {printf "%d", s}')"
    if [[ -n "$used" && "$used" -gt "$peak" ]]; then peak="$used"; echo "$peak" >"$TMP/heap_peak"; fi
    sleep 1
  done
}

echo "== machine: $(nproc) CPUs, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(java -version 2>&1 | head -1)"
echo "== date: $(date -u +%Y-%m-%dT%H:%M:%SZ), load average before: $(cut -d' ' -f1-3 /proc/loadavg)"

echo "== transport ceiling (TransportCeilingServer: same Jetty/TLS settings, fixed answer)"
start_server ceiling
load ceiling-saturation closed "$CONCURRENCY"
load ceiling-1000rps open 1000
stop_server

echo "== real server (engine, default levels)"
start_server webhook
heap_sampler & SAMPLER_PID=$!
SAT_LINE="$(load saturation closed "$CONCURRENCY")"
echo "$SAT_LINE"
SAT="$(sed -E 's/.* answered_rps=([0-9]+).*/\1/' <<<"$SAT_LINE")"
load 1000rps open 1000
load "2x-saturation(${SAT}x2)" open "$((SAT * 2))"
kill "$SAMPLER_PID" 2>/dev/null || true; SAMPLER_PID=""
echo "peak_heap_used_mib=$(( $(cat "$TMP/heap_peak" 2>/dev/null || echo 0) / 1048576 )) (heap limit -Xmx256m)"
stop_server
echo "== load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
