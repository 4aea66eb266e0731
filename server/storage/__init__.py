"""Durable storage: TinyDB in memory, an fsync'd journal, atomic snapshots."""

from .store import Store, StorageError, StoreCorrupt

__all__ = ["Store", "StorageError", "StoreCorrupt"]
