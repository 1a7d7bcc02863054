#!/usr/bin/env bash
# ci-plugin: a tiny project (copied from ci-plugin/src/it) with the vigil-maven-plugin block. First it has a
# privileged Deployment and a class calling MessageDigest.getInstance("MD5"): `mvn verify` must fail with
# pss-privileged and VIGIL-ARCH-002 and write SARIF. Then both are fixed: `mvn verify` must pass.
set -euo pipefail
cd "${VIGIL_HOME:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)}"

IT=ci-plugin/src/it
VERSION="$(sed -n 's:^  <version>\(.*\)</version>:\1:p' ci-plugin/pom.xml | head -1)"
[[ -n "$VERSION" ]] || VERSION="$(sed -n 's:^    <version>\(.*\)</version>:\1:p' ci-plugin/pom.xml | head -1)"
PLUGIN_DIR="$HOME/.m2/repository/dev/vigil/vigil-maven-plugin/$VERSION"
[[ -d "$PLUGIN_DIR" ]] || { echo "maven-plugin demo: $PLUGIN_DIR missing; run ./mvnw -q -DskipTests install" >&2; exit 1; }
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
fail() { echo "maven-plugin demo: $*" >&2; exit 1; }

sed -e 's/@project.groupId@/dev.vigil/' -e 's/@project.artifactId@/vigil-maven-plugin/' -e "s/@project.version@/$VERSION/" \
  "$IT/clean-project/pom.xml" >"$WORK/pom.xml"
mkdir -p "$WORK/k8s" "$WORK/src/main/java/com/example/security"
cp "$IT/bad-manifest/src/main/k8s/app.yaml" "$WORK/k8s/app.yaml"
cp "$IT/weak-hash/src/main/java/com/example/security/Fingerprints.java" "$WORK/src/main/java/com/example/security/"
echo "project: $WORK (pom.xml with the vigil-maven-plugin block, k8s/app.yaml, one Java class)"
sed -n '/<groupId>dev.vigil<\/groupId>/,/<\/plugin>/p' "$WORK/pom.xml" | sed 's/^/    /' | head -12

mvn_verify() { ./mvnw -B -o -f "$WORK/pom.xml" verify >"$WORK/build.log" 2>&1; }

echo
echo "\$ mvn verify   # privileged Deployment + MD5"
if mvn_verify; then cat "$WORK/build.log"; fail "the build passed although the project has a privileged Deployment and MD5"; fi
grep -E '^\[ERROR\] (vigil:|  )|vigil:(lint|arch): [0-9]' "$WORK/build.log" | sed 's/^\[[A-Z]*\] /  /'
grep -q 'vigil:lint: pss-privileged (1)' "$WORK/build.log" || fail "pss-privileged not reported"
grep -q 'vigil:arch: VIGIL-ARCH-002 (1)' "$WORK/build.log" || fail "VIGIL-ARCH-002 not reported"
for f in lint.sarif arch.sarif TEST-vigil-lint.xml TEST-vigil-arch.xml lint.html arch.html lint.json; do
  [[ -s "$WORK/target/vigil/$f" ]] || fail "target/vigil/$f missing"
done
echo "  reports: $(cd "$WORK/target/vigil" && ls | tr '\n' ' ')"

MULTITOOL="${VIGIL_SARIF_MULTITOOL:-$HOME/.cache/vigil-tools/node_modules/@microsoft/sarif-multitool-linux/Sarif.Multitool}"
if [[ -x "$MULTITOOL" ]]; then
  for f in lint.sarif arch.sarif; do
    "$MULTITOOL" validate --rule-kind "Gh;Sarif" --level "Error;Warning" "$WORK/target/vigil/$f" \
      -o "$WORK/$f.validation.sarif" >/dev/null 2>&1 || true
    problems="$(python3 -c 'import json,sys; print(sum(len(r.get("results",[])) for r in json.load(open(sys.argv[1]))["runs"]))' "$WORK/$f.validation.sarif")"
    [[ "$problems" == 0 ]] || fail "$f: $problems SARIF Multitool (GitHub rules) problems"
    echo "  $f: SARIF Multitool with GitHub rules: no errors, no warnings"
  done
else
  echo "  (SARIF Multitool not installed: validation skipped; .ci/run installs it)"
fi

echo
echo "\$ mvn verify   # fixed: unprivileged Deployment, SHA-256"
cp "$IT/clean-project/k8s/app.yaml" "$WORK/k8s/app.yaml"
cp "$IT/clean-project/src/main/java/com/example/security/Fingerprints.java" "$WORK/src/main/java/com/example/security/"
mvn_verify || { cat "$WORK/build.log"; fail "the fixed project did not pass"; }
grep -E 'vigil:(lint|arch)|BUILD' "$WORK/build.log" | sed 's/^\[[A-Z]*\] /  /'
echo "maven-plugin demo: failing build caught both problems; fixed build passes"
