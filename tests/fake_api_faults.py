"""Fault rules for the fake Bot API: error answers, late answers, garbled answers."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from fake_api_wire import DEFAULT_DESCRIPTIONS

JSONDict = dict[str, Any]


@dataclass
class FaultRule:
    method: str
    chat_id: int | str | None
    times: int | None  # None: every matching call
    error_code: int | None  # None (with a delay or a garble): do the work, answer late/garbled
    description: str
    parameters: JSONDict
    delay: float | None
    garble: str | None = None  # fake_api_wire.GARBLED key or TRUNCATED

    def matches(self, method: str, chat_id: Any) -> bool:
        same_chat = self.chat_id is None or str(self.chat_id) == str(chat_id)
        return self.method == method and self.times != 0 and same_chat


def fault_rule(
    method: str,
    *,
    chat_id: int | str | None = None,
    times: int | None = 1,
    error_code: int | None = None,
    description: str | None = None,
    retry_after: int | None = None,
    migrate_to_chat_id: int | None = None,
    delay: float | None = None,
    garble: str | None = None,
) -> FaultRule:
    """The rule FakeBotApi.fail describes (see there)."""
    parameters: JSONDict = {}
    if retry_after is not None:
        parameters["retry_after"] = retry_after
        error_code = error_code or 429
        description = description or f"Too Many Requests: retry after {retry_after}"
    if migrate_to_chat_id is not None:
        parameters["migrate_to_chat_id"] = migrate_to_chat_id
        error_code = error_code or 400
        upgraded = "Bad Request: group chat was upgraded to a supergroup chat"
        description = description or upgraded
    if error_code is None and delay is None and garble is None:
        error_code = 500
    default = DEFAULT_DESCRIPTIONS.get(error_code or 0, f"Error {error_code}")
    return FaultRule(
        method, chat_id, times, error_code, description or default, parameters, delay, garble
    )
