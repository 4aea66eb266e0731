#!/usr/bin/env bash
# Apply ruff's safe fixes and its formatter to the Python code ([tool.ruff] in pyproject.toml),
# then show what is left for a person to fix: the "== lint" step of scripts/test.sh fails on it.
# Run this after changing the rules or raising ruff's version; review the diff before committing.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh test

echo "== ruff check --fix, ruff format"
.venv/bin/ruff check --fix --exit-zero --quiet >/dev/null
.venv/bin/ruff format --quiet
echo "== left to fix by hand"
status=0
.venv/bin/ruff check --statistics || status=1
.venv/bin/mypy || status=1
exit $status
