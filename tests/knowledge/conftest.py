"""Fixtures for the refund-knowledge tests."""

from __future__ import annotations

import pytest

from server.policies import load_catalog


@pytest.fixture(scope="session")
def catalog():
    loaded = load_catalog(None)
    assert loaded.warnings == []
    return loaded.catalog
