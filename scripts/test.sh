#!/usr/bin/env bash
# Set up everything (incl. Debian's Chromium, PostgreSQL and Redis) and run all tests:
# lint, unit, integration (SQLite and PostgreSQL), e2e in one backend process, then the live-loop
# e2e tests again with Redis and two backend workers (incl. sessions, devices, administration, the
# urgent requests' triage and proofs of work: their state and revocation must hold across workers).
# Extra arguments go to the first pytest run, e.g. scripts/test.sh -k booking
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh --test
source scripts/env.sh

free_port() { python -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
pg_dir=$(mktemp -d /tmp/terminsystem-pg.XXXXXX)
pg_port=$(free_port)
redis_port=$(free_port)
cleanup() {
  scripts/postgres.sh stop "$pg_dir" "$pg_port"
  redis-cli -p "$redis_port" shutdown nosave >/dev/null 2>&1 || true
}
trap cleanup EXIT
if ! TS_TEST_POSTGRES_URL=$(scripts/postgres.sh start "$pg_dir" "$pg_port"); then
  echo "scripts/test.sh: could not start PostgreSQL for the tests" >&2
  exit 1
fi
export TS_TEST_POSTGRES_URL

ruff check .
python -m pytest tests/unit tests/integration tests/e2e -p no:cacheprovider "$@"

echo
echo "=== live loop again: Redis state manager, 2 backend workers ==="
redis-server --port "$redis_port" --bind 127.0.0.1 --daemonize yes --save "" --appendonly no >/dev/null
TS_E2E_REDIS_URL="redis://127.0.0.1:$redis_port" python -m pytest -p no:cacheprovider \
  tests/e2e/test_live_loop.py tests/e2e/test_privacy.py tests/e2e/test_workers.py tests/e2e/test_camera.py \
  tests/e2e/test_reconnect.py tests/e2e/test_sessions.py tests/e2e/test_devices.py tests/e2e/test_keep_booking.py \
  tests/e2e/test_office_admin.py tests/e2e/test_staff_admin.py tests/e2e/test_urgent_triage.py tests/e2e/test_proof_of_work.py
