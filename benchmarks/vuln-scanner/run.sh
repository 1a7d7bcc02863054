#!/usr/bin/env bash
# vuln-scanner benchmark (not a test): one command, prints everything benchmarks/RESULTS.md records.
#   benchmarks/vuln-scanner/run.sh [ADVISORIES] [PACKAGES] [IMAGE_MB]     (default 20000 1000 300)
# Measures, whole process (java -jar vuln-scanner.jar, hyperfine):
#   1. index build: --db-info on ADVISORIES generated advisories with an empty cache (parse + index + cache write)
#      and with the cache warm; peer: Python's json module reading the same files (the parse floor)
#   2. scan of a PACKAGES-package CycloneDX SBOM against that database (warm cache)
#   3. scan of an IMAGE_MB MB Docker archive (dpkg status, real jars, filler, whiteout); peer: tar reading
#      every layer (`tar -xOf` piped to `tar -t --ignore-zeros`), the I/O floor
#   4. peak memory (maximum resident set size, /usr/bin/time -v) of each
# Peers that do the same job (osv-scanner, grype, trivy) ship as Go binaries outside the reachable registries.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"
ADV="${1:-20000}"; PKG="${2:-1000}"; MB="${3:-300}"
JAR="$ROOT/vuln-scanner/cli/target/vuln-scanner.jar"
WORK="${TMPDIR:-/tmp}/vigil-vuln-bench-$ADV-$PKG-$MB"
RUNS="${RUNS:-5}"
[[ -f "$JAR" ]] || ./mvnw -B -q -pl vuln-scanner/cli -am package -DskipTests >&2
[[ -f "$WORK/image.tar" ]] || python3 benchmarks/vuln-scanner/generate.py "$WORK" "$ADV" "$PKG" "$MB"

echo "== machine"
echo "date:  $(date -u '+%Y-%m-%d %H:%M UTC')"
echo "cpu:   $(nproc) x $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')"
echo "load:  $(cut -d' ' -f1-3 /proc/loadavg) (1/5/15 min)"
echo "java:  $(java -version 2>&1 | head -1)"
echo "input: $ADV advisories ($(du -sh "$WORK/osv" | cut -f1)), SBOM of $PKG packages, image $(du -sh "$WORK/image.tar" | cut -f1)"

S="java -jar $JAR"
echo
echo "== 1. index build (cold: empty cache each run) and warm cache; peer: python json parse of the same files"
hyperfine -N --runs "$RUNS" --export-markdown "$WORK/index.md" \
  --prepare "rm -rf $WORK/cache-cold" \
  -n "index build, cold (--db-info)" "$S --db-info --db $WORK/osv --cache-dir $WORK/cache-cold" \
  -n "warm cache (--db-info)" "$S --db-info --db $WORK/osv --cache-dir $WORK/cache" \
  -n "peer: python3 json.load of every file" "python3 -c \"import json,glob; [json.load(open(f)) for f in glob.glob('$WORK/osv/*.json')]\"" \
  >/dev/null
cat "$WORK/index.md"

echo
echo "== 2. SBOM of $PKG packages (warm cache); 3. image archive; peer: tar reading every layer"
PEER="tar -xOf $WORK/image.tar --wildcards '*/layer.tar' | tar -t --ignore-zeros >/dev/null"
hyperfine --runs "$RUNS" -i --export-markdown "$WORK/scan.md" \
  -n "scan SBOM ($PKG packages)" "$S $WORK/sbom.json --db $WORK/osv --cache-dir $WORK/cache --fail-on never -f json -o /dev/null" \
  -n "scan image ($MB MB)" "$S $WORK/image.tar --db $WORK/osv --cache-dir $WORK/cache --fail-on never -f json -o /dev/null" \
  -n "peer: tar reads every layer" "$PEER" \
  >/dev/null
cat "$WORK/scan.md"

echo
echo "== 4. peak memory (max RSS)"
rss() { /usr/bin/time -v "$@" 2>&1 >/dev/null | awk -F: '/Maximum resident/ {printf "%d MB\n", $2/1024}'; }
rm -rf "$WORK/cache-mem"
echo "index build, cold: $(rss $S --db-info --db "$WORK/osv" --cache-dir "$WORK/cache-mem")"
echo "warm cache:        $(rss $S --db-info --db "$WORK/osv" --cache-dir "$WORK/cache-mem")"
echo "scan SBOM:         $(rss $S "$WORK/sbom.json" --db "$WORK/osv" --cache-dir "$WORK/cache-mem" --fail-on never -f json -o /dev/null)"
echo "scan image:        $(rss $S "$WORK/image.tar" --db "$WORK/osv" --cache-dir "$WORK/cache-mem" --fail-on never -f json -o /dev/null)"
echo
echo "== findings (sanity)"
$S "$WORK/sbom.json" --db "$WORK/osv" --cache-dir "$WORK/cache" --fail-on never | tail -1
$S "$WORK/image.tar" --db "$WORK/osv" --cache-dir "$WORK/cache" --fail-on never 2>/dev/null | tail -1
