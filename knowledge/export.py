"""The rows behind an answer: as CSV for a data desk, and as a link to them on the findings site.

The site (`findings-bot web`, the `web` package) serves the findings database with datasette.
Its `public_findings` view holds every finding that is not under embargo, with the findings
table's `id`, so a link can name exactly the rows an answer was built from.
"""

import csv
import io
import json
import re
from collections.abc import Iterable
from urllib.parse import urlencode

from knowledge.answers import Answer
from knowledge.facts import Fact
from knowledge.loader import FINDINGS_COLUMNS
from knowledge.public_views import PUBLIC_FINDINGS

SITE_DATABASE = "findings"  # the database's name on the site (its URL path)
CSV_COLUMNS = (*FINDINGS_COLUMNS, "id")  # findings.csv's columns, then the row's id on the site
TOKEN_VERSION_CHARS = 4  # of the data version, in a CSV button's rows token


def rows_behind(answer: Answer) -> tuple[Fact, ...]:
    """The findings an answer states, in the order it states them, each once (a share's count
    of the same finding, said beside it, right after it)."""
    seen: set[int | None] = set()
    rows = []
    stated = (row for fact in answer.facts for row in (fact, fact.count_beside) if row)
    for fact in stated:
        key = fact.row_id if fact.row_id is not None else id(fact)
        if key not in seen:
            seen.add(key)
            rows.append(fact)
    return tuple(rows)


def rows_csv(facts: Iterable[Fact]) -> str:
    """The rows as CSV with findings.csv's header (and `id`): figures exactly as stored."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for fact in facts:
        writer.writerow(_cell(getattr(fact, column)) for column in _FACT_FIELDS)
    return out.getvalue()


_FACT_FIELDS = (*FINDINGS_COLUMNS, "row_id")


def _cell(value: object) -> str:
    return "" if value is None else str(value)


def data_url(site_url: str | None, facts: Iterable[Fact]) -> str | None:
    """A link to exactly these rows on the findings site; None without a site or row ids.

    The ids pick the rows. The force, offence and measure filters make a link that outlived
    a rebuild of the database (which can renumber rows) show fewer rows, never other figures.
    """
    rows = [fact for fact in facts if fact.row_id is not None]
    if not site_url or not rows:
        return None
    query = {
        "id__in": ",".join(str(fact.row_id) for fact in rows),
        "force__in": _json_list(fact.force for fact in rows),
        "offence__in": _json_list(fact.offence for fact in rows),
        "measure__in": _json_list(fact.measure for fact in rows),
    }
    return f"{site_url.rstrip('/')}/{SITE_DATABASE}/{PUBLIC_FINDINGS}?{urlencode(query)}"


def _json_list(values: Iterable[str]) -> str:
    return json.dumps(sorted(set(values)), ensure_ascii=False, separators=(",", ":"))


def rows_token(facts: Iterable[Fact], data_version: str) -> str:
    """A short text naming these rows in this version of the data: ``VERS:ID,ID,...``.

    The bot's CSV button carries it. Rebuilding the database can renumber rows, so a token
    from another data version is refused (`rows_for_token`), never read as other rows.
    """
    ids = ",".join(str(fact.row_id) for fact in facts if fact.row_id is not None)
    return f"{data_version[:TOKEN_VERSION_CHARS]}:{ids}"


def rows_for_token(facts: Iterable[Fact], data_version: str, token: str) -> tuple[Fact, ...]:
    """The rows a token names, from `facts` (the findings the bot may show), in its order.

    Empty when the token is from another data version, malformed, or names a row that is not
    among `facts` (say, one that is now under embargo): all the rows or none.
    """
    version, _, id_text = token.partition(":")
    if version != data_version[:TOKEN_VERSION_CHARS] or not id_text:
        return ()
    try:
        ids = [int(part) for part in id_text.split(",")]
    except ValueError:
        return ()
    by_id = {fact.row_id: fact for fact in facts if fact.row_id is not None}
    if not all(row_id in by_id for row_id in ids):
        return ()
    return tuple(by_id[row_id] for row_id in ids)


def rows_filename(facts: Iterable[Fact]) -> str:
    """A file name that says what the rows are, e.g. findings-kent-police-robbery.csv."""
    facts = list(facts)
    forces = sorted({fact.force for fact in facts})
    offences = sorted({fact.offence for fact in facts})
    parts = [forces[0] if len(forces) == 1 else f"{len(forces)} forces"]
    parts += offences if len(offences) <= 2 else []
    return _filename(" ".join(parts))


def _filename(text: str) -> str:
    slug = "-".join(re.findall(r"[a-z0-9]+", text.lower()))[:60].strip("-") or "rows"
    return f"findings-{slug}.csv"
