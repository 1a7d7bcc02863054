#!/usr/bin/env bash
# Linter cost on large and hostile input (issue 14; not a test): one command, prints what benchmarks/RESULTS.md
# records.
#   benchmarks/linter/memory.sh [PREVIOUS_JAR]
# 1. a 10,000-object corpus padded with annotations to ~16.5 MB (gen_corpus.py OUT 10000 600): peak RSS
#    (/usr/bin/time -v) and wall time (hyperfine when installed) of `./vigil lint`, and of PREVIOUS_JAR (a build of
#    an earlier commit) run the way the launcher ran it then (AppCDS off, C1 only, default collector), when given
# 2. a 20 MB file holding one 20 MB scalar: time to be rejected (the scalar limit is 1 MiB), same two contenders
# The machine is shared: the load average is printed before and after; CPU time (user+sys) moves less with load
# than wall time does.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"
PREVIOUS="${1:-}"
RUNS="${RUNS:-3}"
WORK="${TMPDIR:-/tmp}/vigil-lint-bench"
CORPUS="$WORK/corpus-10000-padded"
SCALAR="$WORK/scalar-20mb.yaml"
mkdir -p "$WORK"
[[ -d "$CORPUS" ]] || python3 benchmarks/linter/gen_corpus.py "$CORPUS" 10000 600 >/dev/null
[[ -f "$SCALAR" ]] || python3 -c "
import sys
open(sys.argv[1], 'w').write('apiVersion: v1\nkind: ConfigMap\nmetadata: {name: big}\ndata:\n  k: ' + 'a' * 20_000_000 + '\n')
" "$SCALAR"
./vigil lint examples/manifests/shop >/dev/null 2>&1 || true # builds when needed, records the CDS archive

echo "== machine"
echo "date:   $(date -u '+%Y-%m-%d %H:%M UTC')"
echo "cpu:    $(nproc) x $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')"
echo "load:   $(cut -d' ' -f1-3 /proc/loadavg) (1/5/15 min) at the start"
echo "corpus: 10000 objects, $(ls "$CORPUS" | wc -l) files, $(du -sb "$CORPUS" | cut -f1) bytes"

declare -a NAMES CMDS
NAMES+=("./vigil lint corpus"); CMDS+=("./vigil lint $CORPUS")
NAMES+=("./vigil lint 20 MB scalar"); CMDS+=("./vigil lint $SCALAR")
if [[ -n "$PREVIOUS" ]]; then
  NAMES+=("previous: corpus"); CMDS+=("java -XX:TieredStopAtLevel=1 -jar $PREVIOUS $CORPUS")
  NAMES+=("previous: 20 MB scalar"); CMDS+=("java -XX:TieredStopAtLevel=1 -jar $PREVIOUS $SCALAR")
fi

echo
echo "== peak RSS and CPU (/usr/bin/time -v, best of $RUNS)"
printf '%-28s %10s %10s %10s\n' "command" "max RSS" "CPU s" "wall s"
for i in "${!NAMES[@]}"; do
  best_rss=0; best_cpu=999999; best_wall=999999
  for ((r = 0; r < RUNS; r++)); do
    /usr/bin/time -v -o "$WORK/time.txt" ${CMDS[$i]} >/dev/null 2>&1 || true
    rss=$(awk -F': ' '/Maximum resident/ {print $2}' "$WORK/time.txt")
    cpu=$(awk -F': ' '/User time/ {u=$2} /System time/ {s=$2} END {printf "%.2f", u + s}' "$WORK/time.txt")
    wall=$(awk -F': ' '/Elapsed/ {n = split($2, a, ":"); printf "%.2f", a[n] + (n > 1 ? a[n-1] * 60 : 0)}' "$WORK/time.txt")
    (( rss > best_rss )) && best_rss=$rss # peak: the largest of the runs
    best_cpu=$(python3 -c "print(min($best_cpu, $cpu))")
    best_wall=$(python3 -c "print(min($best_wall, $wall))")
  done
  printf '%-28s %7d MB %10s %10s\n' "${NAMES[$i]}" $((best_rss / 1024)) "$best_cpu" "$best_wall"
done

if command -v hyperfine >/dev/null 2>&1; then
  echo
  echo "== wall time (hyperfine -N, 1 warm-up + $RUNS runs)"
  args=()
  for i in "${!NAMES[@]}"; do args+=(-n "${NAMES[$i]}" "${CMDS[$i]}"); done
  hyperfine -N -i --warmup 1 --runs "$RUNS" --export-markdown "$WORK/memory-wall.md" "${args[@]}" >/dev/null
  cat "$WORK/memory-wall.md"
fi
echo
echo "load:   $(cut -d' ' -f1-3 /proc/loadavg) (1/5/15 min) at the end"
echo "goals: corpus peak RSS <= 400 MB; corpus <= 3 s whole process on 2 cores; a 20 MB file read or rejected <= 2 s"
