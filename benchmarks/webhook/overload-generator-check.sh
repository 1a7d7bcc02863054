#!/usr/bin/env bash
# Can the overload phase's generator keep its schedule? (issue 15) Runs the load generator alone against the
# fixed-answer TransportCeilingServer (pinned to CPU 0 at RT 50, as in run.sh) at RATE (default 18,644/s: 2x the
# highest saturation measured so far), 1,024 connections, 3 s deadline: first 1 event loop on CPU 1 at RT 50 (the old
# set-up), then 2 loops on CPUs 0,1 at RT 51 (run.sh's overload phase). Valid: send lag p99 under 100 ms and nothing
# expired in the client. Needs root (chrt), 2+ CPUs and the built jars (benchmarks/webhook/run.sh builds them);
# about 1 minute.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"
CP="$ROOT/benchmarks/webhook/target/classes:$(cat "$ROOT/benchmarks/webhook/target/classpath.txt")"
TMP="$(mktemp -d)"
SP=""
cleanup() {
  [[ -n "$SP" ]] && kill "$SP" 2>/dev/null && wait "$SP" 2>/dev/null || true
  rm -rf "$TMP"
}
trap cleanup EXIT
java -jar admission-webhook/target/admission-webhook.jar cert --dns localhost 127.0.0.1 --out "$TMP/pki" >/dev/null
PORT="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
chrt -r 50 taskset -c 0 java -Xms256m -Xmx256m -XX:+UseSerialGC -cp "$CP" dev.vigil.bench.webhook.TransportCeilingServer \
  --address 127.0.0.1 --port "$PORT" --tls-cert "$TMP/pki/tls.crt" --tls-key "$TMP/pki/tls.key" >"$TMP/server.log" 2>&1 &
SP=$!
for _ in $(seq 1 300); do
  curl -fsS --cacert "$TMP/pki/ca.crt" "https://127.0.0.1:$PORT/readyz" >/dev/null 2>&1 && break
  sleep 0.2
done
GEN=(java -Xms1g -Xmx1g -XX:+UseSerialGC -Xmn640m -XX:+AlwaysPreTouch -XX:ThreadPriorityPolicy=1 -cp "$CP"
  dev.vigil.bench.webhook.LoadGenerator --url "https://127.0.0.1:$PORT/validate" --ca "$TMP/pki/ca.crt" --mode open
  --rate "${RATE:-18644}" --connections 1024 --timeout 3 --warmup 3 --duration 10)
pick() { grep -oE '(answered_rps|timeouts|expired_in_client|send_lag_p99_ms|send_lag_max_ms|gen_cpu_us_per_request)=[^ ]+' | paste -sd' '; }
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "1 loop, CPU 1, RT 50:     $(timeout -s KILL 120 chrt -r 50 taskset -c 1 "${GEN[@]}" --phase one-loop | pick)"
echo "2 loops, CPUs 0,1, RT 51: $(timeout -s KILL 120 chrt -r 51 taskset -c 0,1 "${GEN[@]}" --loops 2 --phase two-loops | pick)"
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
