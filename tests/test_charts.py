"""Charts: the data handed to the plot comes from findings.csv, the PNG is a phone-width image,
the cache draws each chart once, and questions with nothing to chart say why."""

import csv
import struct
from pathlib import Path

import pytest
from click.testing import CliRunner

from bot.cli import main
from knowledge import Knowledge
from knowledge.chart_model import CANCELLED, CAPTION_LIMIT, RECORDING, ChartData, NoChart
from knowledge.chart_render import WIDTH_IN, ChartCache, draw_png
from knowledge.charts import chart_data, chart_question, plan_chart
from knowledge.loader import DATA_DIR
from knowledge.render import ordinal

HERTS = "Hertfordshire Constabulary"
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
CHARTABLE = [
    "Herts robbery cancellations?",
    "which forces wrongly cancelled rape reports",
    "how well does the Met record violent crime",
    "recording rates",
    "Kent vs Essex",
    "Herts",
    "Humberside rape cancelled",
    "worst recording rate",
    "cancellations",
]


@pytest.fixture(scope="module")
def rows() -> list[dict[str, str]]:
    with (DATA_DIR / "findings.csv").open(encoding="utf-8") as file:
        return list(csv.DictReader(file))


def chart(knowledge: Knowledge, question: str) -> ChartData:
    planned = plan_chart(knowledge, question, "findings_test_bot")
    assert isinstance(planned, ChartData), planned
    return planned


def png_size(png: bytes) -> tuple[int, int]:
    """Width and height from the PNG's IHDR chunk, the first after the signature."""
    assert png[:8] == PNG_SIGNATURE
    length, kind, width, height = struct.unpack(">I4sII", png[8:24])
    assert (length, kind) == (13, b"IHDR")
    return width, height


def test_herts_robbery_cancellations_is_the_csv_row(knowledge: Knowledge, rows: list) -> None:
    data = chart(knowledge, "Herts robbery cancellations?")
    assert (data.kind, data.offence, data.highlighted) == (CANCELLED, "robbery", (HERTS,))
    [herts] = data.highlighted_bars
    [row] = [
        r
        for r in rows
        if r["force"] == HERTS
        and r["offence"] == "robbery"
        and r["measure"] == "cancelled_incorrect"
    ]
    assert (
        (herts.fact.numerator, herts.fact.denominator)
        == (2, 20)
        == (int(row["numerator"]), int(row["denominator"]))
    )
    assert herts.year == int(row["inspection_year"]) == 2017
    assert herts.figure == "2 of 20" and herts.value == pytest.approx(10.0)
    assert (herts.low, herts.high) == pytest.approx(herts.fact.wilson)
    assert herts.low is not None and herts.high is not None
    assert (herts.low, herts.high) == pytest.approx((2.79, 30.10), abs=0.01)  # 95% Wilson


@pytest.mark.parametrize("offence", ["rape", "sexual offences", "violence", "robbery"])
def test_cancelled_bars_and_coverage_come_from_the_csv(
    knowledge: Knowledge, rows: list, offence: str
) -> None:
    data = chart(knowledge, f"which forces wrongly cancelled {offence} reports")
    wrong = [
        r
        for r in rows
        if r["offence"] == offence
        and r["force"] != "England and Wales"
        and r["measure"] in ("cancelled_incorrect", "cancelled_incorrect_pct")
    ]
    assert data.coverage == len({r["force"] for r in wrong})
    assert data.coverage == len(data.bars) + len(data.unplotted)
    for bar in data.bars:  # each bar is an "n of N" row of the data, with its interval
        assert any(
            r["force"] == bar.force
            and r["measure"] == "cancelled_incorrect"
            and r["numerator"] == str(bar.fact.numerator)
            and r["denominator"] == str(bar.fact.denominator)
            for r in wrong
        )
        if bar.year == 2014:  # not statistically significant: drawn without an interval
            assert bar.low is None and bar.high is None and bar.fact.wilson is None
        else:
            assert bar.low is not None and bar.low <= bar.value <= (bar.high or 0)
    for force in data.unplotted:  # a percent or no sample size: listed, never given an interval
        assert all(f.wilson is None for f in force.facts)
    assert [b.value for b in data.bars] == sorted((b.value for b in data.bars), reverse=True)


def test_cancelled_defaults_to_rape_and_says_so(knowledge: Knowledge) -> None:
    data = chart(knowledge, "cancellations")
    assert data.offence == "rape" and data.offence_defaulted
    assert any("rape" in note for note in data.notes)
    assert "shows rape" in data.caption


def test_recording_rates_are_every_force_latest_figure(knowledge: Knowledge, rows: list) -> None:
    data = chart(knowledge, "Herts recording rate")
    assert (data.kind, data.offence, data.highlighted) == (RECORDING, "all", (HERTS,))
    assert len(data.bars) == data.coverage == data.total_forces == 43
    for bar in data.bars:
        mine = [
            r
            for r in rows
            if r["force"] == bar.force
            and r["offence"] == "all"
            and r["measure"] == "recording_rate"
            and r["inspection_year"]
        ]
        latest = max(int(r["inspection_year"]) for r in mine)
        assert bar.year == latest
        assert any(
            float(r["value"]) == bar.value for r in mine if r["inspection_year"] == str(latest)
        )
        ci = bar.fact.ci_plus_minus
        assert (bar.low is None) == (ci is None)
        if ci is not None:
            assert bar.high == pytest.approx(bar.value + float(ci))
    [herts] = data.highlighted_bars
    nth = ordinal(1 + sum(b.value < herts.value for b in data.bars))  # a high rate is good
    assert ordinal(herts.worst_rank) == nth and herts.worst_rank < herts.rank
    assert f"the {nth} worst ({nth} lowest rate)" in data.caption_text
    assert "43 of 43 forces" in data.caption


@pytest.mark.parametrize("question", CHARTABLE)
def test_captions_fit_telegram_and_carry_the_source(knowledge: Knowledge, question: str) -> None:
    data = chart(knowledge, question)
    assert 0 < len(data.caption) < CAPTION_LIMIT
    assert "Source: HMICFRS inspection reports" in data.caption
    assert data.footer.startswith("Source: HMICFRS inspection reports, ")
    assert data.footer.endswith("@findings_test_bot")
    for force in data.highlighted:
        assert force in data.caption
    assert "<b>" in data.caption and "<b>" not in data.caption_text


def test_caption_words_follow_the_measure_direction_and_leave_2014_unranked(
    knowledge: Knowledge,
) -> None:
    """A high share wrongly cancelled is bad, a high recording rate good (knowledge/measures);
    a 2014 sample (Cheshire 14 of 30) is drawn but never ranked beside 2016-2020 audits."""
    rape = chart(knowledge, "rape cancellations")
    later = [b for b in rape.bars if b.year != 2014]
    worst = max(later, key=lambda b: b.value)
    assert f"worst (highest share): {worst.label}, {worst.figure}" in rape.caption_text
    assert "Best (lowest share): " in rape.caption_text and "Highest" not in rape.caption_text
    cheshire = next(b for b in rape.bars if b.year == 2014)
    assert cheshire.rank == cheshire.worst_rank == 0
    rates = chart(knowledge, "recording rates")
    top = rates.bars[0]
    assert f"Best (highest rate): {top.label}, {top.figure}" in rates.caption_text
    cheshire_text = chart(knowledge, "Cheshire rape cancellations").caption_text
    assert "a 2014 audit sample, not ranked" in cheshire_text and "highest" not in cheshire_text


def test_compare_highlights_both_forces(knowledge: Knowledge) -> None:
    data = chart(knowledge, "Kent vs Essex")
    assert {b.force for b in data.highlighted_bars} == {"Kent Police", "Essex Police"}


def test_force_without_a_figure_is_named_as_missing(knowledge: Knowledge) -> None:
    data = chart(knowledge, "Kent rape cancelled")
    assert data.missing == ("Kent Police",) and not data.highlighted_bars
    assert "not the same as zero" in data.caption


@pytest.mark.parametrize(
    ("question", "why"),
    [
        ("what is a cancelled crime", "glossary"),
        ("hello", "help"),
        ("Herts grade", "grade"),
        ("Herts domestic abuse", "no_figures"),
        ("rape recording rate", "too_few"),
        ("Police Scotland recording rate", "out_of_scope"),
    ],
)
def test_not_chartable_gives_none_and_a_reason(
    knowledge: Knowledge, question: str, why: str
) -> None:
    assert chart_data(knowledge, question) is None
    planned = plan_chart(knowledge, question)
    assert isinstance(planned, NoChart) and planned.why == why
    assert planned.text and "\n" not in planned.text and "<" not in planned.text


def test_png_is_phone_width_and_grows_with_the_bars(knowledge: Knowledge) -> None:
    tall = png_size(draw_png(chart(knowledge, "Herts recording rate")))
    short = png_size(draw_png(chart(knowledge, "Herts robbery cancellations?")))
    assert tall[0] == short[0] == int(WIDTH_IN * 100) == 1080
    assert tall[1] > 1800 > short[1] > 400


def test_cache_draws_each_chart_once(knowledge: Knowledge) -> None:
    drawn: list[tuple] = []

    def counting(data: ChartData) -> bytes:
        drawn.append(data.cache_key)
        return draw_png(data)

    cache = ChartCache(size=2, draw=counting)
    herts, kent = chart(knowledge, "Herts recording rate"), chart(knowledge, "Kent recording rate")
    first = cache.png(herts)
    assert cache.png(chart(knowledge, "Hertfordshire recording rate")) is first
    assert cache.renders == len(drawn) == 1
    cache.png(kent)
    cache.png(chart(knowledge, "rape cancellations"))  # evicts Herts, the least recently used
    cache.png(herts)
    assert cache.renders == len(drawn) == 4


def test_chart_button_question_parses_back_for_every_force(knowledge: Knowledge) -> None:
    for force in knowledge.store.forces:
        answer = knowledge.ask(f"{force} sexual offences cancelled 2019")
        question = chart_question(answer)
        assert question is not None and force in question
        assert len(f"c:{question}".encode()) <= 64
        assert plan_chart(knowledge, question).__class__ in (ChartData, NoChart)
        assert knowledge.ask(question).forces == (force,)


def test_ordinal() -> None:
    assert [ordinal(n) for n in (1, 2, 3, 4, 11, 12, 13, 21, 22, 43)] == [
        "1st",
        "2nd",
        "3rd",
        "4th",
        "11th",
        "12th",
        "13th",
        "21st",
        "22nd",
        "43rd",
    ]


def test_cli_chart_writes_a_png(db_path: Path, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("FINDINGS_DB", str(db_path))
    out = tmp_path / "herts.png"
    result = CliRunner().invoke(main, ["chart", "Herts robbery cancellations?", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert png_size(out.read_bytes())[0] == 1080
    assert "2 of 20" in result.output and str(out) in result.output


def test_cli_chart_not_chartable_is_one_line(db_path: Path, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("FINDINGS_DB", str(db_path))
    out = tmp_path / "none.png"
    result = CliRunner().invoke(main, ["chart", "what is a cancelled crime", "-o", str(out)])
    assert result.exit_code == 1 and not out.exists()
    assert result.output.startswith("Error: ") and result.output.count("\n") == 1
