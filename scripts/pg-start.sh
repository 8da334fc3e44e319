#!/usr/bin/env bash
# A throwaway PostgreSQL server for the test suite; prints its SQLAlchemy URL on stdout.
#
#   scripts/pg-start.sh [DIR]      start a new cluster in DIR (default: a new temporary directory),
#                                  listening on 127.0.0.1 on a free port, with a database "dealgraph";
#                                  prints postgresql://postgres@127.0.0.1:PORT/dealgraph
#   scripts/pg-start.sh stop DIR   stop that cluster and remove DIR
#
# Use it as:  export DEALGRAPH_TEST_PG=$(scripts/pg-start.sh /tmp/dg-pg)
# When no PostgreSQL server binaries are found, Debian's postgresql package is installed (apt-get,
# which needs root) unless DEALGRAPH_PG_NO_INSTALL=1. Started as root, the server runs as the
# postgres user (PostgreSQL refuses to run as root). The cluster trusts local connections and runs
# with fsync off: it is for tests only, and holds nothing worth keeping.
set -euo pipefail

log() { echo "pg-start: $*" >&2; }

bindir() {
  local found
  if found=$(command -v pg_ctl 2>/dev/null) && [ -x "$(dirname "$(readlink -f "$found")")/initdb" ]; then
    dirname "$(readlink -f "$found")"
    return
  fi
  found=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
  [ -n "$found" ] && [ -x "$found/initdb" ] && echo "$found"
}

as_owner() {
  # run a server command as the cluster's owner
  if [ "$(id -u)" = 0 ]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

install_server() {
  if [ "${DEALGRAPH_PG_NO_INSTALL:-0}" = 1 ]; then
    log "no PostgreSQL server found and DEALGRAPH_PG_NO_INSTALL=1"
    exit 2
  fi
  if [ "$(id -u)" != 0 ]; then
    log "no PostgreSQL server found, and installing it needs root (apt-get install postgresql)"
    exit 2
  fi
  log "installing Debian's postgresql"
  apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >&2
}

stop() {
  local dir=$1 bin
  bin=$(bindir) || { log "no PostgreSQL server binaries"; exit 2; }
  if [ -f "$dir/data/postmaster.pid" ]; then
    as_owner "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >&2 || true
  fi
  rm -rf "$dir"
}

start() {
  local dir=${1:-} bin port
  bin=$(bindir) || true
  if [ -z "$bin" ]; then
    install_server
    bin=$(bindir) || { log "postgresql installed but its binaries were not found"; exit 2; }
  fi
  if [ -z "$dir" ]; then
    dir=$(mktemp -d /tmp/dealgraph-pg.XXXXXX)
  else
    mkdir -p "$dir"
  fi
  if [ "$(id -u)" = 0 ]; then
    id postgres >/dev/null 2>&1 || { log "no postgres user to run the server as"; exit 2; }
    chown postgres: "$dir"
  fi
  chmod 700 "$dir"
  # C.UTF-8: UTF-8 text, and code-point ordering like SQLite's; plain C where that locale is missing
  if ! as_owner "$bin/initdb" -D "$dir/data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1; then
    rm -rf "$dir/data"
    as_owner "$bin/initdb" -D "$dir/data" -U postgres -A trust -E UTF8 --no-locale >"$dir/initdb.log" 2>&1 \
      || { log "initdb failed:"; cat "$dir/initdb.log" >&2; exit 1; }
  fi
  port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
    -o "-h 127.0.0.1 -p $port -k $dir -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
    start >&2 || { log "server did not start:"; cat "$dir/server.log" >&2; exit 1; }
  as_owner "$bin/createdb" -h 127.0.0.1 -p "$port" -U postgres dealgraph
  log "started in $dir; stop with: $0 stop $dir"
  echo "postgresql://postgres@127.0.0.1:$port/dealgraph"
}

case "${1:-}" in
  stop)
    [ -n "${2:-}" ] || { log "usage: $0 stop DIR"; exit 2; }
    stop "$2"
    ;;
  *)
    start "${1:-}"
    ;;
esac
