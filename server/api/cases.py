"""Cases: captures from the extension, listing, reading, editing, archiving, the communication log."""

from __future__ import annotations

from aiohttp import web

from ..domain import status as status_machine
from ..domain.inputs import CaptureIn, CaseIn, CasePatch, CommunicationIn
from ..errors import BadRequest, NotFound
from ..keys import CASE_SERVICE
from .io import json_response, query_choice, query_int, query_text, read_json


async def post_capture(request: web.Request) -> web.Response:
    """An extracted order: 201 a new case, 200 merged into the same order's case or a repeat.
    ``differences``: what a merged capture states otherwise than the case, which keeps its values
    but takes the capture's line items (each difference's ``kept`` says which)."""
    capture = await read_json(request, CaptureIn)
    case, result, differences = await request.app[CASE_SERVICE].capture(capture)
    return json_response(
        {"case": case, "result": result, "differences": differences},
        status=201 if result == "created" else 200,
    )


async def get_cases(request: web.Request) -> web.Response:
    """All matching cases; `limit`/`offset` page through them."""
    statuses = [s for s in (query_text(request, "status") or "").split(",") if s]
    unknown = [s for s in statuses if s not in status_machine.STATUS_TABLE]
    if unknown:
        message = f"unknown status {', '.join(unknown)}; one of {', '.join(status_machine.STATUS_TABLE)}"
        raise BadRequest(f"status: {message}", fields={"status": message})
    cases = request.app[CASE_SERVICE].list(
        statuses=statuses,
        q=query_text(request, "q"),
        due_within=query_int(request, "due_within", maximum=3650),
        archived=query_choice(request, "archived", ("exclude", "include", "only"), "exclude"),
        domain=query_text(request, "domain", max_length=253),
        summary=query_choice(request, "view", ("full", "summary"), "full") == "summary",
    )
    total = len(cases)
    offset = query_int(request, "offset") or 0
    limit = query_int(request, "limit", minimum=1, maximum=100_000)
    if offset or limit is not None:
        cases = cases[offset : offset + limit if limit is not None else None]
    return json_response({"cases": cases, "total": total})


async def post_case(request: web.Request) -> web.Response:
    """A case added by hand."""
    data = await read_json(request, CaseIn)
    return json_response({"case": await request.app[CASE_SERVICE].create(data)}, status=201)


async def get_case(request: web.Request) -> web.Response:
    return json_response({"case": request.app[CASE_SERVICE].get(request.match_info["case_id"])})


async def patch_case(request: web.Request) -> web.Response:
    """Edit fields or move the status (an invalid move is a 409). With ``check=true`` every check
    runs and nothing is written: 200 and the case as it is, or the error the save would give."""
    check = query_choice(request, "check", ("true", "false"), "false") == "true"
    patch = await read_json(request, CasePatch)
    case = await request.app[CASE_SERVICE].patch(request.match_info["case_id"], patch, check_only=check)
    if check:
        # "checked" says the edit was only checked: a client tells a server that knows check=true
        # (an empty edit checked first) from an older one, which would save what it is sent.
        return json_response({"case": case, "checked": True})
    return json_response({"case": case})


async def delete_case(request: web.Request) -> web.Response:
    """Archive the case (it stays stored; PATCH {"archived": false} restores it)."""
    return json_response({"case": await request.app[CASE_SERVICE].archive(request.match_info["case_id"])})


async def post_communication(request: web.Request) -> web.Response:
    """Log an email, chat transcript, call or note (201; 200 for a repeated communication_id)."""
    entry = await read_json(request, CommunicationIn)
    case, comm, created = await request.app[CASE_SERVICE].log(request.match_info["case_id"], entry)
    return json_response({"case": case, "communication": comm}, status=201 if created else 200)


async def get_statuses(request: web.Request) -> web.Response:
    """The status machine: each status, its label and where it may go next; beside it the
    words a screen shows for each, which statuses dispute the charge, and the days left at
    which a deadline reads as closing."""
    return json_response(status_table())


def status_table() -> dict[str, object]:
    """What GET /api/v1/statuses answers (openapi.StatusTable)."""
    from ..policies.clocks import CLOSING_DAYS

    return {
        "statuses": status_machine.table_as_json(),
        **status_machine.words_as_json(),
        "closing_days": CLOSING_DAYS,
    }


async def get_template(request: web.Request) -> web.Response:
    """A request, follow-up or escalation letter filled in from the case and its log."""
    from ..policies import TEMPLATE_KINDS, UnknownTemplateError, render_template

    kind = request.match_info["kind"]
    fmt = query_choice(request, "format", ("text", "markdown"), "text")
    service = request.app[CASE_SERVICE]
    case = service.get(request.match_info["case_id"])
    try:
        text = render_template(
            kind, service.stored(case["id"]), case, fmt, signer=service.settings().get("name")
        )
    except UnknownTemplateError:
        raise NotFound(
            f"No letter of kind {kind!r}; kinds: {', '.join(TEMPLATE_KINDS)}.", code="template_not_found"
        ) from None
    return json_response({"kind": kind, "format": fmt, "text": text})


async def get_dossier_markdown(request: web.Request) -> web.Response:
    """Everything about one case as Markdown: what a user attaches to a chargeback."""
    from ..policies import dossier_markdown

    service = request.app[CASE_SERVICE]
    case = service.get(request.match_info["case_id"])
    response = web.Response(
        text=dossier_markdown(service.stored(case["id"]), case), content_type="text/markdown", charset="utf-8"
    )
    response.headers["Content-Disposition"] = f'attachment; filename="refund-dossier-{case["id"]}.md"'
    return response


async def get_dossier_json(request: web.Request) -> web.Response:
    """Everything about one case as JSON."""
    from ..policies import dossier_json

    service = request.app[CASE_SERVICE]
    case = service.get(request.match_info["case_id"])
    return json_response(dossier_json(service.stored(case["id"]), case))
