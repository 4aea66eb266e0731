"""The snapshot files: refunds.json (the committed state at a journal sequence number) and
refunds.prev.json (the one before it, kept until a newer one is safely written).

A snapshot is TinyDB's JSON layout, {table: {doc_id: document}}, plus a "meta" table saying
the schema version and the journal sequence number it covers.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import Any

import msgspec

from ..wallclock import WallClock
from .files import fsync_dir, write_atomic
from .journal import list_segments

log = logging.getLogger(__name__)

SNAPSHOT_NAME = "refunds.json"
PREVIOUS_SNAPSHOT_NAME = "refunds.prev.json"
META_TABLE = "meta"

_doc_encoder = msgspec.json.Encoder()


class StoreCorrupt(Exception):
    """No readable snapshot is left to start from."""


def write_snapshot(directory: Path, state: dict[str, dict[str, Any]], meta: dict[str, Any]) -> int:
    """Write ``state`` (and ``meta``) as the new current snapshot, keep the last one as the
    previous, and delete the journal segments the previous one wholly covers. The bytes
    written."""
    previous_seq = meta["previous_journal_seq"]
    state[META_TABLE] = {"1": meta}
    current = directory / SNAPSHOT_NAME
    previous = directory / PREVIOUS_SNAPSHOT_NAME
    if current.exists():
        # Keep the last good snapshot: if the new one is ever unreadable, it and the
        # journal segments after it still hold everything.
        link = previous.with_name(previous.name + ".tmp-link")
        try:
            os.unlink(link)
        except FileNotFoundError:
            pass
        os.link(current, link)
        os.replace(link, previous)
        # When previous already is current (a compaction was killed between this step
        # and the next), rename() of one hard link onto another does nothing and leaves
        # the temp link behind.
        try:
            os.unlink(link)
        except FileNotFoundError:
            pass
    written = write_atomic(current, snapshot_chunks(state))
    # Segments wholly covered by the previous snapshot are no longer needed.
    segments = list_segments(directory)
    for this, following in zip(segments, segments[1:], strict=False):
        if following.first_seq - 1 <= previous_seq:
            this.path.unlink()
    fsync_dir(directory)
    return written


def meta_of(tables: dict[str, dict[str, Any]]) -> dict[str, Any]:
    meta_table = tables.get(META_TABLE) or {}
    for doc in meta_table.values():
        return doc
    return {}


def parse_snapshot(
    data: bytes,
    validators: Mapping[str, Callable[[dict[str, Any]], object]] | None = None,
) -> dict[str, dict[str, Any]]:
    try:
        tables = msgspec.json.decode(data)
    except msgspec.DecodeError as exc:
        raise ValueError(str(exc)) from None
    if not isinstance(tables, dict):
        raise ValueError("the top level is not an object of tables")
    for name, raw in tables.items():
        if not isinstance(raw, dict):
            raise ValueError(f"table {name!r} is not an object")
        for doc_id, doc in raw.items():
            if not isinstance(doc, dict) or not doc_id.isdigit():
                raise ValueError(f"table {name!r} holds a malformed document {doc_id!r}")
            if name != META_TABLE and not isinstance(doc.get("id"), str):
                raise ValueError(f"document {doc_id!r} of table {name!r} has no id")
        check = (validators or {}).get(name)
        if check is not None:
            for doc_id, doc in raw.items():
                try:
                    check(doc)
                except (ValueError, TypeError, msgspec.ValidationError) as exc:
                    raise ValueError(f"document {doc_id!r} of table {name!r} is not valid: {exc}") from None
    return tables


def snapshot_chunks(state: dict[str, dict[str, Any]], per_chunk: int = 500) -> Iterator[bytes]:
    """The snapshot as TinyDB's JSON layout, encoded a slice at a time.

    Encoding in slices (instead of one big ``dumps``) lets the event loop's thread run
    between slices, so compacting a large database does not stall requests.
    """
    encode = _doc_encoder.encode
    yield b"{"
    for t_index, (name, raw) in enumerate(state.items()):
        yield (b"," if t_index else b"") + encode(name) + b":{"
        items = list(raw.items())
        for start in range(0, len(items), per_chunk):
            parts = [
                b'"%s":%s' % (doc_id.encode(), encode(doc))
                for doc_id, doc in items[start : start + per_chunk]
            ]
            yield (b"," if start else b"") + b",".join(parts)
        yield b"}"
    yield b"}"


def load_snapshot(
    directory: Path,
    validators: Mapping[str, Callable[[dict[str, Any]], object]],
    clock: WallClock,
    moved_aside: list[str],
) -> tuple[dict[str, dict[str, Any]], str, int]:
    """The snapshot to start from: the tables, which one ("current", "previous" or "none": the
    journal alone) and its size in bytes. One that does not parse is moved aside (its new path
    appended to ``moved_aside``) and the previous one tried."""
    for name, label in ((SNAPSHOT_NAME, "current"), (PREVIOUS_SNAPSHOT_NAME, "previous")):
        path = directory / name
        if not path.exists():
            continue
        try:
            data = path.read_bytes()
            tables = parse_snapshot(data, validators)
        except ValueError as exc:
            stamp = clock.local_now().strftime("%Y%m%dT%H%M%S")
            aside = path.with_name(f"{name}.corrupt-{stamp}")
            os.replace(path, aside)
            fsync_dir(directory)
            moved_aside.append(str(aside))
            log.error("%s does not parse (%s); moved aside to %s", path, exc, aside.name)
            continue
        if label == "previous":
            log.warning("started from the previous snapshot %s and the journal", path)
        return tables, label, len(data)
    # No snapshot to start from: the journal alone is everything only if it reaches back
    # to the first change (segments a snapshot covered are deleted by compaction).
    segments = list_segments(directory)
    if moved_aside and (not segments or segments[0].first_seq != 1):
        raise StoreCorrupt(
            f"The database in {directory} is damaged and no earlier copy exists; "
            f"the damaged file was moved aside to {', '.join(moved_aside)}."
        )
    if segments and segments[0].first_seq != 1:
        raise StoreCorrupt(
            f"The database in {directory} has lost its snapshot ({SNAPSHOT_NAME} and "
            f"{PREVIOUS_SNAPSHOT_NAME} are missing) and the journal alone does not hold "
            "every case. Put the snapshot back to start."
        )
    return {}, "none", 0
