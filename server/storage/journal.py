"""The append-only journal: one line per committed change set, fsync'd before it is acknowledged.

A line is ``<crc32 hex> <json>\\n`` where the JSON is ``{"seq": n, "ops": [[table, key, doc|null], ...]}``.
Each op carries the whole new document (or null for a removal), so replaying a line never
depends on anything but the lines before it. The journal is split into segments named by the
first sequence number they may hold; compaction deletes segments a snapshot already covers.
"""

from __future__ import annotations

import logging
import os
import re
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import msgspec

log = logging.getLogger(__name__)

SEGMENT_RE = re.compile(r"^journal-(\d{16})\.log$")

Op = tuple[str, str, "dict[str, Any] | None"]

_encoder = msgspec.json.Encoder()


class Record(msgspec.Struct, array_like=False):
    seq: int
    ops: list[tuple[str, str, dict[str, Any] | None]]


_record_decoder = msgspec.json.Decoder(Record)


def segment_name(first_seq: int) -> str:
    return f"journal-{first_seq:016d}.log"


def encode_record(seq: int, ops: list[Op]) -> bytes:
    payload = _encoder.encode({"seq": seq, "ops": ops})
    return b"%08x %s\n" % (zlib.crc32(payload), payload)


def decode_line(line: bytes) -> Record | None:
    """The record on ``line``, or None when it is torn or damaged."""
    if len(line) < 10 or not line.endswith(b"\n") or line[8:9] != b" ":
        return None
    payload = line[9:-1]
    try:
        crc = int(line[:8], 16)
    except ValueError:
        return None
    if zlib.crc32(payload) != crc:
        return None
    try:
        return _record_decoder.decode(payload)
    except msgspec.DecodeError:
        return None


@dataclass
class Segment:
    path: Path
    first_seq: int


def list_segments(directory: Path) -> list[Segment]:
    segments = []
    for entry in directory.iterdir():
        m = SEGMENT_RE.match(entry.name)
        if m:
            segments.append(Segment(entry, int(m.group(1))))
    segments.sort(key=lambda s: s.first_seq)
    return segments


@dataclass
class ReplayReport:
    records: int = 0
    skipped_old: int = 0
    damaged_lines: int = 0
    torn_tail_bytes: int = 0
    last_seq: int = 0


def replay(directory: Path, after_seq: int, report: ReplayReport) -> Iterator[Record]:
    """Yield every intact record with seq > ``after_seq``, oldest first.

    A torn last line (a crash mid-append, never acknowledged) is cut off the last segment.
    A damaged line elsewhere is logged and skipped: later lines hold whole documents.
    """
    segments = list_segments(directory)
    for index, segment in enumerate(segments):
        is_last = index == len(segments) - 1
        good_end = 0
        with open(segment.path, "rb") as fh:
            data = fh.read()
        pos = 0
        while pos < len(data):
            nl = data.find(b"\n", pos)
            end = len(data) if nl < 0 else nl + 1
            line = data[pos:end]
            record = decode_line(line)
            if record is None:
                if is_last and _only_damage_left(data, end):
                    report.torn_tail_bytes = len(data) - pos
                    break
                report.damaged_lines += 1
                log.warning("journal %s: damaged line at byte %d skipped", segment.path.name, pos)
            else:
                good_end = end
                if record.seq <= after_seq:
                    report.skipped_old += 1
                else:
                    report.records += 1
                    report.last_seq = max(report.last_seq, record.seq)
                    yield record
            pos = end
        if is_last and report.torn_tail_bytes:
            with open(segment.path, "r+b") as fh:
                fh.truncate(good_end)
                fh.flush()
                os.fsync(fh.fileno())
            log.warning(
                "journal %s: dropped a torn last line (%d bytes, never acknowledged)",
                segment.path.name,
                report.torn_tail_bytes,
            )


def _only_damage_left(data: bytes, end: int) -> bool:
    """True when nothing intact follows ``end``: the damage is a torn tail, not a hole."""
    rest = data[end:]
    return all(decode_line(line) is None for line in rest.splitlines(keepends=True))
