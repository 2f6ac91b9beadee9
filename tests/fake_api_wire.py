"""The fake Bot API's wire format: decoding PTB's requests, error answers, garbled answers."""

from __future__ import annotations

import json
from typing import Any

from aiohttp import web

Params = dict[str, Any]
# Free-text parameters that stay strings even when they look like JSON ("42", "true").
TEXT_PARAMS = frozenset(
    {"text", "caption", "query", "data", "description", "short_description", "title"}
    | {"callback_query_id", "inline_query_id", "inline_message_id", "next_offset"}
    | {"switch_pm_text", "switch_pm_parameter", "parse_mode", "action", "emoji"}
)
DEFAULT_DESCRIPTIONS = {
    400: "Bad Request",
    401: "Unauthorized",
    403: "Forbidden: bot was blocked by the user",
    429: "Too Many Requests: retry after 1",
    500: "Internal Server Error",
}
# Answers a real server (or a proxy in front of it) can give after doing the work.
GARBLED = {
    "not_json": (200, b"<html><body>502 Bad Gateway</body></html>"),
    "cut_json": (200, b'{"ok": true, "result": {"message_id": 4'),
    "no_result": (200, b'{"ok": true}'),
    "not_ok": (200, b'{"ok": false, "description": "Internal error"}'),
}
TRUNCATED = "truncated"  # a Content-Length the body never reaches: the connection drops


class ApiError(Exception):
    def __init__(self, code: int, description: str, parameters: dict[str, Any] | None = None):
        super().__init__(description)
        self.code, self.description, self.parameters = code, description, parameters or {}

    def response(self) -> web.Response:
        body: dict[str, Any] = {"ok": False, "error_code": self.code}
        body["description"] = self.description
        if self.parameters:
            body["parameters"] = self.parameters
        return web.json_response(body, status=self.code)


def _decode(key: str, value: Any) -> Any:
    if not isinstance(value, str) or key in TEXT_PARAMS:
        return value
    try:
        return json.loads(value)
    except ValueError:
        return value


async def read_params(request: web.Request) -> tuple[Params, dict[str, bytes]]:
    raw: Params = dict(request.query)
    files: dict[str, bytes] = {}
    if request.content_type == "application/json" and request.can_read_body:
        raw.update(await request.json() or {})
    elif request.content_type in ("multipart/form-data", "application/x-www-form-urlencoded"):
        for key, value in (await request.post()).items():
            if isinstance(value, web.FileField):
                files[key] = value.file.read()
            elif isinstance(value, bytes | bytearray):
                files[key] = bytes(value)
            else:
                raw[key] = value
    return {key: _decode(key, value) for key, value in raw.items()} | files, files


async def garbled(request: web.Request, kind: str) -> web.StreamResponse:
    """A garbled answer of `kind` (GARBLED, or TRUNCATED: half a body, then a closed socket)."""
    if kind != TRUNCATED:
        status, body = GARBLED[kind]
        return web.Response(status=status, body=body, content_type="application/json")
    response = web.StreamResponse(status=200, headers={"Content-Type": "application/json"})
    response.content_length = 400
    await response.prepare(request)
    await response.write(b'{"ok": true, "result": {"message_id"')
    if request.transport is not None:
        request.transport.close()
    return response
