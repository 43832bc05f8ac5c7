#!/usr/bin/env bash
# Installs everything the app and its tests need, into the project folder where possible.
# Idempotent: a second run only checks. Usage: scripts/setup.sh [--test]
set -euo pipefail
cd "$(dirname "$0")/.."
BUN_VERSION=1.4.4

if [ ! -x .venv/bin/python ]; then
  python3 -m venv .venv
fi
stamp=.venv/.requirements.sha
want=$(cat requirements.txt requirements-dev.txt | sha256sum | cut -d' ' -f1)
if [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
  # (the machine's pip config names local mirrors that may not exist: drop those warnings)
  { .venv/bin/pip install --quiet --upgrade pip 2>&1 &&
    .venv/bin/pip install --quiet -r requirements.txt -r requirements-dev.txt 2>&1; } |
    { grep -v "is ignored: it is neither a file nor a directory" || true; }
  echo "$want" > "$stamp"
fi

# Reflex cannot download bun here; the npm registry ships it as a package.
if [ "$(.tools/node_modules/.bin/bun --version 2>/dev/null)" != "$BUN_VERSION" ]; then
  npm install --silent --no-fund --no-audit --prefix .tools "bun@$BUN_VERSION"
fi

apt_install() {
  if [ "$(id -u)" = 0 ]; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
  else
    echo "Please install: $*  (e.g. sudo apt-get install $*)" >&2; exit 1
  fi
}
if [ "${1:-}" = "--test" ]; then
  command -v chromium >/dev/null || apt_install chromium
  command -v redis-server >/dev/null || apt_install redis-server
fi
