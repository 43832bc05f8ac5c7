#!/usr/bin/env bash
# Set up everything (incl. Debian's Chromium) and run all three test tiers.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh --test
source scripts/env.sh
python -m pytest tests/unit tests/integration tests/e2e "$@"
