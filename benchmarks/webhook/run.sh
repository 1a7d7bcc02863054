#!/usr/bin/env bash
# Admission webhook load benchmark (one command): benchmarks/webhook/run.sh   (issue 15's Done-when: its defaults,
# RUNS=3 at RT=50 as root; about 9 minutes plus the build on a quiet machine)
#
# Builds the webhook jar and the load generator, makes a dev CA, then on loopback HTTPS (TLS 1.3, keep-alive), RUNS
# times (default 3; each run starts fresh server JVMs; every 1,000/s phase is preceded by WARMUP s at saturation,
# closed loop, so the JIT has compiled the hot code before the measurement, in every run alike):
#   1. transport ceiling: TransportCeilingServer (this benchmark's own code: the webhook's Jetty/TLS settings, one
#      fixed AdmissionReview answer, no parsing, no engine; the product has no such mode): latency at 1,000/s open
#      loop (and, in run 1 only, throughput at saturation, closed loop);
#   2. the real server (--no-kube, default levels: enforce pss-baseline, warn+audit recommended, with the JVM flags
#      of deploy/base and the chart): saturation (run 1 only; it sets the overload rate), 1,000/s open loop (p99 /
#      p99.9 from intended send time; goal p99 <= 5 ms, p99.9 <= 20 ms), then the overload phase: 2x saturation open
#      loop for OVERLOAD_DURATION s over 1,024 connections opened before the phase (the API server's client dials a
#      connection per concurrent request; opening them during the phase would make the generator's own TLS
#      handshakes the bottleneck), the API server's 3 s deadline (?timeout=3s; past it the request is abandoned
#      and its connection closed and replaced). Goal: the excess is shed with explicit 429 answers and every
#      request is answered before the deadline (no timeouts, no late answers, no connection errors; requests that
#      expired waiting for a free connection in the client are counted apart: the generator's shortfall);
#   3. after the last run: reconnect burst (HandshakeStall): latency on an open connection while 5 bursts of 64
#      new TLS connections handshake, against the webhook and against the ceiling server with a non-blocking
#      handler (the webhook's transport before issue 15: TLS handshakes ran on Jetty's selector thread). STALL=0
#      skips it.
# Each run prints one markdown table: p50/p99/p99.9/max from intended send time, the generator's send lag p99 and
# CPU per request, the server's CPU per request (user+sys, all threads, /proc: unlike latency it barely depends on
# what else runs), the outcome counts (HTTP 200 / AdmissionReview 429 / other HTTP status / connection errors /
# timeouts / late answers) and the load average before and after the run, then the goals met or not.
#
# The load generator (LoadGenerator) is one NIO event-loop thread over all keep-alive TLS connections (JDK SSLEngine
# on a selector, TLS 1.3, CA and host name verified): it keeps the schedule (a ticker thread wakes the selector at
# each intended send time), writes requests whose bytes were built once, reads and parses the answers and enforces
# the ?timeout= deadline from the intended send time (abandon, close the connection, dial a new one on demand); the
# handshakes' delegated tasks (certificate/signature checks) run on one helper thread so a reconnect never stalls the
# schedule. HdrHistogram from the intended send time (no coordinated omission). It replaced a thread-per-connection
# SSLSocket generator (BlockingLoadGenerator, GENERATOR=blocking, kept to compare) that could not offer 2x saturation
# from one core (1,024 reader threads: load average 88, send lag p99 117 ms at 13,344/s), which itself replaced a
# Jetty HttpClient generator (retired: send lag p99 403 ms at 1,000/s, see RESULTS.md).
# Pinning: with 2+ CPUs and taskset, the servers run on SERVER_CPUS (default 0) and every load generator on
# GEN_CPUS (default 1), so the generator does not take CPU from the server it measures; PIN=0 turns it off.
# NICE=N runs servers and generators with that niceness; RT=P (root) runs them with real-time round-robin priority P
# (chrt -r P): on a machine shared with builds they then get their CPU first (say so when quoting either); for the
# 1,000/s latency phases the server's JIT compiler threads then drop to priority JIT_RT (default 1) after the
# warm-up (see jit_prio below: under SCHED_RR a compiling C2 thread held the pinned core for up to 100 ms).
# The overload phase's generator runs OVERLOAD_LOOPS (default 2) event loops on OVERLOAD_GEN_CPUS (default 0,1) at
# priority RT+1: one loop keeps ~15,000 requests/s on one core, and 2x saturation was up to 18,644/s; the server is
# saturated in that phase anyway, and what the generator takes of CPU 0 only makes the overload larger.
# benchmarks/webhook/overload-generator-check.sh checks that set-up alone against the ceiling server (~1 minute).
# JFR (default 1): every server JVM records benchmarks/webhook/webhook.jfc (GC pauses, safepoints, compilations,
# deoptimizations, parks, monitor waits, execution samples) into JFR_DIR (default benchmarks/webhook/target/jfr,
# runN-ceiling.jfr / runN-webhook.jfr); each result line has the phase's window_utc (to cut the recording) and
# server_thread_cpu_ms (the server's CPU per thread kind in the phase, from /proc). A "state:" line per run shows
# what could carry over between runs (other JVMs and their scheduling class, TCP sockets, free memory, /tmp).
# Issue 15's Done-when: benchmarks/webhook/run.sh (as root; RUNS=3, RT=50 by default; RT= turns real-time off)
# Environment: RUNS (default 3), RT (default 50 as root, none otherwise), DURATION (s, default 20), WARMUP (s,
# default 8), CONCURRENCY (closed loop, default 32), OVERLOAD_DURATION (s, default 10), GEN_WARMUP (s of unmeasured
# load at the start of each measured run, for the generator's own JIT; default 3), SKIP_BUILD=1 (reuse the built
# jars), STALL=0, GENERATOR=blocking, JIT_RT, JFR, JFR_DIR, OVERLOAD_LOOPS, OVERLOAD_GEN_CPUS (see above), OVERLOAD_RT (the
# overload generator's real-time priority, default RT+1).
# Time: about 2 + 2 x RUNS minutes plus the build on a quiet machine (RUNS=3: about 9 minutes).
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
# the generator: a young generation large enough that it rarely collects during a phase; as root, Java thread
# priorities become nice values (the sender and the deadline reaper above the reader threads)
GEN_JVM=(-Xms1g -Xmx1g -XX:+UseSerialGC -Xmn640m -XX:+AlwaysPreTouch)
(($(id -u) == 0)) && GEN_JVM+=(-XX:ThreadPriorityPolicy=1)
RUNS="${RUNS:-3}"
# real-time priority by default as root (issue 15's measurement); RT= (empty) turns it off
(($(id -u) == 0)) && RT="${RT-50}"
JFR="${JFR:-1}"
JFR_DIR="${JFR_DIR:-$ROOT/benchmarks/webhook/target/jfr}"
[[ "$JFR" != 0 ]] && mkdir -p "$JFR_DIR"
GEN_CLASS=dev.vigil.bench.webhook.LoadGenerator
[[ "${GENERATOR:-}" == blocking ]] && GEN_CLASS=dev.vigil.bench.webhook.BlockingLoadGenerator

SERVER_PIN=()
GEN_PIN=()
# the overload phase's generator: OVERLOAD_LOOPS event loops (default 2) on OVERLOAD_GEN_CPUS (default 0,1: both
# cores, one loop holds ~15,000/s on one core and 2x saturation can be more) at real-time priority RT+1, so its loops
# preempt the server on CPU 0 and keep the schedule; the server is saturated in that phase anyway and only gets the
# rest of CPU 0, i.e. the offered rate is then more than twice what it can decide, never less
OVER_PIN=()
OVERLOAD_LOOPS="${OVERLOAD_LOOPS:-2}"
if [[ "${PIN:-1}" != 0 ]] && command -v taskset >/dev/null && (($(nproc) >= 2)); then
  SERVER_PIN=(taskset -c "${SERVER_CPUS:-0}")
  GEN_PIN=(taskset -c "${GEN_CPUS:-1}")
  OVER_PIN=(taskset -c "${OVERLOAD_GEN_CPUS:-0,1}")
fi
# NICE=-10 (root): the benchmark's processes get the CPU before other work on a shared machine (say so when quoting)
if [[ -n "${NICE:-}" ]]; then
  SERVER_PIN=(nice -n "$NICE" "${SERVER_PIN[@]}")
  GEN_PIN=(nice -n "$NICE" "${GEN_PIN[@]}")
  OVER_PIN=(nice -n "$NICE" "${OVER_PIN[@]}")
fi
# RT=50 (root): real-time round-robin priority for servers and generators (the kernel still keeps 5 % for the rest)
if [[ -n "${RT:-}" ]]; then
  SERVER_PIN=(chrt -r "$RT" "${SERVER_PIN[@]}")
  GEN_PIN=(chrt -r "$RT" "${GEN_PIN[@]}")
  OVER_PIN=(chrt -r "${OVERLOAD_RT:-$((RT + 1))}" "${OVER_PIN[@]}")
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
  if [[ "$JFR" != 0 ]]; then # one recording per server JVM (benchmarks/webhook/webhook.jfc), kept under JFR_DIR
    jvm+=("-XX:StartFlightRecording=filename=$JFR_DIR/run${run:-0}-$kind.jfr,settings=$ROOT/benchmarks/webhook/webhook.jfc,dumponexit=true")
  fi
  local tls=(--address 127.0.0.1 --port "$PORT" --tls-cert "$TMP/pki/tls.crt" --tls-key "$TMP/pki/tls.key")
  if [[ "$kind" == ceiling ]]; then
    "${jvm[@]}" -cp "$CP" dev.vigil.bench.webhook.TransportCeilingServer "${tls[@]}" "$@" >"$TMP/server.log" 2>&1 &
  else
    "${jvm[@]}" -jar "$JAR" serve --no-kube "${tls[@]}" --shutdown-delay 0s "$@" >"$TMP/server.log" 2>&1 &
  fi
  SERVER_PID=$!
  for _ in $(seq 1 600); do
    if curl -fsS --cacert "$TMP/pki/ca.crt" "https://127.0.0.1:$PORT/readyz" >/dev/null 2>&1; then return 0; fi
    sleep 0.1
  done
  echo "server did not become ready:" >&2; cat "$TMP/server.log" >&2; exit 1
}
stop_server() { kill "$SERVER_PID"; wait "$SERVER_PID" 2>/dev/null || true; SERVER_PID=""; }

CLK_TCK="$(getconf CLK_TCK)"
thread_ticks() { # pid: "thread-kind ticks" per thread (user+sys), thread names with their trailing number removed
  local t
  for t in /proc/"$1"/task/*; do
    awk -v n="$(sed -E 's/[ #-]*[0-9]+$//' "$t/comm" 2>/dev/null | tr ' ' '_')" '{print n, $14 + $15}' "$t/stat" 2>/dev/null || true
  done
}
thread_cpu() { # before-file after-file: the server's CPU ms per thread kind over a phase, biggest first
  awk -v tck="$CLK_TCK" 'NR == FNR {b[$1] += $2; next} {a[$1] += $2} END {for (k in a) if (a[k] - b[k] > 0)
    printf "%d %s=%d\n", a[k] - b[k], k, (a[k] - b[k]) * 1000 / tck}' "$1" "$2" | sort -rn | head -8 | cut -d' ' -f2 | paste -sd,
}
machine_state() { # what could carry over from one run to the next
  local javas
  javas="$(ps -eo pid=,cls=,rtprio=,etimes=,comm= | awk '$5 == "java" {printf "%s(%s/%s,%ss) ", $1, $2, $3, $4}')"
  echo "state: load $(cut -d' ' -f1-3 /proc/loadavg); java processes: ${javas:-none}; TCP: $(ss -s | awk '/^TCP:/ {print $0}' | cut -d' ' -f2-);" \
    "MemFree $(awk '/^MemFree/ {print int($2 / 1024)}' /proc/meminfo) MiB, Cached $(awk '/^Cached/ {print int($2 / 1024)}' /proc/meminfo) MiB;" \
    "files in /tmp: $(find /tmp -maxdepth 1 2>/dev/null | wc -l)"
}
server_cpu_ticks() { awk '{print $14 + $15}' "/proc/$SERVER_PID/stat"; }
loadavg() { cut -d' ' -f1 /proc/loadavg; }

gen() { # a generator that hangs (or spins at real-time priority) is killed after 5 minutes; GEN_OVER=1: the overload one
  local pin=("${GEN_PIN[@]}")
  [[ -n "${GEN_OVER:-}" ]] && pin=("${OVER_PIN[@]}")
  timeout -s KILL 300 "${pin[@]}" java "${GEN_JVM[@]}" ${GEN_C1:+-XX:TieredStopAtLevel=1} -cp "$CP" "$GEN_CLASS" \
    --url "https://127.0.0.1:$PORT/validate" --ca "$TMP/pki/ca.crt" "$@"; }

# Under chrt -r P every thread of a JVM is SCHED_RR at P with a 100 ms quantum (/proc/sys/kernel/sched_rr_timeslice_ms):
# a JIT compiler thread compiling on the one pinned core then holds the request threads (or the generator's event
# loop) off for up to 100 ms — perf sched showed C2 slices of 50-99 ms during the measured 1,000/s phase, in the
# server and in the generator, matching max/p99.9 of 100-160 ms. For the latency phases (after their warm-up, when
# the hot code is compiled) the compiler threads get priority 1 (JIT_RT, below the request path's P): they still use
# the idle time, never in front of a request. They stay at P for warm-ups, saturation and overload, where a starved
# compiler would leave the hot code interpreted. The generator of the latency phases instead runs C1 only
# (-XX:TieredStopAtLevel=1: short compilations, no C2; saturation and overload keep C2 for its lower CPU per
# request, and their validity bar is a send lag p99 under 100 ms): demoting its compiler after a short warm-up on a loaded machine left its event loop
# interpreted and saturated (84 % of its core at 1,000/s), with the compiler at priority 1 never getting the CPU.
jit_prio() { # pid priority
  [[ -n "${RT:-}" ]] || return 0
  local t
  for t in /proc/"$1"/task/*; do
    case "$(cat "$t/comm" 2>/dev/null)" in
      C1\ CompilerThre* | C2\ CompilerThre*) chrt -r -p "$2" "${t##*/}" >/dev/null 2>&1 || true ;;
    esac
  done
}
JIT_RT="${JIT_RT:-1}"

jit_ticks() { # pid: CPU ticks of its C1/C2 compiler threads so far
  local t sum=0
  for t in /proc/"$1"/task/*; do
    case "$(cat "$t/comm" 2>/dev/null)" in
      C1\ CompilerThre* | C2\ CompilerThre*) sum=$((sum + $(awk '{print $14 + $15}' "$t/stat" 2>/dev/null || echo 0))) ;;
    esac
  done
  echo "$sum"
}
# The 1,000/s phases' warm-up: closed loop at saturation for at least WARMUP s, then on until the server's JIT
# compiler threads used at most JIT_QUIET_MS (default 60) ms of CPU in the last 3 s, at most WARMUP_MAX s (default
# 90). A fixed 8 s at 1,000/s (8,000 reviews) left the webhook's C2 compiler compiling through the measured phase of
# runs 2 and 3 (~300-360 compilations, 2.3-2.7 s of compiler CPU in the window, JFR) while run 1 had the saturation
# phase before it (37); a fixed time at saturation still depends on how much CPU the server got (RESULTS.md, 21:19
# and 21:32 UTC). Prints warmup_s=, warmup_jit_ms_last3s= for the result line.
warm_until_jit_quiet() { # warm-up generator args
  local pin=("${GEN_PIN[@]}")
  timeout -s KILL 300 "${pin[@]}" java "${GEN_JVM[@]}" -cp "$CP" "$GEN_CLASS" \
    --url "https://127.0.0.1:$PORT/validate" --ca "$TMP/pki/ca.crt" "$@" --phase warmup --warmup 0 \
    --duration "${WARMUP_MAX:-90}" >/dev/null &
  local gpid=$! start=$SECONDS hist=() quiet_ticks=$(( ${JIT_QUIET_MS:-60} * CLK_TCK / 1000 )) last=0
  while kill -0 "$gpid" 2>/dev/null; do
    sleep 1
    hist+=("$(jit_ticks "$SERVER_PID")")
    local n=${#hist[@]}
    if ((n > 3)); then
      last=$((hist[n - 1] - hist[n - 4]))
      if ((SECONDS - start >= WARMUP && last <= quiet_ticks)); then break; fi
    fi
  done
  kill -TERM "$gpid" 2>/dev/null || true
  wait "$gpid" 2>/dev/null || true
  echo "warmup_s=$((SECONDS - start)) warmup_jit_ms_last3s=$((last * 1000 / CLK_TCK))"
}

load() { # phase duration warm-up-args -- measured-args: a warm-up run (JIT, connections), then the measured run
  # with the server's CPU time (user+sys, all threads, from /proc) per request sent and the load average after it
  local phase="$1" duration="$2"
  shift 2
  local warm=()
  while [[ "$1" != -- ]]; do warm+=("$1"); shift; done
  shift
  local wlog="" t0 t1
  if [[ "$phase" == *1000rps ]]; then
    wlog="$(warm_until_jit_quiet "${warm[@]}")"
  else
    gen "${warm[@]}" --phase warmup --warmup 0 --duration "$WARMUP" >/dev/null
  fi
  local before after line sent
  local c1="" over=""
  [[ "$phase" == *1000rps ]] && jit_prio "$SERVER_PID" "$JIT_RT" && c1=1
  [[ "$phase" == 2x-saturation ]] && over=1
  before="$(server_cpu_ticks)"
  thread_ticks "$SERVER_PID" >"$TMP/threads.before"
  t0="$(date +%s%N)"
  line="$(GEN_C1="$c1" GEN_OVER="$over" gen "$@" --phase "$phase" --warmup "${GEN_WARMUP:-3}" --duration "$duration")"
  t1="$(date +%s%N)"
  after="$(server_cpu_ticks)"
  thread_ticks "$SERVER_PID" >"$TMP/threads.after"
  [[ "$phase" == *1000rps ]] && jit_prio "$SERVER_PID" "$RT"
  sent="$(sed -E 's/.* sent=([0-9]+).*/\1/' <<<"$line")"
  # server_cpu_pct: the server's CPU time over the generator's wall time (JVM start included): near 100 % of its
  # one pinned core means the phase saturated the server
  echo "$line server_cpu_us_per_request=$(( (after - before) * 1000000 / CLK_TCK / (sent > 0 ? sent : 1) ))" \
    "server_cpu_pct=$(( (after - before) * 100 * 1000000000 / CLK_TCK / ((t1 - t0) > 0 ? (t1 - t0) : 1) ))" \
    "loadavg=$(loadavg)" "window_utc=$(date -u -d "@$((t0 / 1000000000))" +%H:%M:%S)-$(date -u -d "@$((t1 / 1000000000))" +%H:%M:%S)" \
    "server_thread_cpu_ms=$(thread_cpu "$TMP/threads.before" "$TMP/threads.after")" $wlog
}
closed() { load "$1" "$DURATION" --mode closed --concurrency "$CONCURRENCY" -- --mode closed --concurrency "$CONCURRENCY"; }
# the 1,000/s phases warm up at saturation (closed loop) for WARMUP s, in every run: the JIT compiler then has the hot
# code compiled before the measurement. With an 8 s warm-up at 1,000/s (8,000 reviews) the webhook's C2 compiler was
# still compiling through the measured phase of runs 2 and 3 (~300-360 compilations, 2.3-2.7 s of compiler CPU in the
# window, JFR) while run 1 had the saturation phase before it (37); see RESULTS.md, 21:19 UTC.
open_rate() { load "$1" "$DURATION" --mode closed --concurrency "$CONCURRENCY" -- --mode open --rate "$2"; }

kv() { # key line: the value of key=value in a result line, "–" when absent
  local v
  v="$(grep -oE "(^| )$1=[^ ]+" <<<"$2" | head -1 | cut -d= -f2)"
  echo "${v:-–}"
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

stall() { # label: HandshakeStall against the running server
  echo "$1 $("${GEN_PIN[@]}" java "${GEN_JVM[@]}" -cp "$CP" dev.vigil.bench.webhook.HandshakeStall \
    --url "https://127.0.0.1:$PORT/validate" --ca "$TMP/pki/ca.crt") loadavg=$(loadavg)"
}

row() { # label line: one markdown table row
  local l="$2"
  echo "| $1 | $(kv answered_rps "$l") | $(kv p50_ms "$l") | $(kv p99_ms "$l") | $(kv p999_ms "$l") | $(kv max_ms "$l")" \
    "| $(kv wire_p99_ms "$l") | $(kv send_lag_p99_ms "$l") | $(kv gen_cpu_us_per_request "$l")" \
    "| $(kv server_cpu_us_per_request "$l") | $(kv server_cpu_pct "$l") | $(kv ok_200 "$l") | $(kv shed_429 "$l") | $(kv other_status "$l")" \
    "| $(kv conn_errors "$l") | $(kv timeouts "$l") | $(kv expired_in_client "$l") | $(kv late "$l") | $(kv errors "$l") | $(kv loadavg "$l") |"
}

echo "== machine: $(nproc) CPUs, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(java -version 2>&1 | head -1)"
echo "== date: $(date -u +%Y-%m-%dT%H:%M:%SZ), commit $(git rev-parse --short HEAD 2>/dev/null || echo '?'), load average: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "== pinning/priority: server ${SERVER_PIN[*]:-none}, generator ${GEN_PIN[*]:-none} ($GEN_CLASS), overload generator ${OVER_PIN[*]:-none} ($OVERLOAD_LOOPS loops); server JVM: ${SERVER_JVM[*]}"
echo "== RUNS=$RUNS DURATION=$DURATION WARMUP=$WARMUP CONCURRENCY=$CONCURRENCY OVERLOAD_DURATION=$OVERLOAD_DURATION"

SAT=""
for run in $(seq 1 "$RUNS"); do
  STATE="$(machine_state)"
  LOAD_BEFORE="$(cut -d' ' -f1-3 /proc/loadavg)"
  RUN_START="$(date -u +%H:%M:%S)"
  start_server ceiling
  [[ "$run" == 1 ]] && CEIL_SAT="$(closed ceiling-saturation)"
  CEIL_1000="$(open_rate ceiling-1000rps 1000)"
  stop_server

  start_server webhook
  heap_sampler & SAMPLER_PID=$!
  if [[ -z "$SAT" ]]; then
    SAT_LINE="$(closed saturation)"
    SAT="$(kv answered_rps "$SAT_LINE")"
    ((SAT > 0)) || { echo "saturation phase answered nothing; using 1000/s as saturation" >&2; SAT=1000; }
  fi
  WH_1000="$(open_rate 1000rps 1000)"
  # overload: twice the saturation of run 1, open loop, the API server's 3 s deadline, 1,024 connections opened
  # before the phase (more than the webhook's queue of 256 + workers, so the backlog reaches the server)
  OVER="$(load "2x-saturation" "$OVERLOAD_DURATION" --mode open --rate 1000 -- \
    --mode open --rate "$((SAT * 2))" --connections 1024 --timeout 3 \
    $([[ "$GEN_CLASS" == *.LoadGenerator ]] && echo "--loops $OVERLOAD_LOOPS"))"
  kill "$SAMPLER_PID" 2>/dev/null || true; SAMPLER_PID=""
  SHED_TOTAL="$(curl -fsS --cacert "$TMP/pki/ca.crt" "https://127.0.0.1:$PORT/metrics" \
    | awk '/^vigil_webhook_shed_total/ {s+=$NF} END {print s+0}')"
  PEAK_HEAP="$(( $(cat "$TMP/heap_peak" 2>/dev/null || echo 0) / 1048576 ))"
  if [[ "$run" == "$RUNS" && "${STALL:-1}" != 0 ]]; then STALL_WEBHOOK="$(stall webhook)"; fi
  stop_server

  echo
  echo "### run $run/$RUNS, $RUN_START UTC, load average before $LOAD_BEFORE, after $(cut -d' ' -f1-3 /proc/loadavg)"
  echo
  echo "| phase | answered/s | p50 ms | p99 ms | p99.9 ms | max ms | wire p99 ms | send lag p99 ms | gen CPU µs/req" \
    "| server CPU µs/req | server CPU % | 200 | 429 | other status | conn errors | timeouts | expired in client | late | errors | load avg after |"
  echo "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|"
  [[ "$run" == 1 ]] && row "ceiling, closed loop $CONCURRENCY" "$CEIL_SAT"
  row "ceiling, open 1,000/s" "$CEIL_1000"
  [[ "$run" == 1 ]] && row "webhook, closed loop $CONCURRENCY (saturation)" "$SAT_LINE"
  row "webhook, open 1,000/s" "$WH_1000"
  row "webhook, open 2× saturation ($((SAT * 2))/s, 3 s deadline)" "$OVER"
  echo
  echo "server: shed_total=$SHED_TOTAL (vigil_webhook_shed_total, all phases of this run), peak heap ${PEAK_HEAP} MiB of 256 MiB"
  awk -v p99="$(kv p99_ms "$WH_1000")" -v p999="$(kv p999_ms "$WH_1000")" -v lag="$(kv send_lag_p99_ms "$CEIL_1000")" \
    -v shed="$(kv shed_429 "$OVER")" -v bad="$(kv other_status "$OVER") $(kv conn_errors "$OVER") $(kv timeouts "$OVER") $(kv late "$OVER") $(kv expired_in_client "$OVER")" \
    -v olag="$(kv send_lag_p99_ms "$OVER")" \
    'BEGIN { split(bad, b, " "); nbad = b[1] + b[2] + b[3] + b[4];
      printf "goals: webhook p99 %s ms <= 5: %s; p99.9 %s ms <= 20: %s; overload: %s shed with 429, %d other status/connection errors/timeouts/late: %s (%d expired in the client; generator send lag p99 %s ms: %s); generator send lag p99 at 1,000/s (ceiling) %s ms\n",
        p99, (p99 + 0 <= 5 ? "MET" : "NOT MET"), p999, (p999 + 0 <= 20 ? "MET" : "NOT MET"),
        shed, nbad, (shed + 0 > 0 && nbad == 0 ? "MET" : "NOT MET"), b[5], olag,
        (olag + 0 <= 100 && b[5] + 0 == 0 ? "the generator kept up" : "the generator did NOT keep up: not a valid overload measurement"), lag }'
  for l in "$CEIL_1000" "$WH_1000" "$OVER"; do
    fe="$(grep -oE 'first_error=.*' <<<"$l" || true)"
    [[ -n "$fe" ]] && echo "$(kv phase "$l"): $fe"
  done
  echo "$STATE"
  [[ "$JFR" != 0 ]] && echo "JFR: $JFR_DIR/run$run-ceiling.jfr, $JFR_DIR/run$run-webhook.jfr"
  echo
  echo "raw:"
  for l in ${CEIL_SAT:+"$CEIL_SAT"} "$CEIL_1000" ${SAT_LINE:+"$SAT_LINE"} "$WH_1000" "$OVER"; do echo "    $l"; done
  CEIL_SAT=""; SAT_LINE=""
done

if [[ "${STALL:-1}" != 0 ]]; then
  echo
  echo "== reconnect burst (5 x 64 new TLS connections while one open connection sends reviews back to back)"
  echo "$STALL_WEBHOOK"
  run=stall start_server ceiling --invocation non-blocking
  stall "ceiling-non-blocking-handler(transport before issue 15)"
  stop_server
fi
echo "== load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
