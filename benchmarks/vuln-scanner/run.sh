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
#   5. the issue's "< 1 s after the first scan": a 500-package SBOM, warm cache, with the JVM options ./vigil scan
#      uses (class data sharing archive, C1 only, serial GC) and with plain `java -jar`
# Peers: full scanners that do the same job (osv-scanner, grype, trivy) ship as Go binaries outside the reachable
# registries. The one peer that runs here is Renovate's @renovatebot/osv-offline-db (npm): index + lookup of the
# same advisories and SBOM, without range matching (see peer-osv-offline-db.mjs); skipped when npm is missing.
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
# ./vigil scan's options (see the launcher): a CDS archive recorded on the first run, C1 only, serial GC
JSA="$WORK/vuln-scanner.jsa"
[[ -f "$JSA" && "$JSA" -nt "$JAR" ]] || java -XX:ArchiveClassesAtExit="$JSA" -Xlog:cds=off -Xlog:cds+dynamic=off \
  -jar "$JAR" --db-info --db "$WORK/osv" --cache-dir "$WORK/cache" >/dev/null
L="java -XX:SharedArchiveFile=$JSA -Xlog:cds=off -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -jar $JAR"
python3 -c "import json,sys; d=json.load(open(sys.argv[1])); d['components']=d['components'][:500]; json.dump(d,open(sys.argv[2],'w'))" \
  "$WORK/sbom.json" "$WORK/sbom500.json"
# the peer's store: the Maven advisories as one NDJSON file (OSV_OFFLINE_ROOT_DIR/maven.nedb), and the package
PEER_DIR="$WORK/osv-offline"
if command -v npm >/dev/null && [[ ! -d "$WORK/node/node_modules/@renovatebot/osv-offline-db" ]]; then
  mkdir -p "$WORK/node" && (cd "$WORK/node" && npm install --silent --no-audit --no-fund @renovatebot/osv-offline-db@3.0.12 >/dev/null)
fi
if [[ ! -f "$PEER_DIR/maven.nedb" ]]; then
  mkdir -p "$PEER_DIR"
  python3 -c "
import json,glob,sys
with open(sys.argv[2],'w') as out:
    for f in sorted(glob.glob(sys.argv[1] + '/*.json')):
        a = json.load(open(f))
        for x in a.get('affected', []):  # OSV.dev's Maven records carry the package's purl; the peer matches on it
            if x['package']['ecosystem'] == 'Maven':
                x['package']['purl'] = 'pkg:maven/' + x['package']['name'].replace(':', '/')
        if any(x['package']['ecosystem'] == 'Maven' for x in a.get('affected', [])):
            out.write(json.dumps(a, separators=(',', ':')) + '\n')" "$WORK/osv" "$PEER_DIR/maven.nedb"
fi
cp benchmarks/vuln-scanner/peer-osv-offline-db.mjs "$WORK/node/" 2>/dev/null || true
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
echo "== 5. warm scan of 500 packages (the issue's < 1 s), ./vigil scan's JVM options and plain java -jar; peer"
PEERCMD=()
[[ -d "$WORK/node/node_modules/@renovatebot/osv-offline-db" ]] && \
  PEERCMD=(-n "peer: osv-offline-db index + lookup (500 packages, no range matching)" \
    "env OSV_OFFLINE_ROOT_DIR=$PEER_DIR node $WORK/node/peer-osv-offline-db.mjs $WORK/sbom500.json")
hyperfine -N --runs "$RUNS" --warmup 1 --export-markdown "$WORK/warm.md" \
  -n "scan SBOM (500 packages), ./vigil options" "$L $WORK/sbom500.json --db $WORK/osv --cache-dir $WORK/cache --fail-on never -f json -o /dev/null" \
  -n "scan SBOM (500 packages), java -jar" "$S $WORK/sbom500.json --db $WORK/osv --cache-dir $WORK/cache --fail-on never -f json -o /dev/null" \
  "${PEERCMD[@]}" >/dev/null
cat "$WORK/warm.md"
echo "CPU (user+sys) of one warm 500-package scan, ./vigil options: $( { /usr/bin/time -f '%U %S' $L "$WORK/sbom500.json" --db "$WORK/osv" --cache-dir "$WORK/cache" --fail-on never -f json -o /dev/null; } 2>&1 | awk '{print $1+$2 " s"}')"
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"

echo
echo "== 4. peak memory (max RSS)"
rss() { /usr/bin/time -v "$@" 2>&1 >/dev/null | awk -F: '/Maximum resident/ {printf "%d MB\n", $2/1024}'; }
rm -rf "$WORK/cache-mem"
echo "index build, cold: $(rss $S --db-info --db "$WORK/osv" --cache-dir "$WORK/cache-mem")"
echo "warm cache:        $(rss $S --db-info --db "$WORK/osv" --cache-dir "$WORK/cache-mem")"
echo "scan SBOM:         $(rss $S "$WORK/sbom.json" --db "$WORK/osv" --cache-dir "$WORK/cache-mem" --fail-on never -f json -o /dev/null)"
echo "scan image:        $(rss $S "$WORK/image.tar" --db "$WORK/osv" --cache-dir "$WORK/cache-mem" --fail-on never -f json -o /dev/null)"
[[ ${#PEERCMD[@]} -gt 0 ]] && echo "peer (1,000 packages): $(rss env OSV_OFFLINE_ROOT_DIR="$PEER_DIR" node "$WORK/node/peer-osv-offline-db.mjs" "$WORK/sbom.json")"
echo
echo "== findings (sanity)"
$S "$WORK/sbom.json" --db "$WORK/osv" --cache-dir "$WORK/cache" --fail-on never | tail -1
[[ ${#PEERCMD[@]} -gt 0 ]] && env OSV_OFFLINE_ROOT_DIR="$PEER_DIR" node "$WORK/node/peer-osv-offline-db.mjs" "$WORK/sbom.json"
$S "$WORK/image.tar" --db "$WORK/osv" --cache-dir "$WORK/cache" --fail-on never 2>/dev/null | tail -1
