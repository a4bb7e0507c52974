#!/usr/bin/env bash
# Sourced by .ci/run: a throwaway PostgreSQL cluster on 127.0.0.1 for the test suite.
# Exports SOCIUS_TEST_PG_URL (an admin URL: tests create a database per test from it) and
# stops and removes the cluster when the shell exits.
pg_bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
if [ -z "$pg_bin" ] || [ ! -x "$pg_bin/initdb" ]; then
  echo "postgres.sh: no PostgreSQL server binaries (apt-get install postgresql)" >&2
  return 1 2>/dev/null || exit 1
fi
pg_user=postgres
id "$pg_user" >/dev/null 2>&1 || useradd --system --no-create-home "$pg_user"
pg_dir=$(mktemp -d /tmp/socius-pg.XXXXXX)
chown "$pg_user" "$pg_dir"
pg_port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
as_pg() { if [ "$(id -u)" = 0 ]; then su "$pg_user" -s /bin/sh -c "$*"; else sh -c "$*"; fi; }
as_pg "'$pg_bin/initdb' -D '$pg_dir/data' -U socius --auth=trust -E UTF8 --locale=C.UTF-8 >'$pg_dir/initdb.log' 2>&1" \
  || { cat "$pg_dir/initdb.log" >&2; return 1 2>/dev/null || exit 1; }
as_pg "'$pg_bin/pg_ctl' -D '$pg_dir/data' -l '$pg_dir/server.log' -w -t 60 \
  -o \"-c listen_addresses=127.0.0.1 -p $pg_port -k '$pg_dir' -c fsync=off\" start >/dev/null" \
  || { cat "$pg_dir/server.log" >&2; return 1 2>/dev/null || exit 1; }
socius_pg_stop() {
  as_pg "'$pg_bin/pg_ctl' -D '$pg_dir/data' -m immediate stop >/dev/null 2>&1" || true
  rm -rf "$pg_dir"
}
trap socius_pg_stop EXIT
as_pg "'$pg_bin/createdb' -h 127.0.0.1 -p $pg_port -U socius socius_test"
export SOCIUS_TEST_PG_URL="postgresql://socius@127.0.0.1:$pg_port/socius_test"
echo "PostgreSQL $("$pg_bin/postgres" --version | awk '{print $3}') on 127.0.0.1:$pg_port for the tests"
