#!/usr/bin/env bash
# Set up and run every test: Python (server, TUI, browser end-to-end) and the extension's Node tests.
# Browser tests skip with a reason when Chromium / Firefox are missing, unless
# REFUNDS_REQUIRE_BROWSERS=1 (CI) makes a missing browser a failure.
# Extra arguments go to pytest (e.g. `scripts/test.sh -k security`).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh test

if [ -f extension/package.json ]; then
  if ! command -v npm >/dev/null 2>&1; then
    echo "The extension's tests need Node.js 20 and npm." >&2
    exit 1
  fi
  echo "== extension: npm ci && npm test"
  (cd extension && npm ci --no-audit --no-fund --loglevel=error && npm test)
fi

# pytest runs all of tests/: server, knowledge, tui, integration, e2e (browsers), faults (SIGKILL
# trials, failed writes, damaged databases), abuse (OpenAPI fuzzing, web-page attacks) and a
# --smoke run of every benchmark in bench/ (tests/bench). REFUNDS_FAULT_TRIALS and
# REFUNDS_FUZZ_EXAMPLES make the fault and fuzz runs longer.
echo "== python: pytest"
exec .venv/bin/python -m pytest -q "$@"
