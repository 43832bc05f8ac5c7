#!/usr/bin/env bash
# Set up everything and run the app with demo data on the embedded SQLite database.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
source scripts/env.sh
PORT="${PORT:-8000}"
HOST="${HOST:-127.0.0.1}"
# The demo answers as 127.0.0.1 and as localhost (only configured host names are answered). With
# "localhost" as its address, the page opens its websocket on whichever of the two it was loaded
# from, so the login cookie of that address goes with it.
if [ "$HOST" = 127.0.0.1 ]; then
  export REFLEX_API_URL="${REFLEX_API_URL:-http://localhost:$PORT}"
  export TS_EXTRA_HOSTS="${TS_EXTRA_HOSTS:-127.0.0.1:$PORT}"
fi
export REFLEX_API_URL="${REFLEX_API_URL:-http://$HOST:$PORT}"
python -m terminsystem.cli prepare --demo
echo
echo "Terminsystem starts on http://$HOST:$PORT/  (public booking)"
echo "Stop with Ctrl+C."
echo
exec reflex run --env prod --backend-port "$PORT" --backend-host "$HOST"
