"""The findings site, through datasette's own test client (no network): its pages and JSON,
metadata, canned queries, and that findings under embargo and the raw tables stay out of reach."""

import json
import shutil
import sqlite3
from pathlib import Path
from typing import Any

import pytest
from datasette.app import Datasette

from knowledge import Knowledge
from knowledge.embargo import add_column as add_embargo_column
from knowledge.figure_choice import latest_per_figure
from knowledge.public_views import PUBLIC_VIEWS, PublicViewsError, ensure_public_views
from knowledge.store import Store
from knowledge.vocabulary import NATIONAL
from web.site import build_site, load_metadata, reopen_if_replaced

HERTS = "Hertfordshire Constabulary"
FUTURE, PAST = "2999-01-01T00:00:00Z", "2020-01-01T00:00:00Z"


@pytest.fixture
def site(db_path: Path) -> Datasette:
    return build_site(db_path)


@pytest.fixture
def embargoed(db_path: Path, tmp_path: Path) -> dict[str, Any]:
    """A copy of the database with an embargo column: one inspection of Hertfordshire under
    embargo until 2999, one finding whose embargo has passed, and one with an unreadable time."""
    path = tmp_path / "findings.db"
    shutil.copy(db_path, path)
    conn = sqlite3.connect(path)
    with conn:
        add_embargo_column(conn)  # a database built before embargoes has none
        for view in reversed(PUBLIC_VIEWS):  # views from before the column: to be rewritten
            conn.execute(f"drop view {view}")
        (inspection,) = conn.execute(
            "select id from inspections where force = ? and title = ?",
            (HERTS, "Crime Data Integrity inspection 2017"),
        ).fetchone()
        hidden = [r for (r,) in conn.execute(_IDS_OF_INSPECTION, (inspection,))]
        conn.execute(
            "update findings set embargo_until = ? where inspection_id = ?", (FUTURE, inspection)
        )
        conn.execute("update findings set embargo_until = ? where id = 1", (PAST,))
        conn.execute(
            "update findings set embargo_until = '2020-06-01T09:00:00+00:00' where id = 2"
        )
        conn.execute("update findings set embargo_until = 'next week' where id = 3")
    conn.close()
    return {"path": path, "inspection": inspection, "hidden": [*hidden, 3], "shown": [1, 2]}


_IDS_OF_INSPECTION = "select id from findings where inspection_id = ?"


async def get_json(site: Datasette, path: str) -> Any:
    response = await site.client.get(path)
    assert response.status_code == 200, (path, response.status_code, response.text[:300])
    return response.json()


async def view_ids(site: Datasette, query: str = "") -> set[int]:
    rows = await get_json(site, f"/findings/public_findings.json?_shape=array&_size=max{query}")
    return {row["id"] for row in rows}


async def test_a_forces_rows_as_json_are_exactly_its_findings(
    site: Datasette, store: Store
) -> None:
    rows = await get_json(
        site, "/findings/public_findings.json?_shape=array&_size=max&force=Kent+Police"
    )
    assert rows and {row["force"] for row in rows} == {"Kent Police"}
    assert {row["id"] for row in rows} == {f.row_id for f in store.facts_for("Kent Police")}
    first = next(row for row in rows if row["measure"] == "recording_rate")
    fact = next(f for f in store.facts_for("Kent Police") if f.row_id == first["id"])
    assert (first["value"], first["inspection"], first["source_url"]) == (
        fact.value,
        fact.inspection,
        fact.source_url,
    )


async def test_a_forces_page_has_facets_descriptions_and_source_links(site: Datasette) -> None:
    response = await site.client.get(f"/findings/public_findings?force={HERTS}")
    page = response.text
    assert response.status_code == 200
    for facet in ("force", "inspection_year", "offence", "measure", "source_kind"):
        assert f'data-column="{facet}"' in page
    assert "sexual offences means other than rape" in page  # a column note
    assert (
        '<a href="https://www.hemeltoday.co.uk/news/people/hertfordshire-police-wrongly-'
        "cancelled-reports-sexual-and-violent-offences-3013497" in page
    )
    assert ">hemeltoday.co.uk</a>" in page
    assert "Open Government Licence" in page


async def test_the_forces_table_links_each_force_to_its_findings(site: Datasette) -> None:
    page = (await site.client.get("/findings/public_forces")).text
    assert '<a href="/findings/public_findings?force=Kent+Police">Kent Police</a>' in page
    rows = await get_json(site, "/findings/public_forces.json?_shape=array&_size=max")
    assert len(rows) == 43 and NATIONAL not in {row["force"] for row in rows}


async def test_metadata_describes_every_column_of_every_public_view(site: Datasette) -> None:
    metadata = await get_json(site, "/-/metadata.json")
    assert "HMICFRS" in metadata["source"] and metadata["license_url"].startswith("https://")
    tables = metadata["databases"]["findings"]["tables"]
    for view in PUBLIC_VIEWS:
        columns = (await get_json(site, f"/findings/{view}.json?_size=1"))["columns"]
        described = tables[view]["columns"]
        assert set(columns) == set(described), view
        assert all(len(text) > 10 for text in described.values())
        assert tables[view]["title"] and tables[view]["description"]


def test_metadata_file_names_only_what_exists(db_path: Path) -> None:
    metadata = load_metadata()
    database = metadata["databases"]["findings"]
    conn = sqlite3.connect(db_path)
    names = {name for (name,) in conn.execute("select name from sqlite_master")}
    for name, table in database["tables"].items():
        assert name in names, name
        columns = {row[1] for row in conn.execute(f"pragma table_info({name})")}
        assert set(table.get("facets", [])) <= columns, name
    conn.close()
    assert database["allow_sql"] is False
    assert all(database["tables"][t]["allow"] is False for t in ("findings", "inspections"))


async def test_latest_recording_rates_match_the_bots_choice(
    site: Datasette, knowledge: Knowledge
) -> None:
    rows = await get_json(site, "/findings/latest_recording_rates.json?_shape=array")
    by_force: dict[str, list[int]] = {}
    for row in rows:
        by_force.setdefault(row["force"], []).append(row["id"])
    assert len(by_force) == 43
    for force, ids in by_force.items():
        rates = [
            f
            for f in knowledge.store.facts_for(force)
            if (f.offence, f.measure) == ("all", "recording_rate")
        ]
        assert ids == [f.row_id for f in latest_per_figure(rates)], force


async def test_wrongly_cancelled_takes_the_offence_as_a_parameter(
    site: Datasette, store: Store
) -> None:
    rows = await get_json(site, "/findings/wrongly_cancelled.json?_shape=array&offence=Robbery+")
    expected = {
        f.row_id
        for f in store.facts
        if f.offence == "robbery"
        and f.measure in ("cancelled_incorrect", "cancelled_incorrect_pct")
        and f.force != NATIONAL
    }
    assert {row["id"] for row in rows} == expected and len(expected) > 5
    herts = next(row for row in rows if row["force"] == HERTS)
    assert (herts["wrongly_cancelled"], herts["records_reviewed"]) == (2, 20)
    form = (await site.client.get("/findings/wrongly_cancelled")).text
    assert 'name="offence"' in form


async def test_national_figures_are_the_england_and_wales_rows(
    site: Datasette, store: Store
) -> None:
    rows = await get_json(site, "/findings/national_figures.json?_shape=array")
    assert {row["id"] for row in rows} == {f.row_id for f in store.facts_for(NATIONAL)}
    assert "94.8" in {row["value"] for row in rows}


@pytest.mark.parametrize(
    "path",
    [
        "/findings/findings",
        "/findings/findings.json",
        "/findings/findings/1.json",
        "/findings/FINDINGS.json",
        "/findings/inspections.json",
        "/findings/forces/Kent~20Police",
        "/findings/aliases.json",
        "/findings.json?sql=select+*+from+findings",
        "/findings?sql=select+1",
        "/findings/public_findings.json?_where=id+in+(select+id+from+findings)",
        "/findings.db",
        "/_memory.json?sql=select+1",
    ],
)
async def test_raw_tables_sql_and_downloads_are_denied(site: Datasette, path: str) -> None:
    response = await site.client.get(path)
    assert response.status_code in (403, 404), (path, response.status_code)
    assert "Hertfordshire" not in response.text


async def test_the_database_page_lists_only_the_public_views_and_meta(site: Datasette) -> None:
    listing = await get_json(site, "/findings.json")
    assert [t["name"] for t in listing["tables"]] == ["meta"]
    assert {v["name"] for v in listing["views"]} == set(PUBLIC_VIEWS)
    index = (await site.client.get("/")).text
    assert "505 rows" not in index and "findings" in index


async def test_embargoed_findings_never_appear(embargoed: dict[str, Any]) -> None:
    assert ensure_public_views(embargoed["path"]) is True  # the column appeared: rewritten
    site = build_site(embargoed["path"])
    ids = await view_ids(site)
    assert not ids & set(embargoed["hidden"]) and set(embargoed["shown"]) <= ids
    herts = await view_ids(site, f"&force={HERTS}")
    assert herts and not herts & set(embargoed["hidden"])
    for query in ("wrongly_cancelled.json?offence=robbery&", "latest_recording_rates.json?"):
        rows = await get_json(site, f"/findings/{query}_shape=array")
        assert not {row["id"] for row in rows} & set(embargoed["hidden"])
    inspections = await get_json(site, "/findings/public_inspections.json?_shape=array&_size=max")
    assert embargoed["inspection"] not in {row["id"] for row in inspections}
    forces = await get_json(site, f"/findings/public_forces.json?_shape=array&force={HERTS}")
    assert forces[0]["findings"] == len(herts)
    page = (await site.client.get(f"/findings/public_findings?force={HERTS}")).text
    assert "hemeltoday" not in page  # the embargoed inspection's news source


def test_public_views_are_rewritten_only_when_needed(embargoed: dict[str, Any]) -> None:
    path = embargoed["path"]
    assert ensure_public_views(path) is True
    assert ensure_public_views(path) is False
    conn = sqlite3.connect(path)
    (sql,) = conn.execute(
        "select sql from sqlite_master where name = 'public_findings'"
    ).fetchone()
    conn.close()
    assert "julianday(f.embargo_until) <= julianday('now')" in sql


def test_the_site_needs_a_database(tmp_path: Path) -> None:
    with pytest.raises(PublicViewsError, match="findings-bot load"):
        build_site(tmp_path / "missing.db")


def test_the_metadata_file_is_valid_json_with_a_title() -> None:
    text = (Path(__file__).parent.parent / "web" / "metadata.json").read_text(encoding="utf-8")
    assert json.loads(text)["title"]


async def test_the_plugin_alone_denies_every_table_but_the_views(db_path: Path) -> None:
    """Without the metadata's allow blocks and settings, the plugin still keeps tables (including
    any a later version adds), free-form SQL and downloads out of reach."""
    site = build_site(db_path)
    bare = Datasette(metadata={"plugins": load_metadata()["plugins"]})
    bare.add_database(site.databases["findings"], name="findings")
    for path in (
        "/findings/findings.json",
        "/findings/forces.json",
        "/findings.json?sql=select+1",
    ):
        assert (await bare.client.get(path)).status_code == 403, path
    assert (await bare.client.get("/findings/public_findings.json")).status_code == 200


async def test_a_rebuilt_database_is_opened_again(
    embargoed: dict[str, Any], tmp_path: Path
) -> None:
    """`load` renames a new file over the old one; the site switches to it, views and all."""
    path = embargoed["path"]
    ensure_public_views(path)
    site = build_site(path)
    assert reopen_if_replaced(site) is False
    before = await view_ids(site)
    rebuilt = tmp_path / "rebuilt.db"
    shutil.copy(path, rebuilt)
    conn = sqlite3.connect(rebuilt)
    with conn:
        conn.execute("update findings set embargo_until = null")  # the embargo has lifted
    conn.close()
    rebuilt.replace(path)
    assert reopen_if_replaced(site) is True
    after = await view_ids(site)
    assert after == before | set(embargoed["hidden"])
    assert reopen_if_replaced(site) is False


async def test_the_site_can_live_under_a_path_behind_a_proxy(db_path: Path) -> None:
    site = build_site(db_path, base_url="data")
    response = await site.client.get("/findings/public_forces")  # the client adds /data/
    assert response.status_code == 200
    assert 'href="/data/findings/public_findings?force=Kent+Police"' in response.text
