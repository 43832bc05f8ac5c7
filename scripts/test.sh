#!/usr/bin/env bash
# Set up everything (incl. Debian's Chromium and PostgreSQL) and run all three test tiers.
# Extra arguments go to pytest, e.g. scripts/test.sh -k booking
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh --test
source scripts/env.sh

pg_dir=$(mktemp -d /tmp/terminsystem-pg.XXXXXX)
pg_port=$(python -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
trap 'scripts/postgres.sh stop "$pg_dir" "$pg_port"' EXIT
if ! TS_TEST_POSTGRES_URL=$(scripts/postgres.sh start "$pg_dir" "$pg_port"); then
  echo "scripts/test.sh: could not start PostgreSQL for the tests" >&2
  exit 1
fi
export TS_TEST_POSTGRES_URL

ruff check .
python -m pytest tests/unit tests/integration tests/e2e -p no:cacheprovider "$@"
