"""Widgets of the terminal UI, one area each."""
