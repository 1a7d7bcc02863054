#!/usr/bin/env bash
# Admission webhook load benchmark (one command): ./benchmarks/webhook/run.sh
#
# Builds the webhook jar and the load generator, makes a dev CA, then on loopback HTTPS (TLS 1.3, keep-alive):
#   1. transport ceiling: TransportCeilingServer (this benchmark's own code: the webhook's Jetty/TLS settings, one
#      fixed AdmissionReview answer, no parsing, no engine; the product has no such mode): throughput at saturation
#      (closed loop) and latency at 1,000/s (open loop);
#   2. the real server (--no-kube, default levels: enforce pss-baseline, warn+audit recommended, with the JVM flags
#      of deploy/base and the chart): saturation, 1,000/s open loop (p99 / p99.9 from intended send time), 2x
#      saturation open loop for OVERLOAD_DURATION s with 256 connections and the API server's 3 s deadline (excess
#      must be shed with an explicit 429, every answer before the deadline), peak heap from /metrics;
#   3. reconnect burst (HandshakeStall): latency on an open connection while 5 bursts of 64 new TLS connections
#      handshake, against the webhook and against the ceiling server with a non-blocking handler (the webhook's
#      transport before issue 15: TLS handshakes ran on Jetty's selector thread).
# Pinning: with 2+ CPUs and taskset, the servers run on SERVER_CPUS (default 0) and every load generator on
# GEN_CPUS (default 1), so the generator does not take CPU from the server it measures; PIN=0 turns it off.
# NICE=N runs servers and generators with that niceness (e.g. -10 as root on a machine shared with builds).
# Environment: DURATION (s, default 20), WARMUP (s, default 8), CONCURRENCY (closed loop, default 32),
# OVERLOAD_DURATION (s, default 10), SKIP_BUILD=1 (reuse the built jars). The server's CPU time per request (all
# threads, /proc) is printed per phase: unlike throughput it does not depend on what else runs on this machine.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"
DURATION="${DURATION:-20}"
WARMUP="${WARMUP:-8}"
CONCURRENCY="${CONCURRENCY:-32}"
OVERLOAD_DURATION="${OVERLOAD_DURATION:-10}"
JAR="$ROOT/admission-webhook/target/admission-webhook.jar"
# the JVM flags deploy/base and the Helm chart give the webhook (JAVA_TOOL_OPTIONS there)
SERVER_JVM=(-Xms256m -Xmx256m -XX:+UseSerialGC -XX:MetaspaceSize=64m -XX:+AlwaysPreTouch -XX:+ExitOnOutOfMemoryError)
# the generator: a young generation large enough that it rarely collects during a phase
GEN_JVM=(-Xms1g -Xmx1g -XX:+UseSerialGC -Xmn640m -XX:+AlwaysPreTouch)

SERVER_PIN=()
GEN_PIN=()
if [[ "${PIN:-1}" != 0 ]] && command -v taskset >/dev/null && (($(nproc) >= 2)); then
  SERVER_PIN=(taskset -c "${SERVER_CPUS:-0}")
  GEN_PIN=(taskset -c "${GEN_CPUS:-1}")
fi
# NICE=-10 (root): the benchmark's processes get the CPU before other work on a shared machine (say so when quoting)
if [[ -n "${NICE:-}" ]]; then
  SERVER_PIN=(nice -n "$NICE" "${SERVER_PIN[@]}")
  GEN_PIN=(nice -n "$NICE" "${GEN_PIN[@]}")
fi

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

start_server() { # args: ceiling|webhook, then extra options
  PORT="$(free_port)"
  local kind="$1"
  shift
  local jvm=("${SERVER_PIN[@]}" java "${SERVER_JVM[@]}" -Dorg.slf4j.simpleLogger.defaultLogLevel=warn)
  local tls=(--address 127.0.0.1 --port "$PORT" --tls-cert "$TMP/pki/tls.crt" --tls-key "$TMP/pki/tls.key")
  if [[ "$kind" == ceiling ]]; then
    "${jvm[@]}" -cp "$CP" dev.vigil.bench.webhook.TransportCeilingServer "${tls[@]}" "$@" >"$TMP/server.log" 2>&1 &
  else
    "${jvm[@]}" -jar "$JAR" serve --no-kube "${tls[@]}" --shutdown-delay 0s "$@" >"$TMP/server.log" 2>&1 &
  fi
  SERVER_PID=$!
  for _ in $(seq 1 300); do
    if curl -fsS --cacert "$TMP/pki/ca.crt" "https://127.0.0.1:$PORT/readyz" >/dev/null 2>&1; then return 0; fi
    sleep 0.1
  done
  echo "server did not become ready:" >&2; cat "$TMP/server.log" >&2; exit 1
}
stop_server() { kill "$SERVER_PID"; wait "$SERVER_PID" 2>/dev/null || true; SERVER_PID=""; }

CLK_TCK="$(getconf CLK_TCK)"
server_cpu_ticks() { awk '{print $14 + $15}' "/proc/$SERVER_PID/stat"; }

gen() { "${GEN_PIN[@]}" java "${GEN_JVM[@]}" -cp "$CP" dev.vigil.bench.webhook.LoadGenerator \
  --url "https://127.0.0.1:$PORT/validate" --ca "$TMP/pki/ca.crt" "$@"; }

load() { # phase duration warm-up-args -- measured-args: a warm-up run (JIT, connections), then the measured run
  # with the server's CPU time (user+sys, all threads, from /proc) per request sent and the load average after it
  local phase="$1" duration="$2"
  shift 2
  local warm=()
  while [[ "$1" != -- ]]; do warm+=("$1"); shift; done
  shift
  gen "${warm[@]}" --phase warmup --warmup 0 --duration "$WARMUP" >/dev/null
  local before after line sent
  before="$(server_cpu_ticks)"
  line="$(gen "$@" --phase "$phase" --warmup 1 --duration "$duration")"
  after="$(server_cpu_ticks)"
  sent="$(sed -E 's/.* sent=([0-9]+).*/\1/' <<<"$line")"
  echo "$line server_cpu_us_per_request=$(( (after - before) * 1000000 / CLK_TCK / (sent > 0 ? sent : 1) ))" \
    "loadavg=$(cut -d' ' -f1 /proc/loadavg)"
}
closed() { load "$1" "$DURATION" --mode closed --concurrency "$CONCURRENCY" -- --mode closed --concurrency "$CONCURRENCY"; }
open_rate() { load "$1" "$DURATION" --mode open --rate "$2" -- --mode open --rate "$2"; }

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

stall() { # label: HandshakeStall against the running server
  echo "$1 $("${GEN_PIN[@]}" java "${GEN_JVM[@]}" -cp "$CP" dev.vigil.bench.webhook.HandshakeStall \
    --url "https://127.0.0.1:$PORT/validate" --ca "$TMP/pki/ca.crt") loadavg=$(cut -d' ' -f1 /proc/loadavg)"
}

echo "== machine: $(nproc) CPUs, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(java -version 2>&1 | head -1)"
echo "== date: $(date -u +%Y-%m-%dT%H:%M:%SZ), load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "== pinning/priority: server ${SERVER_PIN[*]:-none}, generator ${GEN_PIN[*]:-none}; server JVM: ${SERVER_JVM[*]}"

echo "== transport ceiling (TransportCeilingServer: same Jetty/TLS settings, fixed answer)"
start_server ceiling
closed ceiling-saturation
open_rate ceiling-1000rps 1000
stop_server

echo "== real server (engine, default levels)"
start_server webhook
heap_sampler & SAMPLER_PID=$!
SAT_LINE="$(closed saturation)"
echo "$SAT_LINE"
SAT="$(sed -E 's/.* answered_rps=([0-9]+).*/\1/' <<<"$SAT_LINE")"
((SAT > 0)) || { echo "saturation phase answered nothing; using 1000/s as saturation" >&2; SAT=1000; }
open_rate 1000rps 1000
# overload: twice the measured saturation, open loop, with the API server's 3 s deadline and enough connections that
# the backlog reaches the server (which must shed it) instead of queueing in the client
load "2x-saturation(${SAT}x2)" "$OVERLOAD_DURATION" --mode open --rate 1000 -- \
  --mode open --rate "$((SAT * 2))" --connections 256 --timeout 3
kill "$SAMPLER_PID" 2>/dev/null || true; SAMPLER_PID=""
echo "peak_heap_used_mib=$(( $(cat "$TMP/heap_peak" 2>/dev/null || echo 0) / 1048576 )) (heap -Xmx256m)"
echo "shed_total=$(curl -fsS --cacert "$TMP/pki/ca.crt" "https://127.0.0.1:$PORT/metrics" \
  | awk '/^vigil_webhook_shed_total/ {s+=$NF} END {print s+0}') (server counter, all phases)"

echo "== reconnect burst (5 x 64 new TLS connections while one open connection sends reviews back to back)"
stall webhook
stop_server
start_server ceiling --invocation non-blocking
stall "ceiling-non-blocking-handler(transport before issue 15)"
stop_server
echo "== load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
