#!/usr/bin/env bash
# A private, throw-away PostgreSQL server for the tests: scripts/postgres.sh start|stop DIR PORT
# Installs Debian's postgresql if missing (as root). Prints the database URL on start.
set -euo pipefail
action=$1 dir=$2 port=$3
server_bin() { ls /usr/lib/postgresql/*/bin/initdb 2>/dev/null | sort -V | tail -n 1 | xargs -r dirname; }
bin=$(server_bin || true)
as_pg() { if [ "$(id -u)" = 0 ]; then su postgres -s /bin/bash -c "$*"; else bash -c "$*"; fi; }
case "$action" in
  start)
    if [ -z "$bin" ]; then
      if [ "$(id -u)" != 0 ]; then echo "Please install PostgreSQL (apt-get install postgresql)" >&2; exit 1; fi
      apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null 2>&1
      bin=$(server_bin)
    fi
    mkdir -p "$dir"
    [ "$(id -u)" = 0 ] && chown postgres "$dir"
    if ! as_pg "'$bin/initdb' -D '$dir/data' -A trust -U postgres >'$dir/initdb.log' 2>&1" ||
       ! as_pg "'$bin/pg_ctl' -D '$dir/data' -l '$dir/server.log' -w -o \"-p $port -k '$dir' -c listen_addresses=127.0.0.1 -c fsync=off\" start >/dev/null"; then
      echo "PostgreSQL did not start:" >&2
      cat "$dir"/*.log >&2 2>/dev/null || true
      exit 1
    fi
    echo "postgresql+psycopg://postgres@127.0.0.1:$port/postgres"
    ;;
  stop)
    [ -n "$bin" ] && [ -d "$dir/data" ] && as_pg "'$bin/pg_ctl' -D '$dir/data' -m fast stop >/dev/null" || true
    rm -rf "$dir"
    ;;
esac
