#!/usr/bin/env bash
# jwt-filter: the demo service (embedded Jetty 12 behind JwtAuthFilter) with curl: login, a call to /api/me,
# refresh (rotation), reuse of a rotated refresh token (the whole family is revoked) and logout.
# Exits non-zero as soon as a step does not answer as expected.
set -euo pipefail
cd "${VIGIL_HOME:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)}"

JAR=examples/demo-service/target/demo-service.jar
[[ -f "$JAR" ]] || { echo "jwt demo: $JAR missing; run ./mvnw -q -DskipTests install" >&2; exit 1; }
WORK="$(mktemp -d)"
PID=""
cleanup() {
  if [[ -n "$PID" ]]; then kill "$PID" 2>/dev/null || true; wait "$PID" 2>/dev/null || true; fi
  rm -rf "$WORK"
}
trap cleanup EXIT

cat >"$WORK/demo.properties" <<'CONF'
vigil.jwt.audience=demo-api
vigil.jwt.session.enabled=true
vigil.jwt.session.access-ttl=15m
vigil.jwt.session.reuse-grace=10s
vigil.jwt.store=memory
demo.user.alice=wonderland
CONF

echo "\$ java -jar $JAR --port 0 --config demo.properties"
java -Xmx128m -jar "$JAR" --port 0 --config "$WORK/demo.properties" >"$WORK/service.log" 2>&1 &
PID=$!
BASE=""
for _ in $(seq 150); do
  BASE="$(sed -n 's/^demo-service listening on //p' "$WORK/service.log")"
  [[ -n "$BASE" ]] && break
  kill -0 "$PID" 2>/dev/null || break
  sleep 0.1
done
[[ -n "$BASE" ]] || { echo "jwt demo: the service did not start"; cat "$WORK/service.log"; exit 1; }
echo "service at $BASE"

fail() { echo "jwt demo: FAILED: $*" >&2; echo "--- service log ---" >&2; tail -20 "$WORK/service.log" >&2; exit 1; }

# call METHOD PATH [curl args...]: sets CODE, BODY, HEADERS (files in $WORK)
call() {
  local method="$1" path="$2"
  shift 2
  CODE="$(curl -s -o "$WORK/body" -D "$WORK/headers" -w '%{http_code}' -X "$method" "$BASE$path" "$@")"
  BODY="$(cat "$WORK/body")"
}
# cookie NAME: the value the last response set (the cookies are Secure; we carry them by hand over loopback http)
cookie() { sed -n "s/^[Ss]et-[Cc]ookie: $1=\([^;]*\);.*/\1/p" "$WORK/headers" | tail -1; }
expect() { [[ "$CODE" == "$1" ]] || fail "$2: expected HTTP $1, got $CODE: $BODY"; }
json_field() { sed -n "s/.*\"$1\":\"\([^\"]*\)\".*/\1/p" <<<"$BODY"; }

ORIGIN=(-H "Origin: $BASE")

echo; echo "1. login: POST /auth/login {\"username\":\"alice\",\"password\":\"...\"}"
call POST /auth/login "${ORIGIN[@]}" -H 'Content-Type: application/json' -d '{"username":"alice","password":"nope"}'
expect 401 "login with a wrong password"
echo "   wrong password -> $CODE $BODY"
call POST /auth/login "${ORIGIN[@]}" -H 'Content-Type: application/json' -d '{"username":"alice","password":"wonderland"}'
expect 200 "login"
ACCESS="$(json_field access_token)"
RT1="$(cookie __Host-vigil-rt)"
DEVICE="$(cookie __Host-vigil-device)"
[[ -n "$ACCESS" && -n "$RT1" && -n "$DEVICE" ]] || fail "login did not return a token and cookies"
echo "   -> $CODE token_type=$(json_field token_type) expires_in=$(sed -n 's/.*"expires_in":\([0-9]*\).*/\1/p' <<<"$BODY")"
grep -i '^set-cookie: __Host-vigil-rt' "$WORK/headers" | sed 's/=[^;]*;/=<256-bit opaque>;/' | sed 's/^/   /'

echo; echo "2. GET /api/me with Authorization: Bearer <access token>"
call GET /api/me
expect 401 "a call without a token"
echo "   without a token -> $CODE, $(grep -i '^www-authenticate' "$WORK/headers" | tr -d '\r')"
call GET /api/me -H "Authorization: Bearer $ACCESS"
expect 200 "a call with the access token"
[[ "$BODY" == *'"sub":"alice"'* ]] || fail "/api/me did not name alice: $BODY"
echo "   -> $CODE $BODY"

echo; echo "3. refresh: POST /auth/refresh (cookie rotates every time)"
call POST /auth/refresh "${ORIGIN[@]}" -H "Cookie: __Host-vigil-rt=$RT1; __Host-vigil-device=$DEVICE"
expect 200 "refresh"
RT2="$(cookie __Host-vigil-rt)"
ACCESS2="$(json_field access_token)"
[[ -n "$RT2" && "$RT2" != "$RT1" ]] || fail "refresh did not rotate the refresh token"
echo "   -> $CODE new access token, refresh cookie rotated"
call POST /auth/refresh -H "Origin: https://evil.example" -H "Cookie: __Host-vigil-rt=$RT2; __Host-vigil-device=$DEVICE"
expect 403 "a cross-site refresh"
echo "   from another origin -> $CODE $BODY"
call POST /auth/refresh "${ORIGIN[@]}" -H "Cookie: __Host-vigil-rt=$RT2; __Host-vigil-device=$DEVICE"
expect 200 "second refresh"
RT3="$(cookie __Host-vigil-rt)"
echo "   again -> $CODE, refresh cookie rotated"

echo; echo "4. reuse detection: replay the first (rotated) refresh token"
call POST /auth/refresh "${ORIGIN[@]}" -H "Cookie: __Host-vigil-rt=$RT1; __Host-vigil-device=$DEVICE"
expect 401 "reuse of a rotated refresh token"
[[ "$BODY" == *refresh_token_reused* ]] || fail "reuse was not reported: $BODY"
echo "   replayed token -> $CODE $BODY"
call POST /auth/refresh "${ORIGIN[@]}" -H "Cookie: __Host-vigil-rt=$RT3; __Host-vigil-device=$DEVICE"
expect 401 "the latest token of a revoked family"
echo "   the family's latest token -> $CODE $BODY"
call GET /api/me -H "Authorization: Bearer $ACCESS2"
expect 401 "an access token of the revoked family"
echo "   the family's access token -> $CODE, $(grep -i '^www-authenticate' "$WORK/headers" | tr -d '\r')"

echo; echo "5. logout: POST /auth/logout ends a fresh session"
call POST /auth/login "${ORIGIN[@]}" -H "Cookie: __Host-vigil-device=$DEVICE" -H 'Content-Type: application/json' \
  -d '{"username":"alice","password":"wonderland"}'
expect 200 "second login"
ACCESS4="$(json_field access_token)"
RT4="$(cookie __Host-vigil-rt)"
call POST /auth/logout "${ORIGIN[@]}" -H "Cookie: __Host-vigil-rt=$RT4; __Host-vigil-device=$DEVICE"
expect 204 "logout"
echo "   -> $CODE, $(grep -i '^set-cookie: __Host-vigil-rt' "$WORK/headers" | tr -d '\r')"
call POST /auth/refresh "${ORIGIN[@]}" -H "Cookie: __Host-vigil-rt=$RT4; __Host-vigil-device=$DEVICE"
expect 401 "refresh after logout"
echo "   refresh after logout -> $CODE $BODY"
call GET /api/me -H "Authorization: Bearer $ACCESS4"
expect 401 "the access token after logout"
echo "   access token after logout -> $CODE"

echo; echo "jwt demo: all steps answered as expected"
