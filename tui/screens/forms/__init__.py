"""The modal forms; `FORMS` maps the name a key binding uses to the screen that opens."""

from __future__ import annotations

from .base import FormScreen
from .case_form import CaseFormScreen
from .communications import LogForm, NoteForm
from .export import ExportScreen
from .follow_up import FollowUpForm
from .status import StatusForm
from .templates import TemplatesScreen

FORMS: dict[str, type[FormScreen] | type[TemplatesScreen]] = {
    "note": NoteForm,
    "log": LogForm,
    "status": StatusForm,
    "follow_up": FollowUpForm,
    "edit": CaseFormScreen,
    "templates": TemplatesScreen,
    "export": ExportScreen,
}
