"""The user's settings (country for holidays, region for statutory rights, locale)."""

from __future__ import annotations

from aiohttp import web

from ..domain.inputs import SettingsPatch
from ..keys import CASE_SERVICE
from .io import json_response, read_json


async def get_settings(request: web.Request) -> web.Response:
    return json_response({"settings": request.app[CASE_SERVICE].settings()})


async def patch_settings(request: web.Request) -> web.Response:
    patch = await read_json(request, SettingsPatch)
    return json_response({"settings": await request.app[CASE_SERVICE].update_settings(patch)})
