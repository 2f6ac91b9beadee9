"""The errors of the fifth independent audit, kept fixed: each at its rule, with generated
wordings beside the audit's own; the truth linter (truth_audit5.py) checks the same rules over
every generated question."""

import csv
from pathlib import Path

import pytest

from knowledge import Knowledge

ROWS = list(csv.DictReader((Path(__file__).parents[1] / "knowledge/data/findings.csv").open()))
AUDITS = ("cancelled_incorrect", "cancelled_incorrect_pct", "cancelled_correct")


def ask(knowledge: Knowledge, question: str) -> str:
    return knowledge.render(knowledge.ask(question), "text")


# 3. "no figure" is true for the years the answer was filtered to, and says them
AUDITED = sorted({r["force"] for r in ROWS if r["measure"] in AUDITS})


# ("{} improvement 2017 to 2018" is now the force's history: test_audit5_understanding.py)
@pytest.mark.parametrize("wording", ["{} findings 2017 to 2018", "{} 2017 and 2018"])
def test_no_audit_sentence_names_the_years_asked(knowledge: Knowledge, wording: str) -> None:
    checked = 0
    for force in AUDITED:
        answer = knowledge.ask(wording.format(knowledge.store.forces[force]["short_name"]))
        text = knowledge.render(answer, "text")
        if "no cancelled-crime audit figures" not in text:
            continue
        checked += 1
        sentence = text.split("no cancelled-crime audit figures")[1].split("\n")[0]
        assert "from 2017 or 2018" in sentence, (force, sentence)
        in_years = [
            r
            for r in ROWS
            if r["force"] == force
            and r["measure"] in AUDITS
            and r["inspection_year"] in ("2017", "2018")
        ]
        assert not in_years, (force, sentence)
    assert checked >= 3  # forces audited in other years only (Cheshire: 2014 and undated)


def test_cheshire_2017_to_2018_says_the_filter(knowledge: Knowledge) -> None:
    text = ask(knowledge, "cheshire findings 2017 to 2018")
    assert "Our data has no cancelled-crime audit figures for Cheshire Constabulary." not in text
    assert "for Cheshire Constabulary from 2017 or 2018." in text


# 5. a national "X vs Y" leads with both figures and the change
@pytest.mark.parametrize(
    "question",
    [
        "cancelled crimes recorded 2018-19 vs 2015-16",
        "cancelled crimes recorded 2015-16 vs 2018-19",
        "cancelled crimes 2018-19 compared with 2015-16",
        "national cancelled crimes",
    ],
)
def test_national_counts_compared_lead_with_both(knowledge: Knowledge, question: str) -> None:
    first = ask(knowledge, question).split("\n")[0]
    assert "43,242" in first and "65,983" in first, first
    assert "down from 65,983 in 2015-16" in first and "22,741 fewer" in first, first
    assert first.index("43,242") < first.index("65,983")  # newest first


def test_one_home_office_year_reads_plainly(knowledge: Knowledge) -> None:
    first = ask(knowledge, "cancelled crimes recorded in 2015-16").split("\n")[0]
    assert "in the year of the" not in first
    assert "65,983" in first and "2015-16" in first and "43,242" not in first


# 2. victims (not) told: every force with a figure for what was asked is counted and named,
# those whose figure is shown from the other side too; none of them is said to have "no figure"
NOT_TOLD_FORCES = {r["force"] for r in ROWS if r["measure"].startswith("victims_not_told")}
TOLD_FORCES = {r["force"] for r in ROWS if r["measure"] == "victims_told"}


@pytest.mark.parametrize(
    ("question", "forces", "other"),
    [
        ("victims not told about cancellations in which forces", NOT_TOLD_FORCES, TOLD_FORCES),
        (
            "which forces did not tell victims their crime was cancelled",
            NOT_TOLD_FORCES,
            TOLD_FORCES,
        ),
        ("victims told about cancellations in which forces", TOLD_FORCES, NOT_TOLD_FORCES),
    ],
)
def test_victims_told_lists_count_every_force_with_a_figure(
    knowledge: Knowledge, question: str, forces: set[str], other: set[str]
) -> None:
    answer = knowledge.ask(question)
    text = knowledge.render(answer, "text")
    if answer.intent != "offence_overview":
        pytest.fail(f"{question!r} read as {answer.intent}")
    first = text.split("\n")[0]
    assert first.startswith(f"{len(forces)} of the 43 forces have a figure"), first
    for heading in [line for line in text.split("\n") if "no figure above" in line]:
        # the forces under a "no figure above" heading have none of the asked side
        block = text.split(heading)[1].split("\n\n")[0]
        assert not [f for f in forces if f in block], (question, heading)
    shown = {f.force for f in answer.facts}
    assert forces <= shown, forces - shown


def test_suffolk_and_lancashire_have_a_not_told_figure(knowledge: Knowledge) -> None:
    text = ask(knowledge, "victims not told about cancellations in which forces")
    assert text.startswith("5 of the 43 forces")
    assert "Lancashire Constabulary, Suffolk Constabulary" in text.split("\n")[0]
    assert "with no figure above" not in text


# 4. "has X improved" / "grade changed?": the lead answers it, first figure to newest, every
# step named, and cites the newest figure's source
@pytest.mark.parametrize(
    ("question", "words"),
    [
        ("has kent improved", ["83.6% (Crime Data Integrity inspection 2017)", "96.7%"]),
        ("has thames valley improved its crime recording", ["80.4%", "87.9%", "own figure"]),
        ("has devon and cornwall got better", ["inadequate", "then good", "then inadequate"]),
        ("staffordshire grade changed?", ["Yes: ", "as first published", "correction"]),
        ("is kent getting better at recording crime", ["83.6%", "96.7%"]),
    ],
)
def test_improved_lead_answers_and_is_cited(
    knowledge: Knowledge, question: str, words: list[str]
) -> None:
    answer = knowledge.ask(question)
    first = knowledge.render(answer, "text").split("\n")[0]
    assert all(w in first for w in words), first
    assert "read them together, not as a trend" not in first
    assert answer.lead is not None and answer.citation
    newest = max(answer.facts, key=lambda f: f.year_sort_key)
    assert answer.lead.inspection == newest.inspection
    assert answer.citation.endswith(answer.lead.source_url)


@pytest.mark.parametrize("short", ["Kent", "Cheshire", "Lancashire", "Devon and Cornwall", "GMP"])
def test_every_history_lead_names_each_step_oldest_first(knowledge: Knowledge, short: str) -> None:
    answer = knowledge.ask(f"has {short} improved")
    first = knowledge.render(answer, "text").split("\n")[0]
    rates, grades = answer.group("rate_steps"), answer.group("grade_steps")
    steps = rates if len(rates) > 1 else grades
    assert len(steps) > 1 and answer.citation
    at = [
        first.index(f.inspection.split(" – ")[0]) for f in steps if f.measure == steps[0].measure
    ]
    assert at == sorted(at), first


@pytest.mark.parametrize("offence", ["rape", "robbery", "violence", "sexual offences"])
def test_no_national_figure_says_the_year_it_is_true_for(
    knowledge: Knowledge, offence: str
) -> None:
    """Sixth audit: 'how many forces wrongly cancelled rape in 2014' said 'no national figure
    for that (rape)', which a reporter reads as none at all (2016-2020 counts exist)."""
    answer = knowledge.ask(f"how many forces wrongly cancelled {offence} in 2014")
    first = knowledge.render(answer).split("\n")[0]
    assert "no national figure for that" in first and "from 2014)" in first
