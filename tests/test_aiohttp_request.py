"""The broadcasts' aiohttp request object raises what python-telegram-bot's httpx one raises.

Each fault is caused for real on 127.0.0.1 (a late or cut-short answer from the fake Bot API, a
port nobody listens on, a server that never accepts) and sent through both request objects; the
error's class and its verdict (delivery/outcomes.py) must be the expected ones for both.
"""

import asyncio
import socket
import ssl
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager, contextmanager

import aiohttp
import pytest
from bot_harness import TOKEN
from fake_api_wire import TRUNCATED
from fake_bot_api import FakeBotApi
from telegram.error import BadRequest, InvalidToken, NetworkError, RetryAfter, TimedOut
from telegram.request import BaseRequest, HTTPXRequest

from delivery.aiohttp_request import AiohttpRequest, shared_ssl_context
from delivery.outcomes import Verdict, classify
from delivery.sending import SENDER_POOL, Sender

REQUESTS = {"httpx": HTTPXRequest, "aiohttp": AiohttpRequest}


@asynccontextmanager
async def sender_to(url: str, kind: str, pool: int = SENDER_POOL) -> AsyncIterator[Sender]:
    request: BaseRequest = REQUESTS[kind](connection_pool_size=pool)
    await request.initialize()
    try:
        yield Sender(url, request)
    finally:
        await request.shutdown()


def api_url(api: FakeBotApi) -> str:
    return f"{api.base_url}{TOKEN}/sendMessage"


async def outcome_of(sender: Sender, timeout: float = 5.0) -> tuple[BaseException, Verdict]:
    with pytest.raises(Exception) as caught:
        await sender.send(7, "<b>hello</b>", paid=False, timeout=timeout)
    return caught.value, classify(caught.value).verdict


@contextmanager
def listener(backlog_full: bool) -> Iterator[str]:
    """A sendMessage URL on a free port: nobody listening (refused), or a server whose accept
    queue is full, so a new connection is never established (a connect timeout)."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    port = server.getsockname()[1]
    waiting: list[socket.socket] = []
    if backlog_full:
        server.listen(0)
        for _ in range(3):  # fills the queue; these connections are never accepted
            client = socket.socket()
            client.setblocking(False)
            client.connect_ex(("127.0.0.1", port))
            waiting.append(client)
    else:
        server.close()
    try:
        yield f"http://127.0.0.1:{port}/bot{TOKEN}/sendMessage"
    finally:
        for client in waiting:
            client.close()
        server.close()


@pytest.mark.parametrize("kind", REQUESTS)
async def test_a_sent_message_returns_and_its_form_arrives(api: FakeBotApi, kind: str) -> None:
    async with sender_to(api_url(api), kind) as sender:
        await sender.send(7, "<b>a &amp; b</b>", paid=True, timeout=5.0)
    (call,) = api.delivered()
    assert call.params["text"] == "<b>a &amp; b</b>" and call.params["parse_mode"] == "HTML"
    assert str(call.chat_id) == "7" and call.params["allow_paid_broadcast"] is True


@pytest.mark.parametrize("kind", REQUESTS)
async def test_a_late_answer_times_out_in_doubt(api: FakeBotApi, kind: str) -> None:
    api.fail("sendMessage", delay=3.0)
    async with sender_to(api_url(api), kind) as sender:
        error, verdict = await outcome_of(sender, timeout=0.3)
    assert isinstance(error, TimedOut) and "Pool timeout" not in error.message
    assert verdict is Verdict.UNKNOWN
    assert len(api.calls) == 1  # it did arrive: that is why it is in doubt


@pytest.mark.parametrize("kind", REQUESTS)
async def test_a_body_cut_short_is_a_network_error_in_doubt(api: FakeBotApi, kind: str) -> None:
    api.fail("sendMessage", garble=TRUNCATED)
    async with sender_to(api_url(api), kind) as sender:
        error, verdict = await outcome_of(sender)
    assert type(error) is NetworkError and error.__cause__ is not None
    assert verdict is Verdict.UNKNOWN


@pytest.mark.parametrize("kind", REQUESTS)
async def test_a_refused_connection_never_left(kind: str) -> None:
    with listener(backlog_full=False) as url:
        async with sender_to(url, kind) as sender:
            error, verdict = await outcome_of(sender)
    assert type(error) is NetworkError and verdict is Verdict.NOT_SENT


@pytest.mark.parametrize("kind", REQUESTS)
async def test_a_connect_timeout_never_left(kind: str) -> None:
    with listener(backlog_full=True) as url:
        async with sender_to(url, kind) as sender:
            error, verdict = await outcome_of(sender, timeout=0.3)
    assert isinstance(error, TimedOut) and verdict is Verdict.NOT_SENT


@pytest.mark.parametrize("kind", REQUESTS)
async def test_no_free_connection_is_a_pool_timeout_never_sent(api: FakeBotApi, kind: str) -> None:
    api.fail("sendMessage", delay=1.0)
    async with sender_to(api_url(api), kind, pool=1) as sender:
        first = asyncio.create_task(sender.send(1, "first", paid=False, timeout=3.0))
        await asyncio.sleep(0.2)  # the only connection is busy with the late answer
        error, verdict = await outcome_of(sender, timeout=0.2)
        await first
    assert isinstance(error, TimedOut) and "Pool timeout" in error.message
    assert verdict is Verdict.NOT_SENT
    assert [int(call.chat_id) for call in api.calls] == [1]  # the second never arrived


ANSWERS = [
    ({"error_code": 500}, NetworkError, Verdict.NOT_SENT),
    ({"retry_after": 3}, RetryAfter, Verdict.THROTTLED),
    ({"error_code": 401}, InvalidToken, Verdict.UNAUTHORIZED),
    ({"error_code": 400, "description": "Bad Request: chat not found"}, BadRequest, Verdict.GONE),
    ({"garble": "not_json"}, Exception, Verdict.UNKNOWN),
    ({"garble": "no_result"}, Exception, Verdict.UNKNOWN),
]


@pytest.mark.parametrize("kind", REQUESTS)
@pytest.mark.parametrize(("fault", "error_class", "expected"), ANSWERS)
async def test_error_answers_map_to_the_same_errors(
    api: FakeBotApi, kind: str, fault: dict[str, object], error_class: type, expected: Verdict
) -> None:
    api.fail("sendMessage", **fault)
    async with sender_to(api_url(api), kind) as sender:
        error, verdict = await outcome_of(sender)
    assert isinstance(error, error_class) and verdict is expected
    assert not isinstance(error, NetworkError) or error.__cause__ is None or "garble" in fault


async def test_closed_it_refuses_and_opened_again_it_sends(api: FakeBotApi) -> None:
    request = AiohttpRequest()
    assert request.read_timeout == 5.0
    await request.initialize()
    await request.shutdown()
    with pytest.raises(NetworkError, match="not initialized"):  # as HTTPXRequest
        await Sender(api_url(api), request).send(1, "x", paid=False, timeout=1.0)
    async with request:  # initialize, then shutdown
        await Sender(api_url(api), request).send(2, "y", paid=False, timeout=1.0)
    assert [int(call.chat_id) for call in api.delivered()] == [2]


async def test_the_causes_say_which_library_failed(api: FakeBotApi) -> None:
    api.fail("sendMessage", garble=TRUNCATED)
    async with sender_to(api_url(api), "aiohttp") as sender:
        truncated, _ = await outcome_of(sender)
    with listener(backlog_full=False) as url:
        async with sender_to(url, "aiohttp") as sender:
            refused, _ = await outcome_of(sender)
    assert isinstance(truncated.__cause__, aiohttp.ClientPayloadError)
    assert isinstance(refused.__cause__, aiohttp.ClientConnectorError)
    assert str(refused).startswith("aiohttp.ClientConnectorError")


@pytest.mark.parametrize("kind", REQUESTS)
async def test_a_proxy_named_in_the_environment_is_used(
    api: FakeBotApi, kind: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """As httpx does: the fake Bot API stands in as the proxy of a host that does not exist."""
    for name in ("NO_PROXY", "no_proxy", "ALL_PROXY", "all_proxy", "http_proxy"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("HTTP_PROXY", api.base_url.removesuffix("/bot"))
    async with sender_to(f"http://telegram.invalid/bot{TOKEN}/sendMessage", kind) as sender:
        await sender.send(9, "via the proxy", paid=False, timeout=5.0)
    assert [int(call.chat_id) for call in api.delivered()] == [9]


async def test_every_broadcast_pool_shares_one_tls_context(api: FakeBotApi) -> None:
    """The CA bundle is loaded once, not once per pool (32 with paid broadcasts)."""
    requests = [AiohttpRequest() for _ in range(3)]
    for request in requests:
        await request.initialize()
    try:
        contexts = {id(r._session.connector._ssl) for r in requests}
    finally:
        for request in requests:
            await request.shutdown()
    assert contexts == {id(shared_ssl_context())}
    assert shared_ssl_context().verify_mode is ssl.CERT_REQUIRED
    assert shared_ssl_context().check_hostname
