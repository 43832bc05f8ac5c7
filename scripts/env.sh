# Sourced by the Makefile's scripts: project-local tools first, Reflex kept off the network.
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export PATH="$ROOT/.venv/bin:$ROOT/.tools/node_modules/.bin:$PATH"
export REFLEX_TELEMETRY_ENABLED=false
export REFLEX_CHECK_LATEST_VERSION=0
export NPM_CONFIG_REGISTRY="${NPM_CONFIG_REGISTRY:-$(npm config get registry 2>/dev/null || echo https://registry.npmjs.org/)}"
export BUN_INSTALL_CACHE_DIR="$ROOT/.tools/bun-cache"
export PYTHONDONTWRITEBYTECODE=1
