"""Durable storage: TinyDB in memory, an fsync'd journal, atomic snapshots."""

from .store import StorageError, Store, StoreCorrupt

__all__ = ["Store", "StorageError", "StoreCorrupt"]
