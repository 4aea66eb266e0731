#!/usr/bin/env bash
# Set up and run every test: lint (ruff, mypy), the extension's Node tests, Python (server,
# TUI, browser end-to-end, faults, abuse, benchmark smoke runs), then the date-dependent tests
# again with the program's clock moved (a year ahead, a leap day, the last day of this month).
# Browser tests skip with a reason when Chromium / Firefox are missing, unless
# REFUNDS_REQUIRE_BROWSERS=1 (CI) makes a missing browser a failure.
#
# With arguments, runs only pytest with them (e.g. `scripts/test.sh tests/server -k security`):
# no lint, no Node tests, no moved-clock passes; the extension's npm packages are installed
# only if they are missing or out of date (the browser tests and the extraction benchmark use
# them).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh test

npm_install() {
  if ! command -v npm >/dev/null 2>&1; then
    echo "The extension's tests need Node.js 20 and npm." >&2
    exit 1
  fi
  (cd extension && npm ci --no-audit --no-fund --loglevel=error)
  sha256sum extension/package-lock.json | cut -d' ' -f1 > extension/node_modules/.installed-lock
}

npm_up_to_date() {
  [ -f extension/node_modules/.installed-lock ] &&
    [ "$(cat extension/node_modules/.installed-lock)" = "$(sha256sum extension/package-lock.json | cut -d' ' -f1)" ]
}

if [ $# -gt 0 ]; then
  if [ -f extension/package.json ] && ! npm_up_to_date; then
    echo "== extension: npm ci (packages missing or out of date)"
    npm_install
  fi
  echo "== python: pytest $*"
  exec .venv/bin/python -m pytest -q "$@"
fi

# Lint first, as it takes seconds: ruff's rules and formatter and mypy's checks of server/ and
# tui/, as configured in pyproject.toml. All three run; any finding fails the run.
# scripts/lint-fix.sh applies what ruff can fix by itself.
echo "== lint: ruff check, ruff format --check, mypy"
lint_failed=0
.venv/bin/ruff check --output-format concise || lint_failed=1
.venv/bin/ruff format --check --output-format concise || lint_failed=1
.venv/bin/mypy || lint_failed=1
if [ "$lint_failed" -ne 0 ]; then
  echo "Lint failed; scripts/lint-fix.sh fixes what ruff can fix by itself." >&2
  exit 1
fi

if [ -f extension/package.json ]; then
  echo "== extension: npm ci && npm test"
  npm_install
  (cd extension && npm test)
fi

# pytest runs all of tests/: server, knowledge, tui, integration, e2e (browsers), faults (SIGKILL
# trials, failed writes, damaged databases), abuse (OpenAPI fuzzing, web-page attacks) and a
# --smoke run of every benchmark in bench/ (tests/bench). REFUNDS_FAULT_TRIALS and
# REFUNDS_FUZZ_EXAMPLES make the fault and fuzz runs longer.
echo "== python: pytest"
.venv/bin/python -m pytest -q

scripts/test-moved-clock.sh
