"""Reminders that reach the user: each due reminder (server/domain/reminders.py) sent once to
each channel the user has (the desktop's notifications, opt-in push through apprise), and
what the user said of it (snoozed, done), remembered in the data directory."""
