#!/usr/bin/env bash
# WebFlux row: the Spring Boot 4 WebFlux sample (metrics-agent/src/it/samples/spring-webflux, Reactor Netty, Actuator)
# with no agent, Vigil's metrics agent, the OpenTelemetry Java agent (Prometheus exporter only) and no agent again
# (the A/A control: its difference to the first no-agent run is the method's noise floor), interleaved round by round
# in one run (odd rounds in VARIANTS order, even rounds reversed); GET /fast/{id} (answered on the event loop).
#   chrt -r 50 benchmarks/metrics-agent/webflux.sh [ROUNDS]    (default 5: ~48 s per variant and round, ~16 min
#                                                               plus the build; needs wrk, curl, python3, taskset)
# The decisive number: the per-round "throughput loss from CPU per request" of Vigil against the same round's no-agent
# run (median and 95 % bootstrap interval), next to the A/A row's; and "p99 added, paced".
# Method (why: RESULTS.md, "WebFlux row" 2026-12-07 21:12–22:17): the app is a CPU-bound server with ONE event loop
# (-Dreactor.netty.ioWorkerCount=1) pinned to APP_CPUS (default 0), wrk to WRK_CPUS (default 1); the app's JIT
# compiler threads are moved to JIT_CPUS (default: wrk's CPU) so they never share the event loop's CPU, and (helper
# jvm-sched.sh, idea from benchmarks/webhook/run.sh) drop to SCHED_OTHER for the measured phases, so under SCHED_RR
# a compiling thread cannot hold a CPU for a 100 ms quantum there. Per variant and round, a fresh JVM:
#   1. warm-up: WARMUP s (default 25) of `wrk -t1 -c16`; with WARMUP_MAX > WARMUP (default: equal), WARMUP_STEP s (5)
#      more while the JIT compiled more than WARM_COMPILES (50) methods in the last step (counted with jstat; a Boot
#      app keeps compiling 10-30 methods a second long after its throughput has settled);
#   2. saturated: DURATION s (default 5) of `wrk -t1 -cCONNECTIONS` (16): req/s, and the app's CPU per request (all
#      its threads but the JIT's, /proc/PID/task/*/schedstat, ns): on a CPU-bound one-loop server throughput is
#      1 / CPU per request, and CPU per request hardly depends on what else the machine runs, where req/s does;
#      also the bytes allocated per request (jstat; the app runs -XX:+UseSerialGC with a fixed heap);
#   3. paced: DURATION s of `wrk -t1 -c4 --latency` with a 1 ms pause after each answer per connection (~15 % of
#      saturation): p99 in µs (wrk's histogram has µs resolution) and CPU per request at that fixed load.
# The JIT compilations during the measured phases are recorded per row (they should be few).
# Under `chrt -r 50` the app and wrk run ahead of other work; PAUSE s (default 5) between rounds hand the machine
# back to it (a real-time run should not hold the CPUs for more than a few minutes at a time: on a shared machine use
# PAUSE=30). VARIANTS (default "none vigil otel none2") picks the variants ("none" must be one of them; also
# "vigil-app": the agent with its default coexist=app, Actuator recording, to tell the agent's presence from its
# recording).
# Vigil runs with coexist=agent: it records every request itself (the default, coexist=app, serves Actuator's own
# series instead and records nothing). Raw rows in target/webflux.tsv; prints markdown tables (medians; per-round
# differences against the same round's no-agent run: median, interquartile range, 95 % bootstrap interval of the
# median) and writes them to target/webflux.md.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
ROUNDS="${1:-5}"
DURATION="${DURATION:-5}"
WARMUP="${WARMUP:-25}"
WARMUP_STEP="${WARMUP_STEP:-5}"
WARMUP_MAX="${WARMUP_MAX:-$WARMUP}"
WARM_COMPILES="${WARM_COMPILES:-50}"
JAVA="${JAVA:-java}"
if (( $(nproc) >= 2 )); then APP_CPUS="${APP_CPUS-0}"; WRK_CPUS="${WRK_CPUS-1}"; else APP_CPUS="${APP_CPUS-}"; WRK_CPUS="${WRK_CPUS-}"; fi
IO_WORKERS="${IO_WORKERS-1}"
JIT_CPUS="${JIT_CPUS-$WRK_CPUS}"
CONNECTIONS="${CONNECTIONS:-16}"
PAUSE="${PAUSE:-5}"
VARIANTS="${VARIANTS:-none vigil otel none2}"
RT="$(chrt -p $$ | awk '/policy: SCHED_RR/ { rr = 1 } /priority:/ { p = $NF } END { if (rr) print p }')"  # for the report
. "$HERE/jvm-sched.sh"
OUT="$HERE/target"
mkdir -p "$OUT"
for tool in wrk curl python3 taskset; do command -v "$tool" >/dev/null || { echo "webflux.sh: $tool missing" >&2; exit 1; }; done

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

APP_PIN=(); WRK_PIN=()
[[ -n "$APP_CPUS" ]] && APP_PIN=(taskset -c "$APP_CPUS")
[[ -n "$WRK_CPUS" ]] && WRK_PIN=(taskset -c "$WRK_CPUS")
WRK_BIN="$(command -v wrk)"
wrk() { "${WRK_PIN[@]}" "$WRK_BIN" "$@"; }
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
PID=""
stop_app() { if [[ -n "$PID" ]]; then kill "$PID" 2>/dev/null || true; wait "$PID" 2>/dev/null || true; PID=""; fi; }
trap stop_app EXIT

start() { # VARIANT: sets PID, APP_PORT. The app runs at the script's priority, its JIT compiler threads on JIT_CPUS.
  local variant="$1" mp; mp="$(free_port)"; APP_PORT="$(free_port)"
  local agent=()
  case "$variant" in
    none*) ;;
    vigil) agent=("-javaagent:$AGENT=port=$mp,coexist=agent") ;;
    vigil-app) agent=("-javaagent:$AGENT=port=$mp") ;; # the default coexist=app: Actuator records, the agent not
    otel) agent=("-javaagent:$OTEL" -Dotel.metrics.exporter=prometheus -Dotel.exporter.prometheus.host=127.0.0.1
                 "-Dotel.exporter.prometheus.port=$mp" -Dotel.traces.exporter=none -Dotel.logs.exporter=none) ;;
    *) echo "webflux.sh: unknown variant $variant (none, none2, vigil, vigil-app, otel)" >&2; exit 2 ;;
  esac
  local io=()
  [[ -n "$IO_WORKERS" ]] && io=("-Dreactor.netty.ioWorkerCount=$IO_WORKERS")
  "${APP_PIN[@]}" "$JAVA" -Xms256m -Xmx256m -XX:+AlwaysPreTouch -XX:+UseSerialGC -XX:-UseDynamicNumberOfCompilerThreads "${io[@]}" "${agent[@]}" \
    -cp "$OUT/webflux-app:$LIB/*" sample.webflux.SpringWebFluxApp "$APP_PORT" >"$OUT/webflux-$variant.log" 2>&1 &
  PID=$!
  until curl -fs -o /dev/null "http://127.0.0.1:$APP_PORT/fast/1"; do
    kill -0 "$PID" 2>/dev/null || { echo "webflux.sh: $variant exited"; cat "$OUT/webflux-$variant.log"; exit 1; }
    sleep 0.05
  done
  [[ -n "$JIT_CPUS" ]] && jvm_jit_cpus "$PID" "$JIT_CPUS"
  return 0
}
saturated() { # sets RPS, CPU_US (the app's CPU per request over the wrk window, all threads but the JIT's) and
  # SHARE (that CPU time / the window: ~0.95 when the app had its CPU; RT throttling keeps 5 % for others) and ALLOC
  # (bytes allocated per request, from jstat: does not depend on the machine's load at all)
  local t0 t1 w0 w1 a0 a1 out reqs
  a0="$(jvm_allocated_kb "$PID")"
  t0="$(jvm_cpu_ns "$PID")"; w0="$(date +%s%N)"
  out="$(wrk -t1 -c"$CONNECTIONS" -d"${DURATION}s" "http://127.0.0.1:$APP_PORT/fast/42")"
  t1="$(jvm_cpu_ns "$PID")"; w1="$(date +%s%N)"
  a1="$(jvm_allocated_kb "$PID")"
  RPS="$(awk '/Requests\/sec/ {print $2}' <<<"$out")"
  reqs="$(awk '/requests in/ {print $1}' <<<"$out")"
  CPU_US="$(python3 -c "print(f'{($t1 - $t0) / 1000 / $reqs:.3f}')")"
  SHARE="$(python3 -c "print(f'{($t1 - $t0) / ($w1 - $w0):.2f}')")"
  ALLOC="$(python3 -c "print(f'{(${a1:-0} - ${a0:-0}) * 1024 / $reqs:.0f}')")"
}
PACED="$OUT/paced.lua"
printf 'function delay()\n  return 1\nend\n' >"$PACED"
paced() { # sets P99 (µs) and PACED_CPU_US: 4 connections, 1 ms pause after each answer (a fraction of saturation)
  local t0 t1 out reqs
  t0="$(jvm_cpu_ns "$PID")"
  out="$(wrk -t1 -c4 -d"${DURATION}s" --latency -s "$PACED" "http://127.0.0.1:$APP_PORT/fast/42")"
  t1="$(jvm_cpu_ns "$PID")"
  P99="$(awk '/^ +99%/ { v = $2; u = v; sub(/[0-9.]+/, "", u); sub(/[a-z]+$/, "", v);
                    f = (u == "us") ? 1 : (u == "ms") ? 1000 : (u == "s") ? 1000000 : 1; printf "%.0f", v * f }' <<<"$out")"
  reqs="$(awk '/requests in/ {print $1}' <<<"$out")"
  PACED_CPU_US="$(python3 -c "print(f'{($t1 - $t0) / 1000 / $reqs:.3f}')")"
}

warm_up() { # sets WARM_S: WARMUP s of load, then more in steps of WARMUP_STEP s until the JIT compiled at most
  # WARM_COMPILES methods in a step (it has caught up), or WARMUP_MAX s in all
  local c0 c1 w=0 step="$WARMUP"
  c0="$(jvm_compiles "$PID")"
  while :; do
    wrk -t1 -c"$CONNECTIONS" -d"${step}s" "http://127.0.0.1:$APP_PORT/fast/42" >/dev/null
    w=$(( w + step )); c1="$(jvm_compiles "$PID")"
    [[ -n "$c1" ]] || break
    (( c1 - c0 <= WARM_COMPILES || w >= WARMUP_MAX )) && break
    echo "  warm-up $v: $(( c1 - c0 )) compilations in the last ${step} s" >&2
    c0="$c1"; step="$WARMUP_STEP"
  done
  WARM_S="$w"
}

RAW="$OUT/webflux.tsv"
printf 'round\tvariant\trps\tcpu_us_per_req\tp99_us\tpaced_cpu_us_per_req\tcompiles_measured\twarmup_s\tcpu_share\talloc_bytes_per_req\tload1\n' >"$RAW"
T0=$SECONDS
for round in $(seq "$ROUNDS"); do
  order="$VARIANTS"
  (( round % 2 == 0 )) && order="$(tr ' ' '\n' <<<"$VARIANTS" | tac | paste -sd' ')"
  (( round > 1 )) && sleep "$PAUSE"
  for v in $order; do
    start "$v"
    warm_up
    jvm_jit_rt "$PID" 0   # measured phases: the JIT compiler threads at normal priority (SCHED_OTHER)
    c0="$(jvm_compiles "$PID")"
    saturated
    paced
    c1="$(jvm_compiles "$PID")"
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$round" "$v" "$RPS" "$CPU_US" "$P99" "$PACED_CPU_US" \
      "$(( ${c1:-0} - ${c0:-0} ))" "$WARM_S" "$SHARE" "$ALLOC" "$(cut -d' ' -f1 /proc/loadavg)" | tee -a "$RAW"
    stop_app
  done
done
echo "webflux.sh: $ROUNDS rounds in $(( (SECONDS - T0) / 60 )) min $(( (SECONDS - T0) % 60 )) s" >&2

python3 - "$RAW" "$ROUNDS" "$(nproc)" "$("$JAVA" -version 2>&1 | head -1)" "$APP_CPUS" "$WRK_CPUS" "$RT" <<'PY' | tee "$OUT/webflux.md"
import csv, random, statistics, sys
raw, rounds, cpus, java, app_cpus, wrk_cpus, rt = sys.argv[1:8]
rows = list(csv.DictReader(open(raw), delimiter="\t"))
variants = [v for v in ("none", "vigil", "vigil-app", "otel", "none2") if any(r["variant"] == v for r in rows)]
names = {"none": "no agent", "vigil": "Vigil metrics-agent (coexist=agent)",
         "vigil-app": "Vigil metrics-agent (coexist=app: the agent loaded, Actuator records)", "otel": "OpenTelemetry agent 2.33.1",
         "none2": "no agent again (A/A: the noise floor)"}
def med(v, k): return statistics.median(float(r[k]) for r in rows if r["variant"] == v)
def quartiles(xs):
    xs = sorted(xs)
    if len(xs) < 4: return xs[0], xs[-1]
    q = statistics.quantiles(xs, n=4, method="inclusive")
    return q[0], q[2]
def boot(xs, n=4000):  # 95 % bootstrap interval of the median
    rnd = random.Random(16)
    ms = sorted(statistics.median(rnd.choices(xs, k=len(xs))) for _ in range(n))
    return ms[int(0.025 * n)], ms[int(0.975 * n) - 1]
loads = [float(r["load1"]) for r in rows]
pin = f"app on CPU {app_cpus}, wrk on CPU {wrk_cpus}" if app_cpus and wrk_cpus else "not pinned"
prio = (f"SCHED_RR {rt} (the app's JIT compiler threads on wrk's CPU, at SCHED_OTHER in the measured phases)" if rt
        else "no real-time priority (the app's JIT compiler threads on wrk's CPU)")
comp = [int(r["compiles_measured"]) for r in rows]
shares = sorted(float(r.get("cpu_share") or 0) for r in rows)
print(f"{rounds} interleaved rounds; {cpus} CPUs, {pin}; {prio}; {java}; load average (1 min) "
      f"{min(loads):.1f}-{max(loads):.1f}; JIT compilations during the measured phases: median {statistics.median(comp):.0f}, max {max(comp)}; "
      f"the app's CPU share while saturated: {shares[0]:.2f}-{shares[-1]:.2f}\n")
print("| WebFlux (Boot 4, Reactor Netty), medians | throughput | CPU per request | p99, paced | CPU per request, paced | allocated per request |")
print("|---|---:|---:|---:|---:|---:|")
def medo(v, k):
    xs = [float(r[k]) for r in rows if r["variant"] == v and r.get(k) not in (None, "")]
    return statistics.median(xs) if xs else float("nan")
for v in variants:
    print(f"| {names[v]} | {med(v, 'rps'):.0f} req/s | {med(v, 'cpu_us_per_req'):.2f} µs | {med(v, 'p99_us'):.0f} µs "
          f"| {med(v, 'paced_cpu_us_per_req'):.2f} µs | {medo(v, 'alloc_bytes_per_req'):.0f} B |")
# per round against the same round's no-agent run: paired, so slow drifts of the machine cancel
print("\n| per round against the same round's no agent: median [IQR] (95 % bootstrap interval of the median) "
      "| throughput loss from CPU per request | throughput loss, req/s | p99 added, paced | CPU per request added, paced |")
print("|---|---:|---:|---:|---:|")
base = {r["round"]: r for r in rows if r["variant"] == "none"}
per_round = []
def fmt(xs, unit, sign="+"):
    lo, hi = quartiles(xs); blo, bhi = boot(xs)
    return f"{statistics.median(xs):{sign}.1f} {unit} [{lo:{sign}.1f} … {hi:{sign}.1f}] ({blo:{sign}.1f} … {bhi:{sign}.1f})"
def clean(r): return float(r.get("cpu_share") or 1) >= SHARE_MIN
SHARE_MIN = 0.85
dirty = sorted({r["round"] for r in rows if not clean(r)}, key=int)
for v in variants:
    if v == "none": continue
    mine = [r for r in rows if r["variant"] == v and r["round"] in base]
    if dirty:  # again over the rounds where this variant's and the no-agent run had their CPU
        cl = [r for r in mine if clean(r) and clean(base[r["round"]])]
        if cl:
            cpu_cl = [(1 - float(base[r["round"]]["cpu_us_per_req"]) / float(r["cpu_us_per_req"])) * 100 for r in cl]
            per_round.append(f"\n{names[v]}, throughput loss from CPU per request over the {len(cl)} rounds where "
                             f"both runs had >= {SHARE_MIN:.0%} of their CPU: {fmt(cpu_cl, '%')}")
    def rel(k, r, sign=1): return (float(r[k]) / float(base[r["round"]][k]) - 1) * 100 * sign
    loss = [rel("rps", r, -1) for r in mine]
    cpu = [(1 - float(base[r["round"]]["cpu_us_per_req"]) / float(r["cpu_us_per_req"])) * 100 for r in mine]
    p99 = [float(r["p99_us"]) - float(base[r["round"]]["p99_us"]) for r in mine]
    pcpu = [rel("paced_cpu_us_per_req", r) for r in mine]
    print(f"| {names[v]} | {fmt(cpu, '%')} | {fmt(loss, '%')} | {fmt(p99, 'µs')} | {fmt(pcpu, '%')} |")
    per_round.append(f"\n{names[v]}, per round (throughput loss from CPU %, from req/s %, p99 added µs, paced CPU added %): "
          + "; ".join(f"{b:+.1f} / {a:+.1f} / {c:+.0f} / {d:+.1f}" for a, b, c, d in zip(loss, cpu, p99, pcpu)))
if dirty:
    per_round.append(f"\nRounds with a saturated run below {SHARE_MIN:.0%} of its CPU (another process held it: not a "
                     f"measurement of the agent): {', '.join(dirty)}")
print("\n".join(per_round))
PY
