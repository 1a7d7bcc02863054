#!/usr/bin/env bash
# One-command benchmark: the same Jetty 12 sample app with no agent, Vigil's metrics agent, the OpenTelemetry Java
# agent (Prometheus exporter only) and the Prometheus JMX exporter, interleaved round by round in one run.
#   benchmarks/metrics-agent/run.sh [ROUNDS]      (default 3 rounds; needs wrk, hey, curl; promtool optional)
# Prints a markdown report and writes it to benchmarks/metrics-agent/target/results.md.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
ROUNDS="${1:-3}"
DURATION="${DURATION:-6}"
JAVA="${JAVA:-java}"
OUT="$HERE/target"
mkdir -p "$OUT"
for tool in wrk hey curl python3; do command -v "$tool" >/dev/null || { echo "run.sh: $tool missing" >&2; exit 1; }; done

AGENT="${AGENT:-$ROOT/metrics-agent/target/metrics-agent.jar}"
LIB="$ROOT/metrics-agent/target/it-lib/jetty12"
if [[ ! -f "$AGENT" || ! -d "$LIB" ]]; then
  (cd "$ROOT" && ./mvnw -B -q -pl metrics-agent -am -DskipTests install)
fi
(cd "$ROOT" && ./mvnw -B -q -f benchmarks/metrics-agent/pom.xml process-resources)
OTEL="$OUT/peers/opentelemetry-javaagent.jar"
JMX="$OUT/peers/jmx_prometheus_javaagent.jar"
javac -nowarn -d "$OUT/app" -cp "$LIB/*" "$ROOT/metrics-agent/src/it/samples/jetty12/SampleApp.java"
printf 'rules:\n  - pattern: ".*"\n' >"$OUT/jmx.yaml"

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
now_ms() { date +%s%3N; }

PID=""
stop_app() { if [[ -n "$PID" ]]; then kill "$PID" 2>/dev/null || true; wait "$PID" 2>/dev/null || true; PID=""; fi; }
trap stop_app EXIT

# start VARIANT [extra JVM args...]: sets PID, APP_PORT, METRICS_URL, STARTUP_MS
start() {
  local variant="$1"; shift
  APP_PORT="$(free_port)"; local mp; mp="$(free_port)"
  local agent=()
  case "$variant" in
    none) METRICS_URL="" ;;
    vigil) agent=("-javaagent:$AGENT=port=$mp,maxRoutes=100000"); METRICS_URL="http://127.0.0.1:$mp/metrics" ;;
    otel) agent=("-javaagent:$OTEL" -Dotel.metrics.exporter=prometheus -Dotel.exporter.prometheus.host=127.0.0.1
                 "-Dotel.exporter.prometheus.port=$mp" -Dotel.traces.exporter=none -Dotel.logs.exporter=none)
          METRICS_URL="http://127.0.0.1:$mp/metrics" ;;
    jmx) agent=("-javaagent:$JMX=127.0.0.1:$mp:$OUT/jmx.yaml"); METRICS_URL="http://127.0.0.1:$mp/metrics" ;;
  esac
  local t0; t0="$(now_ms)"
  # fixed, pre-touched heap: RSS differences are the agents' own memory, not heap growth under load
  "$JAVA" -Xms256m -Xmx256m -XX:+AlwaysPreTouch "${agent[@]}" "$@" -cp "$OUT/app:$LIB/*" SampleApp "$APP_PORT" >"$OUT/$variant.log" 2>&1 &
  PID=$!
  until curl -fs -o /dev/null "http://127.0.0.1:$APP_PORT/healthz"; do
    kill -0 "$PID" 2>/dev/null || { echo "run.sh: $variant exited"; cat "$OUT/$variant.log"; exit 1; }
    sleep 0.01
  done
  STARTUP_MS=$(( $(now_ms) - t0 ))
  STARTUP_CPU_MS="$(awk -v t="$(getconf CLK_TCK)" '{printf "%d", ($14 + $15) * 1000 / t}' "/proc/$PID/stat")"
  if [[ -n "$METRICS_URL" ]]; then
    for _ in $(seq 300); do curl -fs -o /dev/null "$METRICS_URL" && break; sleep 0.02; done
  fi
}
status_field() { awk -v k="$1:" '$1 == k {print $2}' "/proc/$PID/status"; }
cpu_ticks() { awk '{print $14 + $15}' "/proc/$PID/stat"; }
# sets RPS and CPU_US_PER_REQ (process CPU per request: robust on a shared, noisy machine)
throughput() {
  local c0; c0="$(cpu_ticks)"
  local out; out="$(wrk -t1 -c16 -d"${DURATION}s" "http://127.0.0.1:$APP_PORT/items/42")"
  local c1; c1="$(cpu_ticks)"
  RPS="$(awk '/Requests\/sec/ {print $2}' <<<"$out")"
  local n; n="$(awk '/requests in/ {print $1}' <<<"$out")"
  CPU_US_PER_REQ="$(python3 -c "print(round(($c1 - $c0) * 1e6 / $(getconf CLK_TCK) / $n, 1))")"
}
p99_us() { # $1 = total rate
  local per=$(( $1 / 4 )); ((per > 0)) || per=1
  hey -z "${DURATION}s" -c 4 -q "$per" "http://127.0.0.1:$APP_PORT/items/42" |
    awk '/ 99% in/ {printf "%.0f", $3 * 1000000}'
}
scrape_ms() { # median of 15 scrapes, in ms
  for _ in 1 2 3; do curl -fs -o /dev/null "$METRICS_URL"; done
  for _ in $(seq 15); do curl -fs -o /dev/null -w '%{time_total}\n' "$METRICS_URL"; done |
    sort -n | awk '{a[NR]=$1} END {printf "%.1f", a[int((NR+1)/2)] * 1000}'
}

RAW="$OUT/raw.tsv"
printf 'round\tvariant\tstartup_ms\tstartup_cpu_ms\trss_kib\tthreads\trps\tcpu_us_per_req\tp99_us\n' >"$RAW"
VARIANTS=(none vigil otel jmx)
for round in $(seq "$ROUNDS"); do
  rate=""
  for v in "${VARIANTS[@]}"; do
    start "$v"
    wrk -t1 -c16 -d2s "http://127.0.0.1:$APP_PORT/items/42" >/dev/null   # warm-up
    throughput; rps="$RPS"
    [[ "$v" == none ]] && rate="$(python3 -c "print(int(float('$rps') * 0.5))")"
    p99="$(p99_us "$rate")"
    [[ -n "$METRICS_URL" ]] && curl -fs -o /dev/null "$METRICS_URL"
    rss="$(status_field VmRSS)"; threads="$(status_field Threads)"
    if [[ "$round" == 1 ]] && command -v jcmd >/dev/null; then   # thread names, digits and hashes folded
      jcmd "$PID" Thread.print 2>/dev/null | awk -F'"' '/^"/ {print $2}' | sed -E 's/@[0-9a-fA-F]+/@H/g; s/[0-9]+/N/g' |
        sort -u >"$OUT/threads.$v" || true
    fi
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$round" "$v" "$STARTUP_MS" "$STARTUP_CPU_MS" "$rss" "$threads" "$rps" \
      "$CPU_US_PER_REQ" "$p99" | tee -a "$RAW"
    stop_app
  done
done

# scrape time at ~1k and ~10k series: Vigil with distinct routes (15 samples per route with histogram buckets),
# the JMX exporter with that many MBeans; the OpenTelemetry agent has no comparable knob (routes are servlet mappings)
SCRAPE="$OUT/scrape.tsv"
printf 'variant\ttarget\tsamples\tscrape_ms\tbytes\tpromtool_problems\n' >"$SCRAPE"
lint() {
  if command -v promtool >/dev/null; then curl -fs "$METRICS_URL" | promtool check metrics 2>&1 | grep -c . || true
  else echo n/a; fi
}
record_scrape() { # variant target
  local body; body="$(curl -fs "$METRICS_URL")"
  local samples; samples="$(grep -vc '^#' <<<"$body")"
  printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$1" "$2" "$samples" "$(scrape_ms)" "${#body}" "$(lint)" | tee -a "$SCRAPE"
}
for target in 1000 10000; do
  start vigil
  python3 - "$APP_PORT" "$(( target / 15 ))" <<'PY'
import socket, sys
port, routes = int(sys.argv[1]), int(sys.argv[2])
def word(n):
    s = ""
    while True:
        s += chr(97 + n % 26); n //= 26
        if n == 0: return s
for start in range(0, routes, 100):
    with socket.create_connection(("127.0.0.1", port)) as c:
        reqs = "".join("GET /p/%s HTTP/1.1\r\nHost: x\r\n%s\r\n" % (word(i), "Connection: close\r\n" if i == min(start + 100, routes) - 1 else "")
                       for i in range(start, min(start + 100, routes)))
        c.sendall(reqs.encode())
        while c.recv(65536): pass
PY
  record_scrape vigil "$target"; stop_app
  start jmx "-Dsample.mbeans=$target"; record_scrape jmx "$target"; stop_app
done
start otel; curl -fs -o /dev/null "http://127.0.0.1:$APP_PORT/items/1"; sleep 1; record_scrape otel default; stop_app

python3 - "$RAW" "$SCRAPE" "$ROUNDS" "$(nproc)" "$("$JAVA" -version 2>&1 | head -1)" <<'PY' | tee "$OUT/results.md"
import csv, statistics, sys
raw, scrape, rounds, cpus, java = sys.argv[1:6]
rows = list(csv.DictReader(open(raw), delimiter="\t"))
def med(v, k): return statistics.median(float(r[k]) for r in rows if r["variant"] == v)
base = {k: med("none", k) for k in ("startup_ms", "startup_cpu_ms", "rss_kib", "threads", "rps", "cpu_us_per_req", "p99_us")}
print(f"{rounds} interleaved rounds, medians; {cpus} CPUs; {java}\n")
print("| | start-up added (wall) | start-up CPU added | RSS added | extra threads | throughput loss | CPU per request added | p99 added at 50 % load |")
print("|---|---:|---:|---:|---:|---:|---:|---:|")
names = {"none": "no agent (absolute)", "vigil": "Vigil metrics-agent", "otel": "OpenTelemetry agent 2.33.1", "jmx": "JMX exporter 1.0.1"}
for v in ("none", "vigil", "otel", "jmx"):
    if v == "none":
        print(f"| {names[v]} | {base['startup_ms']:.0f} ms | {base['startup_cpu_ms']:.0f} ms | {base['rss_kib']/1024:.0f} MiB | {base['threads']:.0f} | {base['rps']:.0f} req/s | {base['cpu_us_per_req']:.1f} µs | {base['p99_us']:.0f} µs |")
        continue
    d = {k: med(v, k) - base[k] for k in base}
    loss = (base["rps"] - med(v, "rps")) / base["rps"] * 100
    print(f"| {names[v]} | {d['startup_ms']:+.0f} ms | {d['startup_cpu_ms']:+.0f} ms | {d['rss_kib']/1024:+.1f} MiB | {d['threads']:+.0f} | {loss:.1f} % | {d['cpu_us_per_req']:+.1f} µs | {d['p99_us']:+.0f} µs |")
import os
out = os.path.dirname(raw)
def thread_names(v):
    p = os.path.join(out, "threads." + v)
    return set(open(p).read().split("\n")) - {""} if os.path.exists(p) else None
if thread_names("none") is not None:
    print("\nThreads added (names from `jcmd Thread.print` in round 1, digits and hashes folded):\n")
    for v in ("vigil", "otel", "jmx"):
        n = thread_names(v)
        if n is not None:
            print(f"- {v}: " + ", ".join(f"`{x}`" for x in sorted(n - thread_names("none"))))
print("\n| scrape | samples | median scrape time | body bytes | promtool problems |")
print("|---|---:|---:|---:|---:|")
for r in csv.DictReader(open(scrape), delimiter="\t"):
    print(f"| {names[r['variant']]} @ {r['target']} | {r['samples']} | {r['scrape_ms']} ms | {r['bytes']} | {r['promtool_problems']} |")
PY
