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
# 5. sends requests through them, walking every list page by page (so every stored entity is checked), and fails on
#    any response violation, on an unexpected status, or on a request the spec and the server judge differently.
# Both processes are stopped on exit.
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
rm -f "$WORK"/s.sqlite* "$WORK"/port "$WORK"/port.tmp "$WORK"/*.log "$WORK"/body "$WORK"/headers

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
REQUESTS=0
VIOLATIONS=0
FAILURES=()

# Evaluates a JavaScript expression over the last response: `b` is the parsed body, `h` the sl-violations list.
js() {
    node -e '
const fs = require("fs");
const b = (() => { try { return JSON.parse(fs.readFileSync(process.argv[1], "utf8")); } catch { return undefined; } })();
const m = /^sl-violations:\s*(.*)$/im.exec(fs.readFileSync(process.argv[2], "utf8"));
const h = m ? (() => { try { return JSON.parse(m[1]); } catch { return [{ location: ["unparsable"], message: m[1] }]; } })() : [];
const r = (0, eval)("(b, h) => (" + process.argv[3] + ")")(b, h);
if (r !== undefined && r !== null) console.log(typeof r === "string" ? r : JSON.stringify(r));
' "$WORK/body" "$WORK/headers" "$1"
}

send() {  # PROXY_PORT PATH -> sets STATUS, CTYPE
    REQUESTS=$((REQUESTS + 1))
    STATUS=$(curl -sS -o "$WORK/body" -D "$WORK/headers" -w '%{http_code}' "http://127.0.0.1:$1$2") || STATUS=000
    CTYPE=$(sed -n 's/^[Cc]ontent-[Tt]ype:[[:space:]]*\([^;[:space:]]*\).*/\1/p' "$WORK/headers" | tail -n 1)
}

record() {  # DESCRIPTION
    FAILURES+=("$1")
    echo "  FAIL  $1" >&2
    grep -i '^sl-violations:' "$WORK/headers" | cut -c1-2000 | sed 's/^/        /' >&2 || true
    head -c 1500 "$WORK/body" | sed 's/^/        /' >&2
    echo >&2
}

# A valid request through the strict proxy: must answer 200 with no violation at all.
expect_ok() {  # PATH
    send "$STRICT_PORT" "$1"
    local n
    n=$(js 'h.length')
    if [ "$STATUS" = 200 ] && [ "$n" = 0 ] && [ "$CTYPE" = application/json ]; then
        echo "  ok    GET $1 -> 200"
        return 0
    fi
    VIOLATIONS=$((VIOLATIONS + (n > 0 ? n : 1)))
    case $STATUS in
        422) record "GET $1: Prism says the request breaks the spec (422), $n violation(s)" ;;
        500) record "GET $1: the server's response breaks the spec (500 from Prism), $n violation(s)" ;;
        *) record "GET $1: status $STATUS, content type '$CTYPE', $n violation(s) (expected 200 application/json)" ;;
    esac
    return 1
}

# A request the spec forbids, through the lenient proxy: the server must refuse it with STATUS and problem TYPE, the
# spec must flag the request (so spec and server agree it is invalid) and nothing about the response.
expect_problem() {  # PATH STATUS TYPE [PARAM]
    local path=$1 want=$2 type=$3 param=${4:-}
    send "$LENIENT_PORT" "$path"
    local resp req got_type
    resp=$(js 'h.filter(v => v.location[0] !== "request").length')
    req=$(js "h.filter(v => v.location[0] === 'request' && v.location.includes('$param')).length")
    got_type=$(js 'b && b.type')
    # Prism checks the body against the spec where the path is in it; a 404 for an unknown path is checked here.
    local shape
    shape=$(js 'b && ["type", "title", "status"].every(k => k in b) && Object.keys(b).every(k => ["type", "title", "status", "detail", "errors"].includes(k))')
    if [ "$shape" != true ]; then
        VIOLATIONS=$((VIOLATIONS + 1))
        record "GET $path: the body is not a problem document of the spec's shape (type, title, status, detail?, errors?)"
        return 1
    fi
    if [ "$resp" != 0 ]; then
        VIOLATIONS=$((VIOLATIONS + resp))
        record "GET $path: the server's $STATUS response breaks the spec, $resp violation(s)"
        return 1
    fi
    if [ "$STATUS" != "$want" ] || [ "$CTYPE" != application/problem+json ] || [ "$got_type" != "$type" ] ||
        [ "$(js "b && b.status === $want")" != true ]; then
        record "GET $path: got $STATUS '$CTYPE' type '$got_type', expected $want application/problem+json '$type'"
        return 1
    fi
    if [ -n "$param" ] && [ "$req" = 0 ]; then
        VIOLATIONS=$((VIOLATIONS + 1))
        record "GET $path: the server refuses '$param' but the spec allows it"
        return 1
    fi
    echo "  ok    GET $path -> $STATUS $type"
}

# Walks a list page by page with LIMIT through the strict proxy; prints the number of items seen.
walk() {  # PATH LIMIT [EXTRA_QUERY]
    local path=$1 limit=$2 extra=${3:+&$3} after="" total=0 pages=0 n next
    while :; do
        expect_ok "$path?limit=$limit$extra${after:+&after=$after}" || return 0
        n=$(js 'b.items.length')
        next=$(js 'b.next')
        total=$((total + n))
        pages=$((pages + 1))
        if [ -z "$next" ]; then break; fi
        if [ "$n" != "$limit" ]; then record "GET $path: 'next' on a page that is not full ($n of $limit)"; return 0; fi
        if [ "$next" != "$(js 'b.items[b.items.length - 1].id || b.items[b.items.length - 1].site_id')" ]; then
            record "GET $path: 'next' is not the key of the page's last item"
            return 0
        fi
        after=$next
        [ "$pages" -lt 100 ] || { record "GET $path: more than 100 pages"; return 0; }
    done
    echo "        $path${extra:+ ($extra)}: $total items in $pages pages"
    WALKED=$total
}

echo "contract: server on port $PORT, prism strict on $STRICT_PORT, lenient on $LENIENT_PORT"
expect_ok /healthz

# Every list with the default limit, then page by page (every stored entity is checked against its schema).
for p in /v1/areas /v1/organisations /v1/sites /v1/venue-profiles; do
    expect_ok "$p" || true
done
WALKED=0
walk /v1/areas 4
walk /v1/organisations 25
walk /v1/sites 25
walk /v1/venue-profiles 10

# Filters: area_id (the area of the first site, then an unknown id: empty page), after past the end, limit bounds.
AREA_ID=""
expect_ok "/v1/sites?limit=1" && AREA_ID=$(js 'b.items.length ? b.items[0].area_id : ""')
[ -n "$AREA_ID" ] || record "GET /v1/sites?limit=1: no site to take an area_id from"
walk /v1/organisations 5 "area_id=$AREA_ID"
[ "$WALKED" -gt 0 ] || record "GET /v1/organisations?area_id=$AREA_ID: no organisation in the area"
walk /v1/sites 5 "area_id=$AREA_ID"
[ "$WALKED" -gt 0 ] || record "GET /v1/sites?area_id=$AREA_ID: no site in the area"
expect_empty() {  # PATH: a valid request whose answer is an empty last page
    if expect_ok "$1" && [ "$(js 'b.items.length === 0 && b.next === null')" != true ]; then
        record "GET $1: expected an empty last page"
    fi
}
expect_empty "/v1/sites?area_id=no-such-area"
expect_empty "/v1/organisations?area_id=no-such-area"
expect_empty "/v1/areas?after=zzzzzzzz"
expect_ok "/v1/venue-profiles?limit=1" || true
expect_ok "/v1/sites?limit=1000&after=" || true

# Errors: the server's problem documents, checked against the spec by the lenient proxy.
expect_problem "/v1/areas?limit=0" 400 /problems/invalid-query limit || true
expect_problem "/v1/sites?limit=abc" 400 /problems/invalid-query limit || true
expect_problem "/v1/organisations?limit=1001" 400 /problems/invalid-query limit || true
expect_problem "/v1/venue-profiles?after=$(printf 'k%.0s' $(seq 101))" 400 /problems/invalid-query after || true
expect_problem "/v1/no-such-resource" 404 /problems/not-found || true
# The strict proxy refuses what the spec forbids without asking the server.
send "$STRICT_PORT" "/v1/areas?limit=abc"
if [ "$STATUS" = 422 ]; then
    echo "  ok    GET /v1/areas?limit=abc -> 422 from the strict proxy (request breaks the spec)"
else
    record "GET /v1/areas?limit=abc through the strict proxy: expected Prism's 422, got $STATUS"
fi

# ---------------------------------------------------------------- summary
T_END=$(date +%s)
if grep -q '"level":"error"' "$WORK/server.log"; then
    show_log "$WORK/server.log"
    record "kaiku-server logged errors"
fi
echo "contract: $REQUESTS requests, $VIOLATIONS violations, ${#FAILURES[@]} failures" \
    "($((T_END - T0)) s, of which $((T_READY - T0)) s setup)"
if [ "${#FAILURES[@]}" -gt 0 ]; then
    show_log "$WORK/prism-strict.log"
    exit 1
fi
