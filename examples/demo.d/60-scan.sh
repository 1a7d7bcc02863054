#!/usr/bin/env bash
# vigil scan: the reactor's own dependencies (every pom.properties inside the shaded CLI jars) against the OSV test
# advisories, then an SBOM with Log4Shell in it. Exits 0 when the scanner behaves as expected: exit 0 on the
# reactor (no dependency in the advisories), exit 1 with the Log4Shell finding and its fix on the SBOM.
set -uo pipefail
cd "${VIGIL_HOME:-$(dirname "$0")/../..}"
VIGIL=./vigil
DB=vuln-scanner/engine/src/test/resources/osv
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
fail() { echo "demo 60-scan: $*" >&2; exit 1; }

echo "\$ vigil scan --db-info --db $DB"
$VIGIL scan --db-info --db "$DB" --cache-dir "$tmp/cache" || fail "--db-info failed"

echo
echo "\$ vigil scan policy-linter/cli/target/policy-linter.jar vuln-scanner/cli/target/vuln-scanner.jar --db $DB"
$VIGIL scan policy-linter/cli/target/policy-linter.jar vuln-scanner/cli/target/vuln-scanner.jar --db "$DB" \
  --cache-dir "$tmp/cache" --sbom-out "$tmp/reactor.cdx.json" | tail -n 3
status=${PIPESTATUS[0]}
[[ $status -eq 0 ]] || fail "expected exit 0 on the reactor's dependencies, got $status"
count=$(python3 -c "import json,sys; print(len(json.load(open(sys.argv[1]))['components']))" "$tmp/reactor.cdx.json")
[[ $count -gt 20 ]] || fail "expected the shaded jars' dependencies in the SBOM, found $count components"
echo "  --sbom-out: $count components of the reactor in a CycloneDX 1.6 SBOM"

echo
echo "\$ vigil scan examples/vuln/shop.cdx.json --db $DB --format json"
$VIGIL scan examples/vuln/shop.cdx.json --db "$DB" --cache-dir "$tmp/cache" --format json > "$tmp/shop.json"
status=$?
[[ $status -eq 1 ]] || fail "expected exit 1 (Log4Shell) on the SBOM, got $status"
python3 - "$tmp/shop.json" <<'PY' || fail "the JSON report is not as expected"
import json, sys
r = json.load(open(sys.argv[1]))
for f in r["findings"]:
    print(f"  {f['severity']:8} {f['id']:15} {f['package']['name']} {f['package']['version']} -> fixed {f['fixed']}  ({f['location']})")
ids = {f["id"] for f in r["findings"]}
assert "CVE-2021-44228" in ids and "CVE-2022-1471" in ids, ids
l4s = next(f for f in r["findings"] if f["id"] == "CVE-2021-44228")
assert l4s["fixed"] == ["2.15.0"] and l4s["severity"] == "critical", l4s
PY
