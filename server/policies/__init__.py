"""Refund knowledge: the policy catalog, matching, deadlines, letters and exports.

Pure functions over plain case dicts; the only I/O is reading the catalog files handed to
``load_catalog``. ``holidays`` and ``icalendar`` are imported lazily by the functions that
need them, to keep server start-up fast.
"""

from .business_days import add_business_days, follow_up_date
from .catalog import Catalog, Evidence, Match, PartyRef
from .checklist import checklist
from .clocks import Enricher, compute, enrich
from .dossier import dossier_json, dossier_markdown
from .ics import export_ics
from .loader import LoadedCatalog, load_catalog
from .templates import TEMPLATE_KINDS, UnknownTemplateError, render_template

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
