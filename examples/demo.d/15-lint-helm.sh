#!/usr/bin/env bash
# vigil lint on a Helm chart directory: rendered in-process with Helm's own library (no helm binary), findings
# at the template file and line that produced the field; a values.schema.json violation is one line, exit 2.
set -uo pipefail
cd "${VIGIL_HOME:-$(dirname "$0")/../..}"
VIGIL=./vigil
CHART=examples/helm/shop-api
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
fail() { echo "demo 15-lint-helm: $*" >&2; exit 1; }

echo "\$ vigil lint $CHART                        # the chart with its default values"
$VIGIL lint "$CHART" || fail "the chart with its default values has errors (exit $?)"

echo
echo "\$ vigil lint --values $CHART/values-debug.yaml --release-name shop $CHART"
$VIGIL lint --values "$CHART/values-debug.yaml" --release-name shop "$CHART" | tee "$tmp/out.txt"
status=${PIPESTATUS[0]}
[[ $status -eq 1 ]] || fail "expected exit 1 (findings) with values-debug.yaml, got $status"
for expected in \
  "$CHART/templates/deployment.yaml:31:13  error    pss-allow-privilege-escalation" \
  "$CHART/templates/deployment.yaml:36:21  error    dangerous-capabilities" \
  "$CHART/templates/deployment.yaml:20:9  error    pss-run-as-user" \
  "$CHART/templates/service.yaml:8:3  warning  service-nodeport"; do
  grep -qF -- "$expected" "$tmp/out.txt" || fail "missing finding: $expected"
done
grep -qF "line of the template expression that wrote this field" "$tmp/out.txt" \
  || fail "a field written by toYaml does not say that its line is the expression's"

echo
echo "\$ vigil lint --set replicaCount=0 $CHART     # values.schema.json says replicaCount >= 1"
$VIGIL lint --set replicaCount=0 "$CHART" 2>"$tmp/err.txt" >/dev/null
status=$?
cat "$tmp/err.txt"
[[ $status -eq 2 ]] || fail "expected exit 2 on a values.schema.json violation, got $status"
grep -qF "$CHART/values.schema.json: values do not match the chart's values.schema.json: replicaCount" "$tmp/err.txt" \
  || fail "the schema violation was not reported in one line"
echo "demo 15-lint-helm: ok"
