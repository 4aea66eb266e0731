"""Refund Tracker's terminal UI: a client of the local server's HTTP API."""
