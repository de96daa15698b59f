#!/usr/bin/env bash
# Contract test of kaiku-server against server-stub/openapi.yaml.
#
#   run_contract_test.sh SERVER_BIN WORKDIR
#
# 1. installs the pinned npm tools (server-stub/package-lock.json) if server-stub/node_modules is missing or stale;
# 2. lints the spec with Redocly (fails on errors);
# 3. starts the real server on a fresh SQLite demo network;
# 4. starts two Prism proxies in front of it:
#      strict  (--errors): valid requests; Prism answers 422 for a request that breaks the spec and 500 for a
#                          response that breaks it, and lists the violations in the sl-violations header;
#      lenient (no --errors): requests the spec itself forbids (limit=0, ...), which the strict proxy would refuse
#                          without asking the server; they are forwarded, and the server's answer is still checked;
# 5. runs contract_requests.mjs: signs in as demo users of four roles, reads every list as three of them, runs
#    commands, registers a sync client, pulls the change feed and pushes batches, keeps and decides a site edit
#    conflict, provokes the documented errors, and last compacts the change log (`kaiku-server compact`) to expire a
#    cursor;
#    fails on any response violation, on an unexpected status, or on a request the spec and the server judge
#    differently.
# The server and both proxies are stopped on exit.
set -euo pipefail

if [ $# -ne 2 ]; then
    echo "usage: $0 SERVER_BIN WORKDIR" >&2
    exit 2
fi
SERVER_BIN=$(realpath "$1")
WORK=$2
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
STUB=$(cd "$HERE/../../server-stub" && pwd)

export REDOCLY_TELEMETRY=off NO_UPDATE_NOTIFIER=1 NPM_CONFIG_UPDATE_NOTIFIER=false NPM_CONFIG_FUND=false
export NPM_CONFIG_AUDIT=false

T0=$(date +%s)
mkdir -p "$WORK"
WORK=$(realpath "$WORK")
rm -f "$WORK"/s.sqlite* "$WORK"/port "$WORK"/port.tmp "$WORK"/*.log "$WORK"/summary.json

PIDS=()
cleanup() {
    local pid
    for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
    for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
}
trap cleanup EXIT
trap 'exit 130' INT TERM

fail() {
    echo "contract: FAIL: $*" >&2
    exit 1
}

# Prints the content of a log file, indented, to help whoever reads a failure.
show_log() {
    [ -s "$1" ] || return 0
    echo "--- $1 (last 40 lines)" >&2
    tail -n 40 "$1" | sed 's/^/    /' >&2
}

command -v node >/dev/null || fail "node is not installed (needed for the OpenAPI tools)"
command -v npm >/dev/null || fail "npm is not installed (needed for the OpenAPI tools)"
command -v curl >/dev/null || fail "curl is not installed"
[ -x "$SERVER_BIN" ] || fail "server binary $SERVER_BIN is not executable"

# ---------------------------------------------------------------- (a) tools
# npm writes node_modules/.package-lock.json on every install: older than the lock file means stale.
if [ ! -f "$STUB/node_modules/.package-lock.json" ] || [ "$STUB/package-lock.json" -nt "$STUB/node_modules/.package-lock.json" ]; then
    echo "contract: installing the pinned OpenAPI tools (npm ci)"
    (cd "$STUB" && npm ci --no-audit --no-fund) >"$WORK/npm.log" 2>&1 || { show_log "$WORK/npm.log"; fail "npm ci failed"; }
fi
REDOCLY=$STUB/node_modules/.bin/redocly
PRISM=$STUB/node_modules/.bin/prism
[ -x "$REDOCLY" ] && [ -x "$PRISM" ] || fail "redocly or prism missing from $STUB/node_modules/.bin"

# ---------------------------------------------------------------- (b) lint
if ! (cd "$STUB" && "$REDOCLY" lint openapi.yaml --config .redocly.yaml --format=stylish) >"$WORK/lint.log" 2>&1; then
    grep -v '[║╔╚]' "$WORK/lint.log" >&2 || true
    fail "redocly lint found errors in server-stub/openapi.yaml"
fi
echo "contract: lint: $(grep -v '[║╔╚]' "$WORK/lint.log" | grep -E 'valid|warning|error' | grep -v validating | tr -s ' \n' ' ')"

# ---------------------------------------------------------------- (c) server
"$SERVER_BIN" --database "sqlite:$WORK/s.sqlite" --listen 127.0.0.1:0 --port-file "$WORK/port" --seed demo:0.05 \
    2>"$WORK/server.log" &
SERVER_PID=$!
PIDS+=("$SERVER_PID")
for _ in $(seq 300); do
    [ -s "$WORK/port" ] && break
    kill -0 "$SERVER_PID" 2>/dev/null || { show_log "$WORK/server.log"; fail "kaiku-server exited before listening"; }
    sleep 0.1
done
[ -s "$WORK/port" ] || { show_log "$WORK/server.log"; fail "kaiku-server wrote no port file in 30 s"; }
PORT=$(tr -d '[:space:]' <"$WORK/port")
UPSTREAM=http://127.0.0.1:$PORT

# ---------------------------------------------------------------- (d) proxies
free_port() {
    node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'
}
start_prism() {  # NAME PORT [--errors]
    local name=$1 port=$2
    shift 2
    (cd "$STUB" && exec "$PRISM" proxy openapi.yaml "$UPSTREAM" "$@" -p "$port" -h 127.0.0.1) >"$WORK/prism-$name.log" 2>&1 &
    PIDS+=("$!")
}
wait_prism() {  # NAME PORT PID
    local name=$1 port=$2 pid=$3
    for _ in $(seq 600); do
        curl -s -o /dev/null "http://127.0.0.1:$port/healthz" && return 0
        kill -0 "$pid" 2>/dev/null || { show_log "$WORK/prism-$name.log"; fail "prism ($name) exited"; }
        sleep 0.1
    done
    show_log "$WORK/prism-$name.log"
    fail "prism ($name) did not answer in 60 s"
}
STRICT_PORT=$(free_port)
start_prism strict "$STRICT_PORT" --errors
STRICT_PID=${PIDS[-1]}
LENIENT_PORT=$(free_port)
while [ "$LENIENT_PORT" = "$STRICT_PORT" ]; do LENIENT_PORT=$(free_port); done
start_prism lenient "$LENIENT_PORT"
LENIENT_PID=${PIDS[-1]}
wait_prism strict "$STRICT_PORT" "$STRICT_PID"
wait_prism lenient "$LENIENT_PORT" "$LENIENT_PID"
T_READY=$(date +%s)

# ---------------------------------------------------------------- (e) requests
# contract_requests.mjs signs in as the demo users (kaikukeskus, coord-tre, issuer-tre, venue-tre) and sends every
# request of the test; it prints one line per check and writes its counts to $WORK/summary.json.
echo "contract: server on port $PORT, prism strict on $STRICT_PORT, lenient on $LENIENT_PORT"
rm -f "$WORK/summary.json"
RC=0
STRICT_PORT=$STRICT_PORT LENIENT_PORT=$LENIENT_PORT SERVER_PORT=$PORT STUB_DIR=$STUB SUMMARY_FILE=$WORK/summary.json \
    SERVER_BIN=$SERVER_BIN DATABASE=sqlite:$WORK/s.sqlite \
    node "$HERE/contract_requests.mjs" || RC=$?

# ---------------------------------------------------------------- summary
T_END=$(date +%s)
summary() {  # FIELD
    node -e 'try { console.log(JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"))[process.argv[2]]) } catch { console.log(0) }' \
        "$WORK/summary.json" "$1"
}
REQUESTS=$(summary requests)
VIOLATIONS=$(summary violations)
FAILURES=$(summary failures)
[ -s "$WORK/summary.json" ] || FAILURES=$((FAILURES + 1))
if grep -q '"level":"error"' "$WORK/server.log"; then
    show_log "$WORK/server.log"
    echo "  FAIL  kaiku-server logged errors" >&2
    FAILURES=$((FAILURES + 1))
fi
echo "contract: $REQUESTS requests, $VIOLATIONS violations, $FAILURES failures" \
    "($((T_END - T0)) s, of which $((T_READY - T0)) s setup)"
if [ "$RC" != 0 ] || [ "$FAILURES" != 0 ]; then
    show_log "$WORK/prism-strict.log"
    exit 1
fi
