"""The findings site: datasette over the findings database, read-only, public views only."""

import json
from importlib import resources
from pathlib import Path
from typing import Any

from datasette.app import Datasette
from datasette.database import Database
from datasette.plugins import pm

from knowledge.export import SITE_DATABASE
from knowledge.public_views import ensure_public_views
from web import plugins
from web.plugins import PLUGIN_NAME

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8001
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


def build_site(db_path: Path) -> Datasette:
    """A Datasette for the findings database at `db_path`, its public views made current.

    The file is opened read-only (SQLite mode=ro) rather than as immutable, because
    `findings-bot ingest` adds rows to it in place and immutable files must never change.
    Raises PublicViewsError when there is no database or its views cannot be made current.
    """
    ensure_public_views(db_path)
    register_plugin()
    site = Datasette(metadata=load_metadata(), settings=SETTINGS, cors=False)
    site.remove_database("_memory")  # added when no file is given; nothing to show
    site.add_database(
        Database(site, path=str(db_path), is_mutable=True), name=SITE_DATABASE, route=None
    )
    return site


def serve(site: Datasette, host: str = DEFAULT_HOST, port: int = DEFAULT_PORT) -> None:
    """Serve the site until stopped (uvicorn, as `datasette serve` does)."""
    import uvicorn

    uvicorn.run(site.app(), host=host, port=port, log_level="info", lifespan="on")
