#!/usr/bin/env bash
# Admission webhook end to end: `vigil webhook cert` makes a dev CA and serving certificate, `vigil webhook serve
# --no-kube` listens on a free loopback port, and curl --cacert POSTs AdmissionReviews the way the API server does
# (?timeout=3s). Prints each verdict; exits non-zero when one is not what it should be.
set -euo pipefail
VIGIL_HOME="${VIGIL_HOME:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)}"
VIGIL="${VIGIL:-$VIGIL_HOME/vigil}"
TMP="$(mktemp -d)"
PID=""
cleanup() {
  if [[ -n "$PID" ]]; then kill "$PID" 2>/dev/null || true; wait "$PID" 2>/dev/null || true; fi
  rm -rf "$TMP"
}
trap cleanup EXIT

"$VIGIL" webhook cert --dns localhost 127.0.0.1 --out "$TMP/pki"
PORT="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
VIGIL_JAVA_OPTS="-Dorg.slf4j.simpleLogger.defaultLogLevel=warn" "$VIGIL" webhook serve --no-kube \
  --address 127.0.0.1 --port "$PORT" --tls-cert "$TMP/pki/tls.crt" --tls-key "$TMP/pki/tls.key" \
  --shutdown-delay 0s >"$TMP/server.log" 2>&1 &
PID=$!
for _ in $(seq 1 300); do
  curl -fsS --cacert "$TMP/pki/ca.crt" "https://localhost:$PORT/readyz" >/dev/null 2>&1 && break
  kill -0 "$PID" 2>/dev/null || { echo "webhook exited:" >&2; cat "$TMP/server.log" >&2; exit 1; }
  sleep 0.2
done
echo "webhook ready on https://localhost:$PORT (enforce pss-baseline, warn + audit recommended)"

review() { # uid securityContext-json -> AdmissionReview for a Pod in namespace team-a
  cat <<JSON
{"apiVersion":"admission.k8s.io/v1","kind":"AdmissionReview","request":{"uid":"$1",
 "kind":{"group":"","version":"v1","kind":"Pod"},"resource":{"group":"","version":"v1","resource":"pods"},
 "operation":"CREATE","namespace":"team-a","name":"$1","userInfo":{"username":"demo"},
 "object":{"apiVersion":"v1","kind":"Pod","metadata":{"name":"$1"},
  "spec":{"containers":[{"name":"app","image":"registry.example/app:1.0","securityContext":$2}]}}}}
JSON
}

status=0
check() { # name expectation uid securityContext
  local name="$1" expect="$2" uid="$3"
  review "$uid" "$4" >"$TMP/$uid.json"
  curl -fsS --cacert "$TMP/pki/ca.crt" -H 'Content-Type: application/json' --data-binary "@$TMP/$uid.json" \
    "https://localhost:$PORT/validate?timeout=3s" >"$TMP/$uid.out"
  if ! python3 - "$name" "$expect" "$uid" "$TMP/$uid.out" <<'PY'; then status=1; fi
import json, sys
name, expect, uid, path = sys.argv[1:]
r = json.load(open(path))["response"]
allowed, warnings = r["allowed"], r.get("warnings", [])
message = r.get("status", {}).get("message", "")
print(f"{name:8} uid={r['uid']} allowed={str(allowed).lower()} warnings={len(warnings)}"
      + (f" code={r['status']['code']}" if not allowed else ""))
if message:
    print(f"         message: {message}")
for w in sorted(warnings[1:], key=lambda w: "[pss-" not in w)[:3]:
    print(f"         warning: {w}")
ok = r["uid"] == uid and {
    "allowed": allowed and not any("[pss-" in w for w in warnings),
    "warned": allowed and any("[pss-run-as-non-root]" in w for w in warnings),
    "denied": not allowed and r["status"]["code"] == 403 and "pss-privileged at spec.containers[0]" in message,
}[expect]
if not ok:
    print(f"MISMATCH: expected {expect}", file=sys.stderr)
sys.exit(0 if ok else 1)
PY
}

check allowed allowed demo-allowed \
  '{"allowPrivilegeEscalation":false,"capabilities":{"drop":["ALL"]},"runAsNonRoot":true,"seccompProfile":{"type":"RuntimeDefault"}}'
check warned warned demo-warned '{}'
check denied denied demo-denied '{"privileged":true}'
exit "$status"
