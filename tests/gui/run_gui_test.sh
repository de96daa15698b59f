#!/bin/bash
# Runs one GUI workflow test against a real kaiku-server on loopback, under Xvfb in a private D-Bus session,
# driven through the accessibility tree (AT-SPI).
#   run_gui_test.sh KAIKU_ADMIN KAIKU_SERVER WORK_DIR TEST.py [SEED]
# The server gets the demo network (SEED, default demo:0.05) in WORK_DIR/server.sqlite; TEST.py starts kaiku-admin
# itself through kaiku_gui.py (environment: KAIKU_ADMIN, KAIKU_SERVER, KAIKU_SERVER_URL, KAIKU_SERVER_DB, KAIKU_WORK).
# Screenshots and logs stay in WORK_DIR. Exit status 0 only if every check passed.
set -euo pipefail

if [ $# -lt 4 ]; then
    echo "usage: $0 KAIKU_ADMIN KAIKU_SERVER WORK_DIR TEST.py [SEED]" >&2
    exit 2
fi
ADMIN=$(readlink -f "$1")
SERVER=$(readlink -f "$2")
WORK=$3
TEST=$(readlink -f "$4")
# A test names its demo network size in a "# seed: demo:SCALE" line; default a small network.
SEED=${5:-$(sed -n 's/^# seed: *//p' "$TEST" | head -n 1)}
SEED=${SEED:-demo:0.05}
HERE=$(cd "$(dirname "$0")" && pwd)
for tool in dbus-run-session xvfb-run import /usr/bin/python3; do
    command -v "$tool" >/dev/null || { echo "gui test: missing $tool (see platform.md)" >&2; exit 2; }
done

mkdir -p "$WORK"
WORK=$(cd "$WORK" && pwd)
rm -rf "${WORK:?}"/*

SERVER_PID=
cleanup() {
    if [ -n "$SERVER_PID" ] && kill -0 "$SERVER_PID" 2>/dev/null; then
        kill "$SERVER_PID" 2>/dev/null || true
        wait "$SERVER_PID" 2>/dev/null || true
    fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

"$SERVER" --database "sqlite:$WORK/server.sqlite" --listen 127.0.0.1:0 --seed "$SEED" \
    --port-file "$WORK/port" >"$WORK/server.log" 2>&1 &
SERVER_PID=$!
for _ in $(seq 1 1200); do  # 120 s: seeding a large demo network takes a moment
    [ -s "$WORK/port" ] && break
    kill -0 "$SERVER_PID" 2>/dev/null || { echo "gui test: kaiku-server exited early:" >&2; cat "$WORK/server.log" >&2; exit 1; }
    sleep 0.1
done
[ -s "$WORK/port" ] || { echo "gui test: kaiku-server wrote no port file in time" >&2; exit 1; }
PORT=$(tr -d '[:space:]' <"$WORK/port")
echo "gui test: kaiku-server listening on 127.0.0.1:$PORT"

export KAIKU_ADMIN="$ADMIN" KAIKU_SERVER="$SERVER" KAIKU_SERVER_URL="http://127.0.0.1:$PORT"
export KAIKU_SERVER_DB="$WORK/server.sqlite" KAIKU_WORK="$WORK" KAIKU_SERVER_PID="$SERVER_PID"
export PYTHONPATH="$HERE${PYTHONPATH:+:$PYTHONPATH}"
# A private runtime directory: the accessibility bus socket of this run is not shared with (nor removed by)
# GUI tests running at the same time.
export XDG_RUNTIME_DIR="$WORK/runtime"
mkdir -p "$XDG_RUNTIME_DIR" && chmod 700 "$XDG_RUNTIME_DIR"
status=0
dbus-run-session -- xvfb-run -a -s "-screen 0 1280x800x24" /usr/bin/python3 "$TEST" || status=$?
# In the sanitizer trees the server reports leaks and races on its log, at exit: any report fails the test.
cleanup
SERVER_PID=
if grep -qE "ERROR: (Address|Leak)Sanitizer|WARNING: ThreadSanitizer|runtime error:" "$WORK/server.log"; then
    echo "gui test: kaiku-server wrote a sanitizer report:" >&2
    grep -A30 -E "ERROR: (Address|Leak)Sanitizer|WARNING: ThreadSanitizer|runtime error:" "$WORK/server.log" >&2
    status=1
fi
exit $status
