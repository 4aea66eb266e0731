#!/usr/bin/env bash
# The tests that compute or show dates, run again with the program's clock moved
# (REFUNDS_TODAY, read by server/wallclock.py in every process): a year ahead, a leap day,
# the last day of this month. Nothing may depend on the day a test was written.
# Usage: scripts/test-moved-clock.sh [DAY ...]   (default: those three; scripts/test.sh runs it)
set -euo pipefail
cd "$(dirname "$0")/.."

if [ $# -gt 0 ]; then
  days=("$@")
else
  mapfile -t days < <(.venv/bin/python - <<'EOF'
import calendar
from datetime import date, timedelta
from server.wallclock import WallClock

today = WallClock.from_environment({}).today()  # the real date, whatever REFUNDS_TODAY says
try:
    year_ahead = today.replace(year=today.year + 1)
except ValueError:  # 29 February
    year_ahead = today + timedelta(days=365)
month_end = today.replace(day=calendar.monthrange(today.year, today.month)[1])
if month_end == today:  # already the last day: the next month's last day
    following = month_end + timedelta(days=1)
    month_end = following.replace(day=calendar.monthrange(following.year, following.month)[1])
leap_day = next(date(y, 2, 29) for y in range(today.year, today.year + 8)
                if calendar.isleap(y) and date(y, 2, 29) > today)
for day in (year_ahead, leap_day, month_end):
    print(day.isoformat())
EOF
)
fi

for day in "${days[@]}"; do
  echo "== python: pytest with the clock moved to $day (REFUNDS_TODAY=$day)"
  REFUNDS_TODAY="$day" .venv/bin/python -m pytest -q \
    tests/knowledge tests/server tests/integration tests/tui tests/bench tests/e2e
done
