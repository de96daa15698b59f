#!/usr/bin/env bash
# A throwaway PostgreSQL on loopback for the test suite (a CTest fixture).
#   postgres.sh start DIR   initialise and start a cluster in DIR; writes DIR/url (postgresql://...)
#   postgres.sh stop DIR    stop it and remove DIR
# As root the server runs as the postgres user (initdb refuses root).
set -euo pipefail
cmd=${1:?start|stop}
dir=${2:?directory}
pgbin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
[ -x "$pgbin/initdb" ] || { echo "PostgreSQL server binaries not found (install the postgresql package)" >&2; exit 1; }

as_owner() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

case "$cmd" in
  start)
    if [ -f "$dir/url" ] && as_owner "$pgbin/pg_ctl" -D "$dir/data" status >/dev/null 2>&1; then exit 0; fi
    rm -rf "$dir"; mkdir -p "$dir"
    [ "$(id -u)" -eq 0 ] && chown postgres:postgres "$dir"
    as_owner "$pgbin/initdb" -D "$dir/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 \
      || { cat "$dir/initdb.log" >&2; exit 1; }
    # A free port: ask the kernel, then hand it to the server.
    port=$(/usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
    as_owner "$pgbin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
      -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c max_connections=200" \
      start >/dev/null || { cat "$dir/server.log" >&2; exit 1; }
    echo "postgresql://postgres@127.0.0.1:$port/postgres" > "$dir/url.tmp"
    mv "$dir/url.tmp" "$dir/url"
    chmod 644 "$dir/url"
    echo "PostgreSQL on port $port ($dir)"
    ;;
  stop)
    if [ -d "$dir/data" ]; then as_owner "$pgbin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null 2>&1 || true; fi
    rm -rf "$dir"
    ;;
  *) echo "usage: postgres.sh start|stop DIR" >&2; exit 2 ;;
esac
