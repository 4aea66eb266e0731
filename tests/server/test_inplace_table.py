"""InPlaceTable must behave exactly as stock tinydb.Table; only the cost of a write differs."""

from __future__ import annotations

import random

import pytest
from tinydb import Query, TinyDB
from tinydb.storages import MemoryStorage
from tinydb.table import Document

from server.storage.table import InPlaceTable


class InPlaceDB(TinyDB):
    table_class = InPlaceTable


def both():
    stock = TinyDB(storage=MemoryStorage).table("t")
    ours = InPlaceDB(storage=MemoryStorage).table("t")
    assert isinstance(ours, InPlaceTable)
    return stock, ours


def same(stock, ours):
    assert [(d.doc_id, dict(d)) for d in stock.all()] == [(d.doc_id, dict(d)) for d in ours.all()]
    assert len(stock) == len(ours)


def run(op, stock, ours):
    results = []
    for table in (stock, ours):
        try:
            results.append(("ok", op(table)))
        except Exception as exc:  # noqa: BLE001 - comparing behaviour, errors included
            results.append(("error", type(exc).__name__))
    assert results[0] == results[1]
    same(stock, ours)


Q = Query()

OPERATIONS = [
    lambda t: t.insert({"n": 1, "tag": "a"}),
    lambda t: t.insert_multiple([{"n": i, "tag": "b"} for i in range(3)]),
    lambda t: t.insert(Document({"n": 99}, doc_id=50)),
    lambda t: t.insert(Document({"n": 98}, doc_id=50)),  # duplicate id: ValueError in both
    lambda t: t.update({"tag": "c"}, Q.n == 1),
    lambda t: t.update(lambda doc: doc.update(n=doc["n"] + 10), Q.tag == "b"),
    lambda t: t.update({"x": True}, doc_ids=[1, 2]),
    lambda t: t.update({"all": 1}),
    lambda t: t.update_multiple([({"m": 1}, Q.n == 11), ({"m": 2}, Q.n == 12)]),
    lambda t: t.upsert({"n": 7, "tag": "u"}, Q.n == 7),
    lambda t: t.upsert({"n": 7, "tag": "v"}, Q.n == 7),
    lambda t: t.upsert(Document({"n": 8}, doc_id=2)),
    lambda t: t.remove(Q.tag == "c"),
    lambda t: t.remove(doc_ids=[2]),
    lambda t: t.remove(doc_ids=[12345]),  # KeyError in both
    lambda t: sorted(d.doc_id for d in t.search(Q.n > 5)),
    lambda t: t.get(doc_id=3),
    lambda t: t.get(Q.tag == "b"),
    lambda t: [d.doc_id for d in t.get(doc_ids=[1, 3, 50])],
    lambda t: t.contains(doc_id=50),
    lambda t: t.count(Q.tag == "b"),
    lambda t: t.insert({"after": "removals"}),
    lambda t: t.truncate(),
    lambda t: t.insert({"after": "truncate"}),
]


def test_each_operation_matches_stock_tinydb():
    stock, ours = both()
    for op in OPERATIONS:
        run(op, stock, ours)


@pytest.mark.parametrize("seed", range(5))
def test_random_sequences_match_stock_tinydb(seed):
    rng = random.Random(seed)
    stock, ours = both()
    for _ in range(300):
        run(rng.choice(OPERATIONS[:-2]), stock, ours)


def test_writes_edit_the_live_dict_instead_of_rebuilding_it():
    db = InPlaceDB(storage=MemoryStorage)
    table = db.table("t")
    table.insert({"n": 0})
    raw = db.storage.read()["t"]
    for i in range(1, 100):
        table.insert({"n": i})
    table.update({"k": 1}, doc_ids=[5])
    table.remove(doc_ids=[6])
    assert db.storage.read()["t"] is raw, "stock TinyDB replaces the table dict on every write"
    assert len(raw) == 99


def test_put_replaces_documents_wholesale():
    db = InPlaceDB(storage=MemoryStorage)
    table = db.table("t")
    first = {"n": 1}
    table.put(3, first)
    table.put(3, {"n": 2})
    assert first == {"n": 1}, "the old document object is left as it was"
    assert table.get(doc_id=3) == {"n": 2}
    assert table.insert({"n": 3}) == 4
