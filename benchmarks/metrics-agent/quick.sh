#!/usr/bin/env bash
# Quick, repeatable single-machine checks of Vigil's agent alone (no peers; for before/after comparisons while
# developing — the full comparison is run.sh):
#   benchmarks/metrics-agent/quick.sh startup [N]   N starts each without and with the agent (interleaved): process
#                                                   CPU (utime+stime from /proc/PID/stat) at the first HTTP answer and
#                                                   once the endpoint answers; classes loaded
#   benchmarks/metrics-agent/quick.sh guard [N]     the runtime guard's cost, no event firing: N interleaved rounds of
#                                                   the agent without and with guard=detect (start-up CPU as for startup,
#                                                   then CPU per request under wrk as for cpu, split by thread kind, and
#                                                   context switches per request); GUARD_A/GUARD_B choose the variants
#                                                   (A/A: GUARD_B=off)
#   benchmarks/metrics-agent/quick.sh guardstartup [N] start-up added by the guard alone: N rounds (default 15) of no agent,
#                                                   agent with guard=off, agent with guard=detect, order rotating per
#                                                   round; process CPU at the first answer, paired differences with
#                                                   quartiles and split by thread (main, JIT, other live, exited),
#                                                   classes loaded, the guard's in-process install time
#   benchmarks/metrics-agent/quick.sh guardhooks [N] which guarded JDK calls a plain request passes through: guard=detect
#                                                   with custom rules matching every call of every kind (Debug),
#                                                   vigil_guard_events_total per kind before and after N requests (after
#                                                   a warm-up) on /items/42, /healthz and /metrics: calls per request
#   benchmarks/metrics-agent/quick.sh threads       thread names the agent adds (jcmd Thread.print, after requests)
#   benchmarks/metrics-agent/quick.sh cpu [N]       process CPU per request under wrk (-t1 -c16, 5 s after a 3 s warm-up),
#                                                   N interleaved rounds without and with the agent
#   benchmarks/metrics-agent/quick.sh scrape [ROUTES]  per-scrape times (curl, 20 scrapes, fresh JVM) at ROUTES*15
#                                                   samples (default 667 ≈ 10k), plain and gzip
# Environment: JAVA (default java), AGENT (default metrics-agent/target/metrics-agent.jar), AGENT_ARGS; for guard:
# WARMUP (s of wrk before measuring, default 3) and DURATION (s measured, default 5): with the defaults the JIT is
# still compiling in the measured window, so per-request CPU moves ±10 % between runs; 15/15 settles it.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
JAVA="${JAVA:-java}"
OUT="$HERE/target/quick"
mkdir -p "$OUT"
AGENT="${AGENT:-$ROOT/metrics-agent/target/metrics-agent.jar}"
LIB="$ROOT/metrics-agent/target/it-lib/jetty12"
[[ -f "$AGENT" && -d "$LIB" ]] || { echo "quick.sh: build first: ./mvnw -B -q -o -pl metrics-agent -am -DskipTests package" >&2; exit 1; }
javac -nowarn -d "$OUT/app" -cp "$LIB/*" "$ROOT/metrics-agent/src/it/samples/jetty12/SampleApp.java"
TCK="$(getconf CLK_TCK)"
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
cpu_ms() { awk -v t="$TCK" '{printf "%d", ($14 + $15) * 1000 / t}' "/proc/$1/stat"; }
# CPU ms of the live threads of PID by kind: "main jit other" (main = the launcher's threads named java, jit = the C1/C2
# compiler threads); what exited threads used (the agent's background set-up) is the process figure minus these
thread_cpu_ms() {
  for t in /proc/"$1"/task/*; do sed -E 's/^[0-9]+ \((.*)\) [A-Za-z] (.*)$/\1|\2/' "$t/stat" 2>/dev/null; done |
    awk -F'|' -v t="$TCK" '{split($2, f, " "); ms = (f[11] + f[12]) * 1000 / t
      if ($1 == "java") m += ms; else if ($1 ~ /^C[12] CompilerThre/) j += ms; else o += ms}
      END {printf "%d\t%d\t%d", m, j, o}'
}
PID=""
stop_app() { if [[ -n "$PID" ]]; then kill "$PID" 2>/dev/null || true; wait "$PID" 2>/dev/null || true; PID=""; fi; }
trap stop_app EXIT

start() { # with_agent(0|1) [extra JVM args]
  local with="$1"; shift
  APP_PORT="$(free_port)"; MPORT="$(free_port)"
  local agent=()
  [[ "$with" == 1 ]] && agent=("-javaagent:$AGENT=port=$MPORT,maxRoutes=100000${AGENT_ARGS:+,$AGENT_ARGS}")
  [[ "$with" == 2 ]] && agent=("-javaagent:$AGENT=port=$MPORT,maxRoutes=100000,guard=detect${AGENT_ARGS:+,$AGENT_ARGS}")
  "$JAVA" -Xms256m -Xmx256m -XX:+AlwaysPreTouch "${agent[@]}" "$@" -cp "$OUT/app:$LIB/*" SampleApp "$APP_PORT" \
    >"$OUT/app.log" 2>&1 &
  PID=$!
  until curl -fs -o /dev/null "http://127.0.0.1:$APP_PORT/healthz"; do
    kill -0 "$PID" 2>/dev/null || { cat "$OUT/app.log"; exit 1; }
    sleep 0.01
  done
  FIRST_CPU="$(cpu_ms "$PID")"
  READY_CPU="$FIRST_CPU"
  if [[ "$with" != 0 ]]; then
    until curl -fs -o /dev/null "http://127.0.0.1:$MPORT/metrics"; do sleep 0.01; done
    READY_CPU="$(cpu_ms "$PID")"
  fi
}

case "${1:-startup}" in
  startup)
    N="${2:-5}"
    printf 'run\tagent\tcpu_ms_first_answer\tcpu_ms_endpoint_ready\tclasses\n'
    for i in $(seq "$N"); do
      for with in 0 1; do
        start "$with"
        classes="$(jcmd "$PID" PerfCounter.print 2>/dev/null | awk -F= '/java.cls.loadedClasses/ {print $2}')"
        printf '%s\t%s\t%s\t%s\t%s\n' "$i" "$with" "$FIRST_CPU" "$READY_CPU" "$classes"
        stop_app
      done
    done | tee "$OUT/startup.tsv"
    python3 - "$OUT/startup.tsv" <<'PY'
import csv, statistics, sys
rows = list(csv.reader(open(sys.argv[1]), delimiter="\t"))
def med(a, col): return statistics.median(int(r[col]) for r in rows if r[1] == a)
print(f"median CPU at first answer: no agent {med('0',2)} ms, agent {med('1',2)} ms, added {med('1',2)-med('0',2):+.0f} ms")
print(f"median CPU when the endpoint answers: agent {med('1',3)} ms, added {med('1',3)-med('0',2):+.0f} ms")
print(f"median classes loaded: no agent {med('0',4)}, agent {med('1',4)} ({med('1',4)-med('0',4):+.0f})")
PY
    ;;
  cpu)
    N="${2:-3}"
    printf 'run\tagent\trequests\tcpu_us_per_request\n'
    for i in $(seq "$N"); do
      for with in 0 1; do
        start "$with"
        wrk -t1 -c16 -d"${WARMUP:-3}s" "http://127.0.0.1:$APP_PORT/items/42" >/dev/null
        t0="$(awk '{print $14 + $15}' "/proc/$PID/stat")"
        n="$(wrk -t1 -c16 -d"${DURATION:-5}s" "http://127.0.0.1:$APP_PORT/items/42" | awk '/requests in/ {print $1}')"
        t1="$(awk '{print $14 + $15}' "/proc/$PID/stat")"
        printf '%s\t%s\t%s\t%s\n' "$i" "$with" "$n" "$(python3 -c "print(round(($t1 - $t0) * 1e6 / $TCK / $n, 2))")"
        stop_app
      done
    done | tee "$OUT/cpu.tsv"
    python3 - "$OUT/cpu.tsv" <<'PY'
import csv, statistics, sys
rows = list(csv.reader(open(sys.argv[1]), delimiter="\t"))
def med(a): return statistics.median(float(r[3]) for r in rows if r[1] == a)
print(f"median CPU per request: no agent {med('0'):.2f} µs, agent {med('1'):.2f} µs, added {med('1') - med('0'):+.2f} µs")
PY
    ;;
  guard)
    # GUARD_A / GUARD_B (default off / detect; A/A: GUARD_B=off) are the two variants of each round. Besides the
    # process's CPU per request, the measured window is split by thread: request threads (Jetty's qtp: selector,
    # acceptor, workers), JIT compiler threads (still compiling after a short warm-up), GC and the rest, and the
    # context switches per request of the whole process, which tell the two scheduling modes of this 2-core machine
    # apart (wrk and Jetty on the same or on different cores: ~0.7 vs ~1.5 switches per request, with different CPU per
    # request for the very same code).
    N="${2:-3}"
    A="${GUARD_A:-off}" B="${GUARD_B:-detect}"
    window() { # pid: "threads-cpu-ticks-by-kind ctx-switches"
      for t in /proc/"$1"/task/*; do
        sed -E 's/^[0-9]+ \((.*)\) [A-Za-z] (.*)$/\1|\2/' "$t/stat" 2>/dev/null
      done | awk -F'|' '{split($2, f, " "); c = f[11] + f[12]
        if ($1 ~ /^qtp/) q += c; else if ($1 ~ /CompilerThre/) j += c; else if ($1 ~ /^G|GC/) g += c; else o += c}
        END {printf "%d %d %d %d", q, j, g, o}'
      printf ' %s' "$(cat /proc/"$1"/task/*/status 2>/dev/null | awk '/ctxt_switches/ {s += $2} END {print s}')"
    }
    printf 'run\tguard\tcpu_ms_first_answer\tcpu_ms_endpoint_ready\tcpu_us_per_request\trequest_threads_us\tjit_us\tgc_us\tother_us\tctx_switches_per_request\n'
    for i in $(seq "$N"); do
      for v in "$A" "$B"; do
        if [[ "$v" == off ]]; then start 1; else AGENT_ARGS="guard=$v${AGENT_ARGS:+,$AGENT_ARGS}" start 1; fi
        wrk -t1 -c16 -d"${WARMUP:-3}s" "http://127.0.0.1:$APP_PORT/items/42" >/dev/null
        w0="$(window "$PID")"
        t0="$(awk '{print $14 + $15}' "/proc/$PID/stat")"
        n="$(wrk -t1 -c16 -d"${DURATION:-5}s" "http://127.0.0.1:$APP_PORT/items/42" | awk '/requests in/ {print $1}')"
        t1="$(awk '{print $14 + $15}' "/proc/$PID/stat")"
        w1="$(window "$PID")"
        printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$i" "$v" "$FIRST_CPU" "$READY_CPU" \
          "$(python3 -c "print(round(($t1 - $t0) * 1e6 / $TCK / $n, 2))")" \
          "$(python3 -c "
a, b = '$w0'.split(), '$w1'.split()
d = [(int(y) - int(x)) for x, y in zip(a, b)]
print('\t'.join(f'{x * 1e6 / $TCK / $n:.2f}' for x in d[:4]) + f'\t{d[4] / $n:.2f}')")"
        stop_app
      done
    done | tee "$OUT/guard.tsv"
    python3 - "$OUT/guard.tsv" "$A" "$B" <<'PY'
import csv, statistics, sys
rows = [r for r in csv.reader(open(sys.argv[1]), delimiter="\t") if r[0] != "run"]
a, b = sys.argv[2], sys.argv[3]
# an A/A run names its two variants alike: tell them apart by their place in the round
for k, r in enumerate(rows):
    r[1] = ("A:" if k % 2 == 0 else "B:") + r[1]
A, B = "A:" + a, "B:" + b
def med(g, col): return statistics.median(float(r[col]) for r in rows if r[1] == g)
print(f"median CPU at first answer: {A} {med(A,2):.0f} ms, {B} {med(B,2):.0f} ms, added {med(B,2)-med(A,2):+.0f} ms")
print(f"median CPU per request: {A} {med(A,4):.2f} µs, {B} {med(B,4):.2f} µs ({(med(B,4)/med(A,4)-1)*100:+.1f} %)")
for col, label in ((5, "request threads"), (6, "JIT"), (7, "GC"), (9, "context switches")):
    print(f"  {label} per request: {A} {med(A,col):.2f}, {B} {med(B,col):.2f}")
for col, label in ((4, "process CPU"), (5, "request-thread CPU")):
    first = {r[0]: float(r[col]) for r in rows if r[1] == A}
    ratios = sorted(float(r[col]) / first[r[0]] for r in rows if r[1] == B and r[0] in first)
    n = len(ratios)
    print(f"per round, {B} / {A}, {label}: " + ", ".join(f"{x:.3f}" for x in ratios)
          + f" (median {statistics.median(ratios):.3f}, quartiles {ratios[n // 4]:.3f}-{ratios[(3 * n) // 4]:.3f})")
# rounds whose two variants ran in the same scheduling mode (context switches per request within 20 %): only these
# compare like with like
cs = {(r[0], r[1]): float(r[9]) for r in rows}
same = [i for i in sorted({r[0] for r in rows}) if (i, A) in cs and (i, B) in cs
        and 0.8 <= cs[(i, B)] / max(cs[(i, A)], 1e-9) <= 1.25]
if same:
    req = {(r[0], r[1]): float(r[5]) for r in rows}
    print(f"same-mode rounds ({len(same)} of {len({r[0] for r in rows})}), {B} / {A}, request-thread CPU: "
          + ", ".join(f"{req[(i, B)] / req[(i, A)]:.3f}" for i in same))
else:
    print("same-mode rounds: none (run more rounds)")
PY
    ;;
  guardstartup)
    # start-up only, many short rounds: each round starts the app without the agent, with the agent (guard=off) and
    # with guard=detect, in an order that rotates from round to round (so no variant always comes first after a
    # pause); process CPU at the first HTTP answer, classes loaded then, and the guard's own install time (CPU of the
    # thread that ran it, logged by the agent with -Dvigil.metrics.debug=true)
    N="${2:-15}"
    printf 'run\tvariant\tcpu_ms_first_answer\tclasses\tguard_install_cpu_ms\tmain_ms\tjit_ms\tother_live_ms\n'
    for i in $(seq "$N"); do
      case $((i % 3)) in 0) order="0 1 2" ;; 1) order="1 2 0" ;; *) order="2 0 1" ;; esac
      for with in $order; do
        start "$with" -Dvigil.metrics.debug=true
        threads="$(thread_cpu_ms "$PID")"
        classes="$(jcmd "$PID" PerfCounter.print 2>/dev/null | awk -F= '/java.cls.loadedClasses/ {print $2}')"
        install="$(sed -n 's/.*runtime guard installed in .* ms (CPU \([0-9.]*\) ms.*/\1/p' "$OUT/app.log" | head -1)"
        printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$i" "$(case $with in 0) echo none ;; 1) echo off ;; *) echo detect ;; esac)" \
          "$FIRST_CPU" "$classes" "${install:--}" "$threads"
        stop_app
      done
    done | tee "$OUT/guardstartup.tsv"
    python3 - "$OUT/guardstartup.tsv" <<'PY'
import csv, statistics, sys
rows = [r for r in csv.reader(open(sys.argv[1]), delimiter="\t") if r[0] != "run"]
def col(v, c): return [float(r[c]) for r in rows if r[1] == v and r[c] != "-"]
def q(xs):
    xs = sorted(xs); n = len(xs)
    return xs[n // 4], statistics.median(xs), xs[(3 * n) // 4]
for v in ("none", "off", "detect"):
    lo, med, hi = q(col(v, 2))
    print(f"CPU at first answer, {v:6}: median {med:.0f} ms (quartiles {lo:.0f}-{hi:.0f}, range {min(col(v,2)):.0f}-{max(col(v,2)):.0f}); classes median {statistics.median(col(v,3)):.0f}")
by = {(r[0], r[1]): r for r in rows}
for a, b in (("detect", "off"), ("off", "none")):
    d = [float(by[(i, a)][2]) - float(by[(i, b)][2]) for i in sorted({r[0] for r in rows}) if (i, a) in by and (i, b) in by]
    lo, med, hi = q(d)
    print(f"{a} - {b}, paired per round: median {med:+.0f} ms (quartiles {lo:+.0f} to {hi:+.0f}, range {min(d):+.0f} to {max(d):+.0f}, n={len(d)})")
    print(f"  classes {a} - {b}: {statistics.median(col(a,3)) - statistics.median(col(b,3)):+.0f}")
    if len(rows[0]) > 7:
        parts = []
        for c, label in ((5, "main thread"), (6, "JIT threads"), (7, "other live threads")):
            pd = [float(by[(i, a)][c]) - float(by[(i, b)][c]) for i in sorted({r[0] for r in rows}) if (i, a) in by and (i, b) in by]
            parts.append(f"{label} {statistics.median(pd):+.0f}")
        ex = [(float(by[(i, a)][2]) - sum(float(by[(i, a)][c]) for c in (5, 6, 7))) - (float(by[(i, b)][2]) - sum(float(by[(i, b)][c]) for c in (5, 6, 7)))
              for i in sorted({r[0] for r in rows}) if (i, a) in by and (i, b) in by]
        parts.append(f"exited threads {statistics.median(ex):+.0f}")
        print("  where (paired medians, ms): " + ", ".join(parts))
g = col("detect", 4)
if g:
    lo, med, hi = q(g)
    print(f"guard install (in-process, CPU of the installing thread): median {med:.1f} ms (quartiles {lo:.1f}-{hi:.1f})")
PY
    ;;
  guardhooks)
    N="${2:-20000}"
    RULES="$OUT/every-call.yaml"
    : >"$RULES"
    for kind in process file jndi deserialize connect classload script; do
      printf -- '- rule: every-%s\n  desc: every guarded %s call\n  priority: Debug\n  condition: kind == "%s"\n  output: "%s %%fd.name %%class.name %%net.host"\n' \
        "$kind" "$kind" "$kind" "$kind" >>"$RULES"
    done
    AGENT_ARGS="guard.rules=$RULES,guard.output=$OUT/every-call.jsonl${AGENT_ARGS:+,$AGENT_ARGS}" start 2
    counts() { curl -fs "http://127.0.0.1:$MPORT/metrics" | awk '/^vigil_guard_events_total/ {match($0, /rule="[^"]*"/); r=substr($0, RSTART+6, RLENGTH-7); c[r]+=$NF} END {for (r in c) print r, c[r]}' | sort; }
    wrk -t1 -c16 -d3s "http://127.0.0.1:$APP_PORT/items/42" >/dev/null
    curl -fs -o /dev/null "http://127.0.0.1:$APP_PORT/healthz"
    before="$(counts)"
    for path in /items/42 /healthz; do
      python3 - "$APP_PORT" "$path" "$N" <<'PY'
import http.client, sys
c = http.client.HTTPConnection("127.0.0.1", int(sys.argv[1]))
for _ in range(int(sys.argv[3])):
    c.request("GET", sys.argv[2]); c.getresponse().read()
PY
    done
    after="$(counts)"
    echo "guarded calls counted, after warm-up: $(echo "$before" | tr '\n' ' ')"
    echo "after $N requests each on /items/42 and /healthz (keep-alive) and the scrapes: $(echo "$after" | tr '\n' ' ')"
    echo "the calls themselves (distinct, from $OUT/every-call.jsonl):"
    python3 - "$OUT/every-call.jsonl" <<'PY'
import collections, json, sys
seen = collections.Counter()
for line in open(sys.argv[1]):
    e = json.loads(line)
    f = e["output_fields"]
    seen[(e["rule"], f.get("fd.name") or f.get("class.name") or f.get("net.host") or "", f.get("http.route", "-"))] += 1
for (rule, what, route), n in sorted(seen.items()):
    print(f"  {rule}\t{what}\troute={route}\t{n} written")
PY
    stop_app
    ;;
  threads)
    for with in 0 1; do
      start "$with"
      for _ in $(seq 20); do curl -fs -o /dev/null -H 'traceparent: 00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01' "http://127.0.0.1:$APP_PORT/items/1"; done
      [[ "$with" == 1 ]] && curl -fs -o /dev/null -H 'Accept: application/openmetrics-text' "http://127.0.0.1:$MPORT/metrics"
      sleep 0.5
      jcmd "$PID" Thread.print | awk -F'"' '/^"/ {print $2}' | sed -E 's/@[0-9a-fA-F]+/@H/g; s/[0-9]+/N/g' | sort -u >"$OUT/threads.$with"
      echo "agent=$with distinct thread names: $(wc -l <"$OUT/threads.$with")"
      stop_app
    done
    echo "added by the agent:"; comm -13 "$OUT/threads.0" "$OUT/threads.1"
    ;;
  scrape)
    ROUTES="${2:-667}"
    start 1
    python3 - "$APP_PORT" "$ROUTES" <<'PY'
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
    URL="http://127.0.0.1:$MPORT/metrics"
    echo "samples: $(curl -fs "$URL" | grep -vc '^#'), bytes: $(curl -fs "$URL" | wc -c)"
    c0="$(cpu_ms "$PID")"
    echo "plain (ms, in order): $(for _ in $(seq 20); do curl -fs -o /dev/null -w '%{time_total} ' "$URL"; done | python3 -c 'import sys; print(" ".join("%.1f" % (float(x)*1000) for x in sys.stdin.read().split()))')"
    c1="$(cpu_ms "$PID")"
    echo "gzip  (ms, in order): $(for _ in $(seq 20); do curl -fs -o /dev/null -H 'Accept-Encoding: gzip' -w '%{time_total} ' "$URL"; done | python3 -c 'import sys; print(" ".join("%.1f" % (float(x)*1000) for x in sys.stdin.read().split()))')"
    c2="$(cpu_ms "$PID")"
    echo "process CPU per scrape: plain $(( (c1 - c0) / 20 )) ms, gzip $(( (c2 - c1) / 20 )) ms"
    ;;
esac
