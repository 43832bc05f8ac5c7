#!/usr/bin/env bash
# Set up everything and run the app with demo data on the embedded SQLite database.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
source scripts/env.sh
PORT="${PORT:-8000}"
HOST="${HOST:-127.0.0.1}"
export REFLEX_API_URL="${REFLEX_API_URL:-http://$HOST:$PORT}"
python -m terminsystem.cli prepare --demo
echo
echo "Terminsystem starts on http://$HOST:$PORT/  (public booking)"
echo "Stop with Ctrl+C."
echo
exec reflex run --env prod --backend-port "$PORT" --backend-host "$HOST"
