"""Rendering shortcuts say exactly what the rules they stand in for say."""

import csv
import re

from knowledge.loader import DATA_DIR
from knowledge.render import names_year


def _by_pattern(title: str, year: int | None) -> bool:
    """The rule names_year stands in for: one regular expression per year."""
    return bool(year) and re.search(rf"(?<![\u2013/-]){year}\b", title) is not None


def test_names_year_agrees_with_the_pattern_on_every_inspection_and_year() -> None:
    with open(DATA_DIR / "findings.csv", encoding="utf-8") as handle:
        titles = {row["inspection"] for row in csv.DictReader(handle)}
    years: list[int | None] = [None, 0, 7, 2014, 2015, 2016, 2017, 2018, 2019, 2020, 2023, 2025]
    made_up = {
        "PEEL 2023\u20132025",
        "PEEL 2023-2025",
        "PEEL 2023/2025",
        "2017",
        "inspection 2017",
        "inspection 2017s",
        "inspection 2017_a",
        "inspection 20171",
        "inspection 12017",
        "inspection 2017é",
        "inspection 2017٣",
        "inspection 2017. Also 2017",
        "-2017 and 2017",
        "-2017",
        "x2017-",
        "",
    }
    checked = 0
    for title in titles | made_up:
        for year in years:
            assert names_year(title, year) == _by_pattern(title, year), (title, year)
            checked += 1
    assert checked > 100
    assert names_year("Crime data integrity inspection 2017", 2017)
    assert not names_year("PEEL 2023\u20132025", 2025)
