"""Cited answers: the right figure, its inspection and year, its sample and its source."""

import pytest

from knowledge import Knowledge
from knowledge.facts import wilson_interval
from knowledge.render import TELEGRAM_LIMIT
from knowledge.vocabulary import OFFENCES

HERTS_SOURCE = (
    "https://www.hemeltoday.co.uk/news/people/"
    "hertfordshire-police-wrongly-cancelled-reports-sexual-and-violent-offences-3013497"
)


def test_herts_robbery_cancellations_cite_2017_sample(knowledge: Knowledge) -> None:
    answer = knowledge.ask("Herts robbery cancellations?")
    text = knowledge.render(answer)
    assert (answer.intent, answer.forces) == ("lookup", ("Hertfordshire Constabulary",))
    [fact] = answer.facts
    assert (fact.numerator, fact.denominator, fact.inspection_year) == (2, 20, 2017)
    assert "2 of 20 robbery records reviewed were wrongly cancelled" in text
    assert "Crime Data Integrity inspection 2017" in text
    assert "95% Wilson interval 3% to 30%" in text
    assert "small sample, not a force-wide rate" in text
    assert HERTS_SOURCE in text
    # The 2017 figure is older than the force's latest inspection, and the answer says so.
    assert "PEEL 2023–2025" in text and "earlier inspection" in text


def test_zero_is_a_finding_and_missing_is_not_zero(knowledge: Knowledge) -> None:
    zero = knowledge.reply("Herts rape cancellations")
    assert "none" in zero and "0; the source gives no sample size" in zero
    missing = knowledge.ask("Cumbria rape cancellations")
    assert missing.intent == "lookup" and missing.missing and not missing.facts
    assert "not the same as zero" in knowledge.render(missing)


def test_recording_rate_carries_its_confidence_interval(knowledge: Knowledge) -> None:
    text = knowledge.reply("Hertfordshire recording rate 2017")
    assert "87.2%" in text and "+/- 1.86" in text and "2017" in text


def test_two_sources_are_both_shown_inspectorate_first(knowledge: Knowledge) -> None:
    answer = knowledge.ask("Cheshire recording rate 2018")
    rates = [f for f in answer.facts if f.measure == "recording_rate"]
    assert [(f.value, f.source_kind) for f in rates] == [("96", "inspectorate"), ("96.4", "news")]
    assert "Another source gives a different figure" in knowledge.render(answer)


def test_year_selects_the_inspection_and_2014_caveat(knowledge: Knowledge) -> None:
    answer = knowledge.ask("Cheshire rape cancellations 2014")
    assert {f.inspection_year for f in answer.facts} == {2014}
    text = knowledge.render(answer)
    assert "14 of 30" in text and "not comparable" in text


def test_year_with_no_figures_says_so(knowledge: Knowledge) -> None:
    answer = knowledge.ask("Kent grade 2015")
    assert answer.missing and "2015" in knowledge.render(answer)


def test_clarify_offers_each_candidate_with_a_follow_up(knowledge: Knowledge) -> None:
    answer = knowledge.ask("West robbery")
    assert answer.intent == "clarify"
    assert set(answer.candidates) == {
        "West Mercia Police",
        "West Midlands Police",
        "West Yorkshire Police",
    }
    for follow_up in answer.follow_ups:  # each button's question resolves to that force
        again = knowledge.ask(follow_up.question)
        assert again.intent == "lookup" and again.forces == (follow_up.label,)
        assert again.offence == "robbery"


def test_every_force_summary_cites_every_figure(knowledge: Knowledge) -> None:
    for force, row in knowledge.store.forces.items():
        answer = knowledge.ask(row["short_name"])
        assert answer.forces == (force,), force
        text = knowledge.render(answer)
        assert answer.facts, force
        for fact in answer.facts:
            assert fact.force == force
            assert fact.source_url in text
            assert fact.inspection in text
            assert str(fact.inspection_year or "year not stated") in text


@pytest.mark.parametrize("offence", OFFENCES)
@pytest.mark.parametrize("measure", ["wrongly cancelled", "recording rate", "grade", ""])
def test_overviews_and_ranks_fit_in_a_message(
    knowledge: Knowledge, offence: str, measure: str
) -> None:
    for question in (f"{offence} {measure}", f"worst {offence} {measure}"):
        answer = knowledge.ask(question)
        assert len(knowledge.render(answer, "html")) < TELEGRAM_LIMIT, question


def test_html_escapes_data_and_questions(knowledge: Knowledge) -> None:
    html = knowledge.reply("<script>alert(1)</script> Kent grade", "html")
    assert "<script" not in html
    assert "<b>outstanding</b>" in html
    assert '<a href="https://' in html


def test_hostile_input_never_raises(knowledge: Knowledge) -> None:
    for text in [
        "",
        " ",
        "🚓🚓",
        "'; DROP TABLE findings; --",
        "a" * 5000,
        "kent " * 1000,
        "\x00\x01",
        "١٢٣",
        "West" * 300,
    ]:
        answer = knowledge.ask(text)
        assert len(knowledge.render(answer, "html")) < TELEGRAM_LIMIT


def test_wilson_interval_matches_known_values() -> None:
    low, high = wilson_interval(2, 20)
    assert (round(low, 1), round(high, 1)) == (2.8, 30.1)
    assert wilson_interval(0, 20)[0] == 0.0
    assert wilson_interval(20, 20)[1] == 100.0
