#!/bin/bash
# Inside a private D-Bus session and X display (started by test_smoke.sh): runs kaiku-admin twice
# and checks it with smoke.py.   gui_session.sh KAIKU_ADMIN SERVER_URL WORK_DIR
set -euo pipefail
ADMIN=$1
SERVER_URL=$2
WORK=$3
HERE=$(cd "$(dirname "$0")" && pwd)

# The accessibility bridge must load: GTK 3 loads atk-bridge by itself unless NO_AT_BRIDGE is set
# (GTK_MODULES=gail:atk-bridge is only needed by dogtail, not by pyatspi).
unset NO_AT_BRIDGE
export GNOME_ACCESSIBILITY=1
export LANG=C.UTF-8 LC_ALL=C.UTF-8 LANGUAGE=en
# Keep the test's settings and data away from the user's own.
export XDG_CONFIG_HOME="$WORK/config" XDG_DATA_HOME="$WORK/data"

APP_PID=
cleanup() {
    if [ -n "$APP_PID" ] && kill -0 "$APP_PID" 2>/dev/null; then
        kill "$APP_PID" 2>/dev/null || true
        wait "$APP_PID" 2>/dev/null || true
    fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# run_case NAME SERVER_URL SMOKE_ARGS...: starts the app, drives it, expects a clean exit via File > Quit.
run_case() {
    local name=$1 url=$2
    shift 2
    local log="$WORK/admin-$name.log"
    KAIKU_PASSWORD=kaikukortti-demo "$ADMIN" --server "$url" --cache "$WORK/cache.sqlite" --user coord-tre \
        >"$log" 2>&1 &
    APP_PID=$!
    if ! /usr/bin/python3 "$HERE/smoke.py" "$@" --pid "$APP_PID" --work "$WORK" --quit; then
        echo "gui test: $name case failed; kaiku-admin log:" >&2
        cat "$log" >&2
        return 1
    fi
    local status=0
    for _ in $(seq 1 100); do  # 10 s to close
        kill -0 "$APP_PID" 2>/dev/null || break
        sleep 0.1
    done
    if kill -0 "$APP_PID" 2>/dev/null; then
        echo "gui test: $name case: kaiku-admin did not exit within 10 s of File > Quit" >&2
        return 1
    fi
    wait "$APP_PID" || status=$?
    APP_PID=
    if [ "$status" -ne 0 ]; then
        echo "gui test: $name case: kaiku-admin exited with status $status; log:" >&2
        cat "$log" >&2
        return 1
    fi
    if grep -qE "BUG:|-CRITICAL \*\*" "$log"; then
        echo "gui test: $name case: kaiku-admin reported a bug or a GTK critical:" >&2
        grep -E "BUG:|-CRITICAL \*\*" "$log" >&2
        return 1
    fi
    echo "gui test: $name case passed"
}

run_case online "$SERVER_URL" online
run_case offline "http://127.0.0.1:1" offline --expect-cached
echo "gui test: all checks passed; screenshots in $WORK"
