"""Refund knowledge: the policy catalog, matching, deadlines, letters and exports.

Pure functions over plain case dicts; the only I/O is reading the catalog files handed to
``load_catalog``. What every request needs is imported here; letters, dossiers and the
calendar export (and ``holidays`` / ``icalendar``) are imported on first use, to keep server
start-up fast.
"""

from importlib import import_module
from typing import Any

from .business_days import add_business_days, follow_up_date
from .catalog import Catalog, Evidence, Match, PartyRef
from .checklist import checklist
from .clocks import Enricher, compute, enrich
from .loader import LoadedCatalog, load_catalog

_LAZY = {
    "TEMPLATE_KINDS": "templates",
    "UnknownTemplateError": "templates",
    "render_template": "templates",
    "dossier_json": "dossier",
    "dossier_markdown": "dossier",
    "export_ics": "ics",
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value


__all__ = [
    "TEMPLATE_KINDS",
    "Catalog",
    "Enricher",
    "Evidence",
    "LoadedCatalog",
    "Match",
    "PartyRef",
    "UnknownTemplateError",
    "add_business_days",
    "checklist",
    "compute",
    "dossier_json",
    "dossier_markdown",
    "enrich",
    "export_ics",
    "follow_up_date",
    "load_catalog",
    "render_template",
]
