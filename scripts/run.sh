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
# No real mail leaves a demo: unless an SMTP server is configured, a local catcher keeps every mail
# as an .eml file in demo-mail/ (open it with any mail program).
if [ -z "${TS_SMTP_HOST:-}" ]; then
  MAIL_PORT="${MAIL_PORT:-8025}"
  python -m terminsystem.mail.catcher --port "$MAIL_PORT" --dir demo-mail &
  CATCHER=$!
  trap 'kill "$CATCHER" 2>/dev/null || true' EXIT INT TERM
  export TS_SMTP_HOST=127.0.0.1 TS_SMTP_PORT="$MAIL_PORT"
fi
echo
echo "Terminsystem starts on http://$HOST:$PORT/  (public booking)"
echo "Mails (confirmations, reminders) are kept in $(pwd)/demo-mail/"
echo "Stop with Ctrl+C."
echo
reflex run --env prod --backend-port "$PORT" --backend-host "$HOST"
