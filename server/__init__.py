"""Refund Tracker's local server: the only owner of the data."""

__version__ = "0.1.0"
