"""Read and validate the data files; one bad row rejects the whole file (`file:line: reason`)."""

import csv
import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from knowledge.facts import Fact
from knowledge.vocabulary import GRADES, MEASURE_KINDS, NATIONAL, OFFENCES, SOURCE_KINDS

DATA_DIR = Path(__file__).parent / "data"
FINDINGS_COLUMNS = (
    "force inspection inspection_year published offence measure value ci_plus_minus "
    "numerator denominator source_url source_kind quote"
).split()
FORCES_COLUMNS = ["force", "short_name", "country"]
ALIASES_COLUMNS = ["alias", "force", "kind", "needs_capital"]
ALIAS_KINDS = ("nickname", "place", "partial")
ELSEWHERE_COLUMNS = ["alias"]
_NUMBER = re.compile(r"^\d+(\.\d+)?$")


class DataFileError(ValueError):
    """A data file is malformed; carries the file and line of the first bad row."""

    def __init__(self, path: Path | str, line: int, reason: str) -> None:
        super().__init__(f"{path}:{line}: {reason}")
        self.path, self.line, self.reason = str(path), line, reason


@dataclass(frozen=True)
class FindingRow(Fact):
    """One validated row of findings.csv: a Fact and the line it was read from."""

    line: int = 0


def _rows(path: Path, columns: list[str]) -> Iterator[tuple[int, dict[str, str]]]:
    """Yield (first line number, row) of a CSV file whose header must be exactly `columns`.

    The file is read as a stream, one record at a time, so memory does not grow with it.
    """
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.reader(handle, strict=True)
        try:
            header = next(reader, None)
            if header != columns:
                raise DataFileError(path, 1, f"header must be {','.join(columns)}")
            line = reader.line_num + 1
            for record in reader:
                if record:
                    if len(record) != len(columns):
                        raise DataFileError(
                            path, line, f"expected {len(columns)} fields, found {len(record)}"
                        )
                    yield line, dict(zip(columns, (f.strip() for f in record), strict=True))
                line = reader.line_num + 1
        except csv.Error as error:
            raise DataFileError(path, reader.line_num, f"CSV error: {error}") from None
        except UnicodeDecodeError as error:
            line = reader.line_num + 1
            raise DataFileError(path, line, f"not UTF-8 text ({error.reason})") from None


def read_forces(path: Path) -> list[dict[str, str]]:
    """The forces file: canonical name, short name, country (England or Wales)."""
    forces: list[dict[str, str]] = []
    seen: set[str] = set()
    for line, row in _rows(path, FORCES_COLUMNS):
        if not row["force"] or not row["short_name"]:
            raise DataFileError(path, line, "force and short_name must not be empty")
        if row["force"] in seen:
            raise DataFileError(path, line, f"duplicate force {row['force']!r}")
        if row["country"] not in ("England", "Wales"):
            raise DataFileError(
                path, line, f"country must be England or Wales: {row['country']!r}"
            )
        seen.add(row["force"])
        forces.append(row)
    if not forces:
        raise DataFileError(path, 1, "no forces")
    return forces


def read_aliases(path: Path, force_names: set[str]) -> list[dict[str, str | int]]:
    """The alias table: nicknames, places and ambiguous partial names of each force."""
    aliases: list[dict[str, str | int]] = []
    seen: set[tuple[str, str]] = set()
    for line, row in _rows(path, ALIASES_COLUMNS):
        alias = " ".join(row["alias"].lower().split())
        if not alias:
            raise DataFileError(path, line, "alias must not be empty")
        if row["force"] not in force_names:
            raise DataFileError(path, line, f"unknown force {row['force']!r}")
        if row["kind"] not in ALIAS_KINDS:
            raise DataFileError(path, line, f"kind must be one of {', '.join(ALIAS_KINDS)}")
        if row["needs_capital"] not in ("0", "1"):
            raise DataFileError(path, line, "needs_capital must be 0 or 1")
        if (alias, row["force"]) in seen:
            raise DataFileError(path, line, f"duplicate alias {alias!r} for {row['force']}")
        seen.add((alias, row["force"]))
        aliases.append(
            {
                "alias": alias,
                "force": row["force"],
                "kind": row["kind"],
                "needs_capital": int(row["needs_capital"]),
            }
        )
    return aliases


def read_towns(path: Path, force_names: set[str]) -> list[dict[str, str | int]]:
    """The gazetteer (places.csv, same columns as aliases.csv): kind "town", exact match only
    below 8 letters, so ordinary words are not fuzzy-matched to 2,600 villages."""
    return [{**row, "kind": "town"} for row in read_aliases(path, force_names)]


def read_elsewhere(path: Path) -> list[dict[str, str]]:
    """Places outside England and Wales (places_elsewhere.csv): out of scope, said so."""
    places = []
    for line, row in _rows(path, ELSEWHERE_COLUMNS):
        alias = " ".join(row["alias"].lower().split())
        if not alias:
            raise DataFileError(path, line, "alias must not be empty")
        places.append({"alias": alias})
    return places


def read_findings(path: Path, force_names: set[str]) -> list[FindingRow]:
    """Every row of a findings file, validated; the first bad row raises DataFileError."""
    return list(iter_findings(path, force_names))


def iter_findings(path: Path, force_names: set[str]) -> Iterator[FindingRow]:
    """The rows of a findings file one at a time, validated; a file without rows is an error."""
    empty = True
    for line, row in _rows(path, FINDINGS_COLUMNS):
        empty = False
        yield _finding(path, line, row, force_names)
    if empty:
        raise DataFileError(path, 1, "no findings")


def _finding(path: Path, line: int, row: dict[str, str], force_names: set[str]) -> FindingRow:
    try:
        return _parse_finding(line, row, force_names)
    except ValueError as error:
        raise DataFileError(path, line, str(error)) from None


def _parse_finding(line: int, row: dict[str, str], force_names: set[str]) -> FindingRow:
    if row["force"] not in force_names and row["force"] != NATIONAL:
        raise ValueError(f"unknown force {row['force']!r}")
    if not row["inspection"]:
        raise ValueError("inspection must not be empty")
    if row["offence"] not in OFFENCES:
        raise ValueError(f"unknown offence {row['offence']!r}")
    if row["measure"] not in MEASURE_KINDS:
        raise ValueError(f"unknown measure {row['measure']!r}")
    if row["source_kind"] not in SOURCE_KINDS:
        raise ValueError(f"unknown source_kind {row['source_kind']!r}")
    if not re.match(r"^https?://\S+$", row["source_url"]):
        raise ValueError("source_url must be an http(s) URL")
    if not row["quote"]:
        raise ValueError("quote must not be empty")
    numerator, denominator = _count(row, "numerator"), _count(row, "denominator")
    if numerator is not None and denominator is not None and numerator > denominator:
        raise ValueError(f"numerator {numerator} is greater than denominator {denominator}")
    value = _value(row)
    if value is None and numerator is None and denominator is None:
        raise ValueError("a finding needs a value, a numerator or a denominator")
    return FindingRow(
        line=line,
        force=row["force"],
        inspection=row["inspection"],
        inspection_year=_year(row["inspection_year"]),
        published=_date(row["published"]),
        offence=row["offence"],
        measure=row["measure"],
        value=value,
        ci_plus_minus=_number(row, "ci_plus_minus"),
        numerator=numerator,
        denominator=denominator,
        source_url=row["source_url"],
        source_kind=row["source_kind"],
        quote=row["quote"],
    )


def _value(row: dict[str, str]) -> str | None:
    value, kind = row["value"], MEASURE_KINDS[row["measure"]]
    if kind == "grade":
        if value not in GRADES:
            raise ValueError(f"grade must be one of {', '.join(GRADES)}: {value!r}")
        return value
    number = _number(row, "value")
    if number is not None and kind == "percent" and float(number) > 100:
        raise ValueError(f"a percent cannot exceed 100: {number}")
    return number


def _number(row: dict[str, str], column: str) -> str | None:
    """A non-negative decimal kept verbatim (never re-rounded), or None when blank."""
    text = row[column]
    if not text:
        return None
    if not _NUMBER.match(text):
        raise ValueError(f"{column} must be a non-negative number: {text!r}")
    return text


def _count(row: dict[str, str], column: str) -> int | None:
    text = row[column]
    if not text:
        return None
    if not text.isdigit():
        raise ValueError(f"{column} must be a whole number: {text!r}")
    return int(text)


def _year(text: str) -> int | None:
    if not text:
        return None
    if not re.fullmatch(r"(19|20)\d\d", text):
        raise ValueError(f"inspection_year must be a year: {text!r}")
    return int(text)


def _date(text: str) -> str | None:
    if not text:
        return None
    try:
        return dt.date.fromisoformat(text).isoformat()
    except ValueError:
        raise ValueError(f"published must be a YYYY-MM-DD date: {text!r}") from None
