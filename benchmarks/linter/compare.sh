#!/usr/bin/env bash
# Two builds of the linter on the 16.5 MB, 10,000-object corpus, run the way ./vigil lint runs the jar (AppCDS archive
# recorded on a small file first, C1 only, serial collector), interleaved so that both see the same machine load.
# Not a test. Prints wall, CPU (user+sys), peak RSS and the load average per run, then whether the JSON reports are
# identical apart from the version.
#   benchmarks/linter/compare.sh BEFORE_JAR AFTER_JAR [RUNS]
# FORMAT=text compares the default text report (what a plain `./vigil lint` writes) instead of --format json.
# BEFORE_GC / AFTER_GC: the collector options of each side (default -XX:+UseSerialGC, what ./vigil used before run 6).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
BEFORE="$1"; AFTER="$2"; RUNS="${3:-3}"; FORMAT="${FORMAT:-json}"
WORK="${TMPDIR:-/tmp}/vigil-lint-bench"
CORPUS="$WORK/corpus-10000-padded"
SMALL="$ROOT/examples/manifests/shop/web.yaml"
mkdir -p "$WORK"
[[ -d "$CORPUS" ]] || python3 "$ROOT/benchmarks/linter/gen_corpus.py" "$CORPUS" 10000 600 >/dev/null
declare -A JARS=([before]="$BEFORE" [after]="$AFTER")
declare -A GCS=([before]="${BEFORE_GC:--XX:+UseSerialGC}" [after]="${AFTER_GC:--XX:+UseSerialGC}")
CDS="-Xlog:cds=off -Xlog:cds+dynamic=off"
for k in before after; do
  rm -f "$WORK/compare-$k.jsa"
  java -XX:ArchiveClassesAtExit="$WORK/compare-$k.jsa" $CDS -XX:TieredStopAtLevel=1 -jar "${JARS[$k]}" "$SMALL" \
    >/dev/null 2>&1 || true
done
echo "date: $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, corpus $(du -sb "$CORPUS" | cut -f1) bytes, --format $FORMAT"
echo "collector: before ${GCS[before]}, after ${GCS[after]}"
for ((r = 1; r <= RUNS; r++)); do
  for k in before after; do
    load=$(cut -d' ' -f1 /proc/loadavg)
    /usr/bin/time -f "%e %U %S %M" -o "$WORK/compare-time.txt" java -XX:SharedArchiveFile="$WORK/compare-$k.jsa" $CDS \
      -XX:TieredStopAtLevel=1 ${GCS[$k]} -jar "${JARS[$k]}" --format "$FORMAT" "$CORPUS" \
      >"$WORK/compare-$k.$FORMAT" 2>/dev/null || true
    read -r wall user sys rss < <(tail -1 "$WORK/compare-time.txt")
    printf '%-6s run %d  load %5s  wall %6.2f s  CPU %5.2f s  peak RSS %4d MB\n' \
      "$k" "$r" "$load" "$wall" "$(echo "$user + $sys" | bc)" $((rss / 1024))
  done
done
if [[ "$FORMAT" != json ]]; then
  cmp -s "$WORK/compare-before.$FORMAT" "$WORK/compare-after.$FORMAT" && same=True || same=False
  echo "$FORMAT reports identical: $same ($(wc -l <"$WORK/compare-after.$FORMAT") lines)"
  exit 0
fi
python3 - "$WORK/compare-before.json" "$WORK/compare-after.json" <<'P'
import json, sys
a, b = (json.load(open(p)) for p in sys.argv[1:3])
a.pop("version", None); b.pop("version", None)
print("reports identical apart from version:", a == b, f"({len(a['findings'])} / {len(b['findings'])} findings)")
P
