"""python-telegram-bot's request interface (`BaseRequest`, its documented way to use another
HTTP library) on aiohttp, for broadcast sends: at the paid rate the sender is CPU-bound, and a
send through httpx and httpcore costs three times the CPU of one through aiohttp (README,
Benchmark). Replies keep the bot's own HTTPXRequest. `BaseRequest.post` still turns error
answers into python-telegram-bot's errors; faults are raised as HTTPXRequest raises them, with
aiohttp's exception as the cause (delivery/outcomes.py reads it: "never left" or "in doubt"):
no free connection within `pool_timeout` is TimedOut("Pool timeout: ..."); any timeout is
TimedOut; any other transport error (refused, reset, a body cut short) is NetworkError.

No write timeout (a form of a few hundred bytes goes to the socket buffer at once). As httpx,
it trusts certifi's CA bundle (or SSL_CERT_FILE), loaded once for all pools (~25 ms a load),
and uses a proxy the environment names.
"""

import asyncio
import functools
import ssl
import urllib.request
from urllib.parse import urlsplit

import aiohttp
import httpx
from telegram._utils.defaultvalue import DefaultValue  # internal: pinned with PTB's major
from telegram._utils.types import ODVInput
from telegram.error import NetworkError, TimedOut
from telegram.request import BaseRequest, RequestData

POOL_TIMEOUT = "Pool timeout: every connection of the pool is busy. Request was *not* sent."


@functools.cache
def shared_ssl_context() -> ssl.SSLContext:
    """What python-telegram-bot's httpx client trusts, made once for every session."""
    return httpx.create_ssl_context()


def environment_proxy(url: str) -> str | None:
    """The proxy the environment names for `url`, if any."""
    parts, proxies = urlsplit(url), urllib.request.getproxies()
    if urllib.request.proxy_bypass(parts.hostname or ""):
        return None
    return proxies.get(parts.scheme) or proxies.get("all")


@functools.lru_cache(maxsize=64)
def _timeout(connect: float | None, read: float | None) -> aiohttp.ClientTimeout:
    """aiohttp's timeouts for one request (cached: senders use one or two sets)."""
    return aiohttp.ClientTimeout(total=None, connect=None, sock_connect=connect, sock_read=read)


class AiohttpRequest(BaseRequest):
    """A `BaseRequest` with a pool of `connection_pool_size` keep-alive connections."""

    __slots__ = ("_defaults", "_free", "_pool_size", "_proxies", "_session")

    def __init__(
        self,
        connection_pool_size: int = 4,
        read_timeout: float | None = 5.0,
        write_timeout: float | None = 5.0,
        connect_timeout: float | None = 5.0,
        pool_timeout: float | None = 1.0,
    ) -> None:
        self._pool_size = connection_pool_size
        self._defaults = dict(
            read=read_timeout, write=write_timeout, connect=connect_timeout, pool=pool_timeout
        )
        self._free = asyncio.Semaphore(connection_pool_size)
        self._session: aiohttp.ClientSession | None = None
        self._proxies: dict[str, str | None] = {}  # by URL

    @property
    def read_timeout(self) -> float | None:
        """The default read timeout, in seconds (see BaseRequest.read_timeout)."""
        return self._defaults["read"]

    async def initialize(self) -> None:
        """Open the session and its connection pool (again, after a shutdown)."""
        if self._session is None or self._session.closed:
            connector = aiohttp.TCPConnector(
                limit=self._pool_size, limit_per_host=0, ssl=shared_ssl_context()
            )
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
        if url not in self._proxies:
            self._proxies[url] = environment_proxy(url)
        data, proxy = _body(request_data), self._proxies[url]
        await self._take_connection(self._given(pool_timeout, "pool"))
        try:
            sending = session.request(
                method, url, data=data, timeout=_timeout(connect, read), proxy=proxy
            )
            async with sending as response:
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
    if request_data is None or not request_data.contains_files:
        return request_data.json_parameters if request_data else None
    form = aiohttp.FormData(request_data.json_parameters)
    for name, (filename, content, mimetype) in request_data.multipart_data.items():
        form.add_field(name, content, filename=filename, content_type=mimetype)
    return form
