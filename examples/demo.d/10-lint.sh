#!/usr/bin/env bash
# vigil lint on the example manifests: findings with exact lines, a clean app, SARIF for code scanning.
# Exits 0 when the linter behaves as expected: exit 1 (findings) on the bad examples, 0 on the compliant app;
# any other exit code (2 = unreadable input or usage error) or a missing expected finding fails the demo.
set -uo pipefail
cd "${VIGIL_HOME:-$(dirname "$0")/../..}"
VIGIL=./vigil
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
fail() { echo "demo 10-lint: $*" >&2; exit 1; }

echo "\$ vigil lint examples/manifests"
$VIGIL lint examples/manifests | tee "$tmp/out.txt"
status=${PIPESTATUS[0]}
[[ $status -eq 1 ]] || fail "expected exit 1 (findings) on examples/manifests, got $status"
for expected in \
  "examples/manifests/node-agent.yaml:25:13  error    pss-privileged" \
  "examples/manifests/node-agent.yaml:19:7  error    pss-host-namespaces" \
  "examples/manifests/node-agent.yaml:34:13  error    container-runtime-socket" \
  "examples/manifests/report-cronjob.yaml:31:17  error    pss-run-as-user"; do
  grep -qF -- "$expected" "$tmp/out.txt" || fail "missing finding: $expected"
done
grep -q "(1 suppressed)" "$tmp/out.txt" || fail "the suppression annotation in debug-pod.yaml was not honoured"

echo
echo "\$ vigil lint examples/manifests/shop        # the compliant app"
$VIGIL lint examples/manifests/shop || fail "the compliant app has findings (exit $?)"

echo
echo "\$ vigil lint --format sarif --output $tmp/lint.sarif examples/manifests"
$VIGIL lint --format sarif --output "$tmp/lint.sarif" examples/manifests
status=$?
[[ $status -eq 1 ]] || fail "expected exit 1 with --format sarif, got $status"
python3 - "$tmp/lint.sarif" <<'PY' || fail "SARIF output is not as expected"
import json, sys
run = json.load(open(sys.argv[1]))["runs"][0]
results = run["results"]
suppressed = [r for r in results if r.get("suppressions")]
uris = sorted({r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in results})
print(f"  {len(run['tool']['driver']['rules'])} rules, {len(results)} results ({len(suppressed)} suppressed) in {len(uris)} files:")
for u in uris:
    print("   ", u)
assert suppressed and suppressed[0]["suppressions"][0]["justification"].startswith("break-glass")
assert all(not u.startswith("/") for u in uris), "URIs must be relative to the working directory"
PY

echo
echo "\$ printf 'apiVersion: v1\\nkind: Pod\\nmetadata: {name: {{ .Values.name }}}\\n' | vigil lint -   # Helm leftovers"
printf 'apiVersion: v1\nkind: Pod\nmetadata: {name: {{ .Values.name }}}\n' | $VIGIL lint - >/dev/null
status=$?
[[ $status -eq 2 ]] || fail "expected exit 2 on an unrendered Helm template, got $status"
echo "demo 10-lint: ok"
