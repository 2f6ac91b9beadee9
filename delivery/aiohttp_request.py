"""python-telegram-bot's request interface (`BaseRequest`) on aiohttp, for broadcast sends.

python-telegram-bot sends through httpx by default (`HTTPXRequest`) and documents `BaseRequest`
as the way to use another HTTP library: `do_request` returns the status code and the body, and
`BaseRequest.post` still turns error answers into its errors (RetryAfter, Forbidden, BadRequest,
ChatMigrated, InvalidToken, NetworkError). Measured with bench/broadcast.py, a send through
httpx and httpcore costs three times the CPU of one through aiohttp (see README, Benchmark), and
at Telegram's paid rate the sender is CPU-bound, so broadcasts use this class; replies keep the
bot's own HTTPXRequest.

Faults are raised as HTTPXRequest raises them, with the library's exception as the cause (which
delivery/outcomes.py reads to tell "never left" from "in doubt"):

- no free connection within `pool_timeout`: TimedOut("Pool timeout: ...") (never sent);
- any timeout (connecting, or reading the answer): TimedOut, from aiohttp's timeout error
  (`ConnectionTimeoutError` when connecting: never sent);
- any other transport error (refused, reset, a body cut short): NetworkError("aiohttp.<Error>:
  ..."), from aiohttp's error (`ClientConnectorError` when connecting: never sent).

aiohttp has no write timeout: a form of a few hundred bytes is written to the socket buffer at
once, and the read timeout runs from then on. Every session verifies TLS with aiohttp's one
default SSL context, made once when aiohttp is imported, so 32 pools do not load the system's
CA bundle 32 times.
"""

import asyncio
import functools

import aiohttp
from telegram._utils.defaultvalue import DefaultValue  # internal: pinned with PTB's major
from telegram._utils.types import ODVInput
from telegram.error import NetworkError, TimedOut
from telegram.request import BaseRequest, RequestData

POOL_TIMEOUT = (
    "Pool timeout: All connections in the connection pool are occupied. "
    "Request was *not* sent to Telegram."
)


@functools.lru_cache(maxsize=64)
def _timeout(connect: float | None, read: float | None) -> aiohttp.ClientTimeout:
    """aiohttp's timeouts for one request (cached: senders use one or two sets)."""
    return aiohttp.ClientTimeout(total=None, connect=None, sock_connect=connect, sock_read=read)


class AiohttpRequest(BaseRequest):
    """A `BaseRequest` with a pool of `connection_pool_size` keep-alive connections."""

    __slots__ = ("_defaults", "_free", "_pool_size", "_session")

    def __init__(
        self,
        connection_pool_size: int = 4,
        read_timeout: float | None = 5.0,
        write_timeout: float | None = 5.0,
        connect_timeout: float | None = 5.0,
        pool_timeout: float | None = 1.0,
    ) -> None:
        self._pool_size = connection_pool_size
        self._defaults = {
            "read": read_timeout,
            "write": write_timeout,
            "connect": connect_timeout,
            "pool": pool_timeout,
        }
        self._free = asyncio.Semaphore(connection_pool_size)
        self._session: aiohttp.ClientSession | None = None

    @property
    def read_timeout(self) -> float | None:
        """The default read timeout, in seconds (see BaseRequest.read_timeout)."""
        return self._defaults["read"]

    async def initialize(self) -> None:
        """Open the session and its connection pool (again, after a shutdown)."""
        if self._session is None or self._session.closed:
            connector = aiohttp.TCPConnector(limit=self._pool_size, limit_per_host=0)
            self._session = aiohttp.ClientSession(
                connector=connector,
                headers={"User-Agent": self.USER_AGENT},
                timeout=_timeout(self._defaults["connect"], self._defaults["read"]),
            )

    async def shutdown(self) -> None:
        """Close the session and every connection of its pool."""
        if self._session is not None and not self._session.closed:
            await self._session.close()

    async def do_request(
        self,
        url: str,
        method: str,
        request_data: RequestData | None = None,
        read_timeout: ODVInput[float] = BaseRequest.DEFAULT_NONE,
        write_timeout: ODVInput[float] = BaseRequest.DEFAULT_NONE,
        connect_timeout: ODVInput[float] = BaseRequest.DEFAULT_NONE,
        pool_timeout: ODVInput[float] = BaseRequest.DEFAULT_NONE,
    ) -> tuple[int, bytes]:
        """Send one request; (status code, body). Raises TimedOut or NetworkError on faults."""
        session = self._session
        if session is None or session.closed:
            raise RuntimeError("This AiohttpRequest is not initialized!")
        read, connect = self._given(read_timeout, "read"), self._given(connect_timeout, "connect")
        await self._take_connection(self._given(pool_timeout, "pool"))
        try:
            async with session.request(
                method, url, data=_body(request_data), timeout=_timeout(connect, read)
            ) as response:
                return response.status, await response.read()
        except TimeoutError as error:  # aiohttp's timeout errors are TimeoutErrors too
            raise TimedOut from error
        except aiohttp.ClientError as error:
            raise NetworkError(f"aiohttp.{type(error).__name__}: {error}") from error
        finally:
            self._free.release()

    def _given(self, timeout: ODVInput[float], kind: str) -> float | None:
        """The timeout passed, or this object's default for `kind` if none was."""
        return self._defaults[kind] if isinstance(timeout, DefaultValue) else timeout

    async def _take_connection(self, pool_timeout: float | None) -> None:
        if not self._free.locked():
            await self._free.acquire()
            return
        try:
            async with asyncio.timeout(pool_timeout):
                await self._free.acquire()
        except TimeoutError:
            raise TimedOut(POOL_TIMEOUT) from None


def _body(request_data: RequestData | None) -> aiohttp.FormData | dict[str, str] | None:
    """A urlencoded form, or a multipart one when the request uploads files."""
    if request_data is None:
        return None
    if not request_data.contains_files:
        return request_data.json_parameters
    form = aiohttp.FormData(request_data.json_parameters)
    for name, (filename, content, mimetype) in request_data.multipart_data.items():
        form.add_field(name, content, filename=filename, content_type=mimetype)
    return form
