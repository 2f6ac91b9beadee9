"""The findings site: datasette over the findings database, read-only, public views only."""

import asyncio
import json
import logging
import os
from concurrent.futures import ThreadPoolExecutor
from importlib import resources
from pathlib import Path
from typing import Any

from datasette.app import Datasette
from datasette.database import Database
from datasette.plugins import pm

from knowledge.export import SITE_DATABASE
from knowledge.public_views import PublicViewsError, ensure_public_views
from web import plugins
from web.plugins import PLUGIN_NAME

logger = logging.getLogger(__name__)
DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8001
RELOAD_CHECK_SECONDS = 10.0  # how often the site looks for a rebuilt database file
# Everything the site may not do, whatever a request asks.
SETTINGS = {
    "allow_download": False,  # the file holds findings under embargo
    "default_allow_sql": False,  # no free-form SQL, no ?_where=
    "allow_csv_stream": True,  # "CSV: all rows" of a view
    "default_facet_size": 50,  # all 43 forces in the force facet
}


def load_metadata() -> dict[str, Any]:
    """web/metadata.json: titles, descriptions, licence, sources, facets and canned queries."""
    text = resources.files("web").joinpath("metadata.json").read_text(encoding="utf-8")
    return dict(json.loads(text))


def register_plugin() -> None:
    """Register web.plugins with datasette once (its entry point does it for `datasette`)."""
    if not pm.is_registered(plugins) and pm.get_plugin(PLUGIN_NAME) is None:
        pm.register(plugins, name=PLUGIN_NAME)


def build_site(db_path: Path, base_url: str = "/") -> Datasette:
    """A Datasette for the findings database at `db_path`, its public views made current.

    The file is opened read-only (SQLite mode=ro). `load`, `ingest` and
    `reschedule-announcement` never change it in place: they rename a new file over it, which
    connections opened afterwards read.
    `base_url` is the path the site is served under behind a reverse proxy ("/data/"); the
    proxy passes the path unchanged. Raises PublicViewsError when there is no database or its
    views cannot be made current.
    """
    ensure_public_views(db_path)
    register_plugin()
    path_prefix = "/" + base_url.strip("/") + "/" if base_url.strip("/") else "/"
    settings = {**SETTINGS, "base_url": path_prefix}
    site = Datasette(metadata=load_metadata(), settings=settings, cors=False)
    site.remove_database("_memory")  # added when no file is given; nothing to show
    site.add_database(_open(site, db_path), name=SITE_DATABASE)
    return site


def _open(site: Datasette, path: Path) -> Database:
    database = Database(site, path=str(path), is_mutable=True)
    database.file_identity = _identity(path)
    return database


def _identity(path: Path) -> tuple[int, int] | None:
    try:
        stat = os.stat(path)
    except FileNotFoundError:
        return None
    return stat.st_dev, stat.st_ino


def reopen_if_replaced(site: Datasette) -> bool:
    """Open the database file again when `findings-bot load` has replaced it; True if it did.

    `load` renames a new file over the old one, and open connections keep reading the old
    file; `ingest` writes in place, which the read-only connections see at once.
    """
    current = site.databases[SITE_DATABASE]
    path = Path(current.path)
    identity = _identity(path)
    if identity is None or identity == current.file_identity:
        return False
    try:
        ensure_public_views(path)
    except PublicViewsError as error:
        logger.warning("not switching to the new findings database: %s", error)
        return False
    replacement = _open(site, path)
    replacement.name = replacement.route = SITE_DATABASE
    # Datasette keeps one connection per database name in each of its SQL threads, so new
    # threads are what make new connections; the old ones finish their queries and end.
    old_threads = site.executor
    if old_threads is not None:
        site.executor = ThreadPoolExecutor(max_workers=site.setting("num_sql_threads"))
    site.databases = {**site.databases, SITE_DATABASE: replacement}
    if old_threads is not None:
        old_threads.shutdown(wait=False)
    logger.info("opened the rebuilt findings database %s", path)
    return True


async def watch_database(site: Datasette, every: float = RELOAD_CHECK_SECONDS) -> None:
    """Check for a rebuilt database file every `every` seconds, until cancelled."""
    while True:
        await asyncio.sleep(every)
        await asyncio.to_thread(reopen_if_replaced, site)


def serve(site: Datasette, host: str = DEFAULT_HOST, port: int = DEFAULT_PORT) -> None:
    """Serve the site until stopped (uvicorn, as `datasette serve` does)."""
    import uvicorn

    logging.basicConfig(format="%(levelname)s:     %(name)s: %(message)s", level=logging.INFO)
    config = uvicorn.Config(site.app(), host=host, port=port, log_level="info", lifespan="on")

    async def run() -> None:
        watcher = asyncio.create_task(watch_database(site))
        try:
            await uvicorn.Server(config).serve()
        finally:
            watcher.cancel()

    asyncio.run(run())
