#!/usr/bin/env bash
# Throwaway PostgreSQL cluster for the server tests, on 127.0.0.1 only.
#   eval "$(apps/server/scripts/pg-test-cluster.sh start)"   # exports GESTE_TEST_PG_URL and GESTE_TEST_PG_DIR
#   apps/server/scripts/pg-test-cluster.sh restart "$GESTE_TEST_PG_DIR" [fast|immediate]
#   apps/server/scripts/pg-test-cluster.sh stop "$GESTE_TEST_PG_DIR"  # stops and deletes the cluster
# Run as root, the cluster runs as the `postgres` system user; otherwise as the current user.
# PG_BIN overrides the binaries' folder (default: newest /usr/lib/postgresql/*/bin).
# GESTE_PG_OWNER_PID=<pid>: a watchdog stops and deletes the cluster once that process is gone, so a
# test run that is killed leaves no server behind.
set -euo pipefail

pg_bin() {
  if [[ -n "${PG_BIN:-}" ]]; then echo "$PG_BIN"; return; fi
  local d
  d=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n1 || true)
  [[ -n "$d" && -x "$d/pg_ctl" ]] || { echo "pg-test-cluster: no PostgreSQL binaries (install postgresql)" >&2; exit 2; }
  echo "$d"
}

as_owner() {
  if [[ $(id -u) -eq 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi
}

free_port() {
  node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'
}

cmd=${1:-}
case "$cmd" in
  start)
    BIN=$(pg_bin)
    DIR=${2:-$(mktemp -d /tmp/geste-pg.XXXXXX)}
    mkdir -p "$DIR"
    [[ $(id -u) -eq 0 ]] && chown postgres: "$DIR"
    chmod 700 "$DIR"
    as_owner "$BIN/initdb" -D "$DIR/data" -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 >"$DIR/initdb.log" 2>&1 \
      || { cat "$DIR/initdb.log" >&2; exit 1; }
    PORT=$(free_port)
    cat >>"$DIR/data/postgresql.conf" <<CONF
listen_addresses = '127.0.0.1'
port = $PORT
unix_socket_directories = '$DIR'
max_connections = 100
fsync = off
full_page_writes = off
shared_buffers = 64MB
log_min_messages = warning
CONF
    echo "$PORT" >"$DIR/port"
    as_owner "$BIN/pg_ctl" -D "$DIR/data" -l "$DIR/server.log" -w -t 60 start >/dev/null \
      || { cat "$DIR/server.log" >&2; exit 1; }
    if [[ -n "${GESTE_PG_OWNER_PID:-}" ]]; then
      SELF=$(readlink -f "$0")
      setsid bash -c 'while kill -0 "$1" 2>/dev/null && [[ -d "$2/data" ]]; do sleep 2; done; [[ -d "$2/data" ]] && bash "$3" stop "$2"' \
        watchdog "$GESTE_PG_OWNER_PID" "$DIR" "$SELF" </dev/null >/dev/null 2>&1 &
    fi
    echo "export GESTE_TEST_PG_URL=postgresql://postgres@127.0.0.1:$PORT/postgres"
    echo "export GESTE_TEST_PG_DIR=$DIR"
    ;;
  restart)
    BIN=$(pg_bin)
    DIR=${2:?usage: restart DIR [fast|immediate]}
    as_owner "$BIN/pg_ctl" -D "$DIR/data" -l "$DIR/server.log" -w -t 60 -m "${3:-fast}" restart >/dev/null
    ;;
  stop)
    BIN=$(pg_bin)
    DIR=${2:?usage: stop DIR}
    [[ -f "$DIR/data/PG_VERSION" ]] || { echo "pg-test-cluster: $DIR is not a cluster made by this script" >&2; exit 1; }
    as_owner "$BIN/pg_ctl" -D "$DIR/data" -w -t 60 -m fast stop >/dev/null 2>&1 || true
    rm -rf "$DIR"
    ;;
  *)
    echo "usage: $0 start [DIR] | restart DIR [fast|immediate] | stop DIR" >&2
    exit 64
    ;;
esac
