"""Each error a fourth independent audit found in 132 answers (7 errors in 6 answers, and
weaker points), kept fixed at its rule, with generated wordings beside the audit's own. The
truth linter (truth_audit4.py) checks the same rules over every force, offence and measure."""

import csv

import pytest
from truth_audit4 import FORCE_MARKERS, PRESS_MARKERS

from knowledge import Knowledge
from knowledge.answer import Answer
from knowledge.asking import asks_for_none, asks_latest
from knowledge.loader import DATA_DIR

NONE_2016_2020 = (
    "Avon and Somerset Constabulary",
    "Gwent Police",
    "Hertfordshire Constabulary",
    "Lancashire Constabulary",
    "Merseyside Police",
    "Northamptonshire Police",
    "Suffolk Constabulary",
)


def ask(knowledge: Knowledge, question: str) -> str:
    return knowledge.render(knowledge.ask(question), "text")


@pytest.mark.parametrize(
    "question",
    [
        "forces that did not wrongly cancel any rapes",  # S23
        "which forces didn't wrongly cancel rape reports",
        "which forces had no rapes wrongly cancelled",
        "forces with zero wrongly cancelled rape records",
        "which forces never wrongly cancelled a rape",
        "which forces have not wrongly cancelled any rapes",
    ],
)
def test_a_negated_question_leads_with_the_forces_that_had_none(
    knowledge: Knowledge, question: str
) -> None:
    first = ask(knowledge, question).split("\n\n")[0]
    assert first.startswith("Our data names 7 of the 43 forces with no wrongly cancelled rape")
    lead = first.split(". ")[0]
    assert all(force in lead for force in NONE_2016_2020), lead
    # Durham's 2014 none is named apart, as not comparable
    assert "1 more had none in a 2014 audit, which is not comparable: Durham" in lead
    assert "the other 25 have no figure in our data" in first
    # and the list of nones comes before the forces that had some
    text = ask(knowledge, question)
    assert text.index("had none wrongly cancelled in the records") < text.index(
        "wrongly cancelled at least one rape record, of the sample"
    )


def test_the_no_crimed_wording_is_not_read_as_a_negation(knowledge: Knowledge) -> None:
    assert not asks_for_none("who no-crimed rapes in 2014")
    assert not asks_for_none("which forces wrongly cancelled rape reports")
    first = ask(knowledge, "which forces wrongly cancelled rape reports").split("\n")[0]
    assert first.startswith("As reported, at least 19 forces")


@pytest.mark.parametrize(
    "question",
    [
        "Hertfordshire cancelled crimes latest inspection",  # S67
        "herts wrongly cancelled crimes most recent inspection",
        "Hertfordshire cancelled crimes now",
        "Herts robbery cancellations latest",
    ],
)
def test_latest_with_no_such_figure_in_the_latest_inspection_says_so_first(
    knowledge: Knowledge, question: str
) -> None:
    answer = knowledge.ask(question)
    first = knowledge.render(answer, "text").split("\n")[0]
    assert first.startswith(
        "Hertfordshire Constabulary's latest inspection in our data, PEEL 2023–2025"
    ), first
    assert "has no figure for wrongly cancelled records" in first
    assert "latest such figures are from 2017" in first
    # the closing note is not said twice
    assert "our data has no such figure from that one" not in knowledge.render(answer, "text")
    assert answer.citation  # S67: one force, one inspection, one source


def test_without_latest_the_note_stays_at_the_end(knowledge: Knowledge) -> None:
    assert not asks_latest("Herts robbery cancellations?")
    text = ask(knowledge, "Herts robbery cancellations?")
    assert text.startswith("Hertfordshire Constabulary wrongly cancelled 2 of the 20")
    assert "our data has no such figure from that one" in text


@pytest.mark.parametrize(
    ("question", "low", "high"),
    [
        ("unrecorded crimes by force", "over 400", "80,100"),  # S74
        ("unrecorded crimes for each force", "over 400", "80,100"),
        ("recording rates for all forces", "65.3%", "96.7%"),  # S75
        ("recording rate by force", "65.3%", "96.7%"),
        ("every force's recording rate", "65.3%", "96.7%"),
    ],
)
def test_a_list_by_force_leads_with_the_forces_not_the_national_figure(
    knowledge: Knowledge, question: str, low: str, high: str
) -> None:
    answer = knowledge.ask(question)
    text = knowledge.render(answer, "text")
    first = text.split("\n")[0]
    assert first.startswith("43 of the 43 forces have a figure"), first
    assert f"runs from {low} (" in first and f" to {high} (" in first
    assert "England and Wales" not in first
    # the national figure is still there, after the forces
    assert text.index("Across England and Wales:") > text.index(first)


def test_no_lead_starts_lower_case(knowledge: Knowledge) -> None:
    # a national figure written with a lower-case subject ("forces in England and Wales")
    answer = knowledge.ask("national recording rate")
    lead = answer.lead
    assert lead is not None
    says = knowledge.renderer.macros("_lead.j2").says
    assert str(says(lead, "forces in England and Wales")).startswith("Forces in England")
    for question in ("recording rates for all forces", "violent crime recording rate by force"):
        assert not ask(knowledge, question)[:1].islower()


def test_2014_count_names_every_measure_it_counts_and_the_sources_ranking(
    knowledge: Knowledge,
) -> None:
    text = ask(knowledge, "which force was best in 2014")  # S47
    first = text.split("\n")[0]
    assert "4 forces have 2014 figures" not in first
    assert "Our data does not rank 2014 figures" in first
    assert "recording rate, 4 forces" in first
    assert "share of the audited sample that was recorded, 3 forces" in first
    assert "crimes that should have been recorded and were, 18 forces" in first
    # the count covers every force with such a 2014 figure, not only the 4 rates
    assert "for 24 of the 43 forces" in first
    assert "“West Midlands was top with 99% and Lincolnshire next with 98%”" in text
    assert "not comparable with later inspections" in text
    # a "top" quote does not answer "worst"
    assert "West Midlands was top" not in ask(knowledge, "which force was worst in 2014")


def test_one_source_answers_have_a_citation(knowledge: Knowledge) -> None:
    adequate = knowledge.ask("which forces got adequate")  # S15
    assert adequate.citation.startswith("HMICFRS, PEEL 2023-25 (2024): Wiltshire Police.")
    assert "As reported in the press: https://wiltshiretimes" in adequate.citation
    # several sources: no one source's citation is put on all of them
    assert knowledge.ask("which forces are rated outstanding").citation == ""


def test_every_source_fits_a_citation_with_its_marker(knowledge: Knowledge) -> None:
    """Every row of findings.csv as a citation: at most 256 characters, the link whole at the
    end, and a press report or a force's own words always says so."""
    facts = {(f.source_url, f.force, f.inspection, f.offence): f for f in knowledge.store.facts}
    with (DATA_DIR / "findings.csv").open(newline="", encoding="utf-8") as rows:
        for row in csv.DictReader(rows):
            key = (row["source_url"], row["force"], row["inspection"], row["offence"])
            fact = facts[key]
            citation = knowledge.renderer.citation(Answer("q", "lookup", lead=fact))
            assert len(citation) <= 256 and citation.endswith(" " + row["source_url"])
            if row["source_kind"] == "news":
                assert any(m in citation for m in PRESS_MARKERS), citation
            if row["source_kind"] == "police_or_pcc":
                assert any(m in citation for m in FORCE_MARKERS), citation
            if row["inspection_year"] and row["inspection_year"] not in citation:
                pytest.fail(f"year lost: {citation}")


def test_a_long_news_citation_keeps_its_press_marker(knowledge: Knowledge) -> None:
    for question in ("greater manchester 2020", "Northamptonshire rape cancellations"):
        citation = knowledge.ask(question).citation
        assert len(citation) <= 256 and any(m in citation for m in PRESS_MARKERS), citation


def test_the_sample_size_note_is_true_for_what_it_sits_under(knowledge: Knowledge) -> None:
    text = ask(knowledge, "who no-crimed rapes in 2014")  # S25: samples of 28-30
    assert "often 20 records" not in text
    assert "Audit samples were small (28 to 30 records a force" in text
