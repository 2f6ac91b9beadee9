"""Datasette hooks for the findings site (registered as the `findings_web` datasette plugin).

They act only on a site whose metadata configures the plugin (web/metadata.json does), so
other datasette instances in the same process are left alone.

- Only the public views (and `meta`) can be seen: every other table, free-form SQL, ``_where=``
  and downloading the database file are denied, so a finding under embargo cannot be reached.
- ``source_url`` cells read as the site's name and link to the page; a force in the Forces
  table links to that force's findings.
"""

from typing import Any
from urllib.parse import quote, urlencode, urlparse

from datasette import hookimpl
from markupsafe import Markup

from knowledge.export import SITE_DATABASE
from knowledge.public_views import PUBLIC_FINDINGS, PUBLIC_FORCES, PUBLIC_VIEWS

PLUGIN_NAME = "findings_web"
VISIBLE_TABLES = frozenset(name.lower() for name in (*PUBLIC_VIEWS, "meta"))
DENIED_ACTIONS = frozenset({"execute-sql", "view-database-download"})
# Each column's name and note on one line, so a table's rows start higher up the page.
COMPACT_NOTES_CSS = (
    "dl.column-descriptions{display:grid;grid-template-columns:max-content 1fr;"
    "gap:.15em 1em}dl.column-descriptions dt,dl.column-descriptions dd{margin:0}"
)


@hookimpl
def permission_allowed(datasette: Any, actor: Any, action: str, resource: Any) -> bool | None:
    """Deny every table but the public views and meta, SQL and downloads, for everyone."""
    if not _configured(datasette):
        return None
    if action in DENIED_ACTIONS:
        return False
    if action == "view-table" and resource is not None:
        database, table = resource
        if database == SITE_DATABASE and str(table).lower() not in VISIBLE_TABLES:
            return False
    return None


@hookimpl
def render_cell(
    value: Any, column: str, table: str | None, database: str, datasette: Any
) -> Markup | None:
    """Links for source URLs and for forces in the Forces table; None leaves the cell as it is."""
    if not _configured(datasette) or database != SITE_DATABASE or not isinstance(value, str):
        return None
    if column == "source_url" and value.startswith(("https://", "http://")):
        site = urlparse(value).netloc.removeprefix("www.") or value
        return Markup('<a href="{}" title="{}" rel="noopener noreferrer">{}</a>').format(
            value, value, site
        )
    if table == PUBLIC_FORCES and column == "force":
        path = datasette.urls.table(SITE_DATABASE, PUBLIC_FINDINGS)
        return Markup('<a href="{}?{}">{}</a>').format(path, urlencode({"force": value}), value)
    return None


@hookimpl
def extra_css_urls(datasette: Any) -> list[str]:
    """The compact column notes, inline (the site serves no files of its own)."""
    return [f"data:text/css,{quote(COMPACT_NOTES_CSS)}"] if _configured(datasette) else []


def _configured(datasette: Any) -> bool:
    return bool(datasette.plugin_config(PLUGIN_NAME))
