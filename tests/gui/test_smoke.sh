#!/bin/bash
# GUI smoke test of kaiku-admin against a real kaiku-server on loopback, under Xvfb, driven through
# the accessibility tree (AT-SPI).
#   test_smoke.sh KAIKU_ADMIN KAIKU_SERVER WORK_DIR
# 1. online:  the demo network syncs; browse Tampere's sites, filter them, take screenshots.
# 2. offline: --server http://127.0.0.1:1 (nothing listens): the window says so, the cached data
#    from step 1 stays visible and the window stays responsive.
# Screenshots and logs are left in WORK_DIR. Exit status 0 only if every check passed.
set -euo pipefail

if [ $# -ne 3 ]; then
    echo "usage: $0 KAIKU_ADMIN KAIKU_SERVER WORK_DIR" >&2
    exit 2
fi
ADMIN=$(readlink -f "$1")
SERVER=$(readlink -f "$2")
WORK=$3
HERE=$(cd "$(dirname "$0")" && pwd)
for tool in dbus-run-session xvfb-run import /usr/bin/python3; do
    command -v "$tool" >/dev/null || { echo "gui test: missing $tool (see platform.md)" >&2; exit 2; }
done
[ -x "$ADMIN" ] || { echo "gui test: $ADMIN is not executable" >&2; exit 2; }
[ -x "$SERVER" ] || { echo "gui test: $SERVER is not executable" >&2; exit 2; }

mkdir -p "$WORK"
WORK=$(cd "$WORK" && pwd)
rm -rf "$WORK"/server.sqlite* "$WORK"/cache.sqlite* "$WORK"/port "$WORK"/*.png "$WORK"/*.log "$WORK"/config "$WORK"/data

SERVER_PID=
cleanup() {
    if [ -n "$SERVER_PID" ] && kill -0 "$SERVER_PID" 2>/dev/null; then
        kill "$SERVER_PID" 2>/dev/null || true
        wait "$SERVER_PID" 2>/dev/null || true
    fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

"$SERVER" --database "sqlite:$WORK/server.sqlite" --listen 127.0.0.1:0 --seed demo:0.05 \
    --port-file "$WORK/port" >"$WORK/server.log" 2>&1 &
SERVER_PID=$!

for _ in $(seq 1 600); do  # 60 s: seeding the demo network takes a moment
    [ -s "$WORK/port" ] && break
    kill -0 "$SERVER_PID" 2>/dev/null || { echo "gui test: kaiku-server exited early:" >&2; cat "$WORK/server.log" >&2; exit 1; }
    sleep 0.1
done
[ -s "$WORK/port" ] || { echo "gui test: kaiku-server wrote no port file within 60 s" >&2; exit 1; }
PORT=$(tr -d '[:space:]' <"$WORK/port")
echo "gui test: kaiku-server listening on 127.0.0.1:$PORT"

dbus-run-session -- xvfb-run -a -s "-screen 0 1280x800x24" \
    "$HERE/gui_session.sh" "$ADMIN" "http://127.0.0.1:$PORT" "$WORK"
