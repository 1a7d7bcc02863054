# Per-thread CPU placement, scheduling and CPU accounting of a running JVM, for benchmark scripts (source it:
# `. jvm-sched.sh`). The idea is copied from benchmarks/webhook/run.sh (its jit_prio, left unchanged there): under
# SCHED_RR every thread of a process gets a 100 ms quantum, so a JIT compiler thread at real-time priority can hold a
# pinned core for up to 100 ms while the server thread waits.
#
#   jvm_jit_cpus PID CPUS   the JIT compiler threads of PID onto CPUS (a taskset list), away from the server thread
#   jvm_jit_rt PID PRIO     the JIT compiler threads to SCHED_RR PRIO, or to SCHED_OTHER when PRIO is 0 or empty
#                           (needs root / CAP_SYS_NICE; a no-op where refused)
#   jvm_cpu_ns PID          CPU time of PID's live threads but the JIT compiler threads, in ns (sum of
#                           /proc/PID/task/*/schedstat: ns resolution, where /proc/PID/stat counts 10 ms ticks; the
#                           JIT's work left out: it is a start-up cost, and it runs on another CPU here)
#   jvm_compiles PID        methods compiled so far by the JIT (`jstat -compiler`: reads the JVM's hsperfdata file,
#                           no attach; empty when not available)
# Run the JVM with -XX:-UseDynamicNumberOfCompilerThreads so that its compiler threads all exist from the start.

jvm_jit_tids() {
  local t
  for t in /proc/"$1"/task/*; do
    case "$(cat "$t/comm" 2>/dev/null)" in
      C1\ CompilerThre* | C2\ CompilerThre*) echo "${t##*/}" ;;
    esac
  done
}

jvm_jit_cpus() {
  local tid
  for tid in $(jvm_jit_tids "$1"); do taskset -p -c "$2" "$tid" >/dev/null 2>&1 || true; done
}

jvm_jit_rt() {
  local tid prio="${2:-0}"
  for tid in $(jvm_jit_tids "$1"); do
    if [[ "$prio" == 0 ]]; then chrt -o -p 0 "$tid"; else chrt -r -p "$prio" "$tid"; fi >/dev/null 2>&1 || true
  done
}

jvm_cpu_ns() {
  local t sum=0 ns
  for t in /proc/"$1"/task/*; do
    case "$(cat "$t/comm" 2>/dev/null)" in
      C1\ CompilerThre* | C2\ CompilerThre*) continue ;;
    esac
    read -r ns _ <"$t/schedstat" 2>/dev/null || continue
    sum=$(( sum + ns ))
  done
  echo "$sum"
}

jvm_compiles() {
  local jstat="${JSTAT:-$(dirname "$(readlink -f "$(command -v "${JAVA:-java}")")")/jstat}"
  [[ -x "$jstat" ]] || return 0
  "$jstat" -compiler "$1" 2>/dev/null | awk 'NR == 2 { print $1 }'
}

# jvm_allocated_kb PID      KB allocated so far in the young generation: young collections x eden capacity + eden in
#                           use (`jstat -gc`); exact only while eden's capacity does not change (a fixed heap and
#                           -XX:+UseSerialGC); the difference over a window / requests = bytes allocated per request
jvm_allocated_kb() {
  local jstat="${JSTAT:-$(dirname "$(readlink -f "$(command -v "${JAVA:-java}")")")/jstat}"
  [[ -x "$jstat" ]] || return 0
  "$jstat" -gc "$1" 2>/dev/null | awk 'NR == 1 { for (i = 1; i <= NF; i++) col[$i] = i }
    NR == 2 { printf "%.1f", $col["YGC"] * $col["EC"] + $col["EU"] }'
}
