#!/usr/bin/env bash
# Set up (first run only) and start Refund Tracker. Arguments go to `refunds`
# (e.g. `scripts/start.sh --demo`, `scripts/start.sh serve`).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
exec .venv/bin/refunds "$@"
