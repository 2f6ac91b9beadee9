"""Cited answers: the right figure, its inspection and year, its sample and its source."""

import pytest

from knowledge import Knowledge
from knowledge.facts import wilson_interval
from knowledge.figure_choice import latest_per_figure
from knowledge.measures import HIGHER_BETTER, HIGHER_WORSE, measure
from knowledge.query import Query
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
    # The interval is ours, worked out from the sample; the answer must not pass it off as the
    # inspectorate's figure.
    ours = "our 95% Wilson interval, worked out from the sample, not the inspectorate's"
    assert f"{ours}: 3% to 30%" in text
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


# Framing: each kind of misleading frame (issue "answers a reporter can quote") has a test here.


def first_line(knowledge: Knowledge, question: str) -> str:
    return knowledge.reply(question).splitlines()[0]


def test_most_means_the_biggest_number(knowledge: Knowledge) -> None:
    answer = knowledge.ask("which force has the most unrecorded crimes")
    numbers = [f.number for f in answer.facts]
    assert answer.rank == "most" and numbers == sorted(numbers, reverse=True)
    assert answer.facts[0].force == "Greater Manchester Police"
    text = knowledge.render(answer)
    assert text.startswith("Greater Manchester Police has the highest estimate of crimes")
    assert "City of London" not in text and "Best" not in text


def test_worst_follows_the_measures_direction(knowledge: Knowledge) -> None:
    unrecorded = Query("q", "rank", measure="unrecorded_per_year", rank="worst")
    rate = Query("q", "rank", measure="recording_rate", rank="worst")
    worst_unrecorded = knowledge.answerer.answer(unrecorded).facts
    ranked = knowledge.answerer.answer(rate)
    worst_rate = ranked.facts[: len(ranked.places)]  # a different measure is listed apart
    assert [f.number for f in worst_unrecorded] == sorted(
        (f.number for f in worst_unrecorded), reverse=True
    )
    assert [f.number for f in worst_rate] == sorted(f.number for f in worst_rate)
    assert measure("unrecorded_per_year").direction == HIGHER_WORSE
    assert measure("cancelled_incorrect_pct").direction == HIGHER_WORSE
    assert measure("recording_rate").direction == HIGHER_BETTER


def test_a_tie_at_the_cut_is_shown_whole(knowledge: Knowledge) -> None:
    answer = knowledge.answerer.answer(Query("q", "rank", measure="grade", rank="worst"))
    inadequate = [f for f in answer.facts if f.value == "inadequate"]
    assert len(inadequate) == len(answer.facts) > 5  # every inadequate force, not the first 5
    assert set(answer.places) == {1}
    assert "share the worst latest crime-recording grade" in knowledge.render(answer)


def test_filter_lists_exactly_the_forces_with_that_grade(knowledge: Knowledge) -> None:
    answer = knowledge.answerer.answer(
        Query("q", "filter", measure="grade", grade_filter="inadequate")
    )
    latest = {
        force: latest_per_figure(
            f for f in knowledge.store.facts_for(force) if f.measure == "grade"
        )
        for force in knowledge.store.forces
    }
    expected = {force for force, g in latest.items() if g and g[0].value == "inadequate"}
    assert {f.force for f in answer.group("latest")} == expected
    text = knowledge.render(answer)
    for force in expected:
        assert force in text
    assert "Avon and Somerset" not in text  # requires improvement: not listed


def test_which_forces_wrongly_cancelled_lists_no_zero_under_wrongly(knowledge: Knowledge) -> None:
    answer = knowledge.ask("which forces wrongly cancelled robbery reports")
    wrongly, none = answer.group("wrongly"), answer.group("none")
    assert wrongly and none
    assert not any(f.none_found or f.is_2014 for f in wrongly)
    assert all(f.none_found for f in none)
    assert all(f.is_2014 for f in answer.group("only_2014"))
    unsized = answer.group("wrongly_unsized")  # percents without a sample size, apart
    assert all(f.denominator is not None for f in wrongly)
    assert unsized and all(f.denominator is None and not f.none_found for f in unsized)
    text = knowledge.render(answer)
    head, _, rest = text.partition("had none wrongly cancelled in the records reviewed")
    assert "Merseyside Police" not in head and "Merseyside Police" in rest
    assert text.startswith("As reported, 28 forces wrongly cancelled at least one robbery record")
    counted = len(wrongly) + len(unsized)
    assert f"Our data names {counted} of the 43 forces as having wrongly cancelled" in text
    assert f"({len(wrongly)} with a sample size, {len(unsized)} without)" in text


def test_grades_say_what_was_graded_never_overall(knowledge: Knowledge) -> None:
    peel = knowledge.reply("Avon and Somerset grade")
    cdi = knowledge.reply("Derbyshire grade")
    assert "PEEL grade for recording data about crime" in peel
    assert "not the force as a whole" in peel
    assert "crime data integrity judgement" in cdi
    for force in knowledge.store.forces:
        assert "overall grade" not in knowledge.reply(f"{force} grade").lower()


def test_rate_and_unrecorded_are_never_paired_across_inspections(knowledge: Knowledge) -> None:
    answer = knowledge.ask("how good is kent at recording crime now")
    years = {f.inspection_year for f in answer.facts if f.offence == "all"}
    assert years == {2022}
    assert "24,300" not in knowledge.render(answer)
    summary = knowledge.render(knowledge.ask("Kent"))
    # a summary shows every inspection, each under its own heading: the 2017 estimate sits
    # with the 2017 rate, never under PEEL 2021/22's 96.7%
    blocks = summary.split("From ")
    block = next(b for b in blocks if "24,300" in b)
    assert block.startswith("Crime Data Integrity inspection 2017") and "83.6%" in block
    assert "96.7%" not in block


def test_2014_rates_are_shown_as_samples_and_never_ranked(knowledge: Knowledge) -> None:
    text = knowledge.reply("gmp recording rate 2014")
    assert text.startswith("Inspectors found Greater Manchester Police had recorded 265 of 388")
    assert "recorded 68%" not in text and "not comparable" in text
    for rank in ("most", "least", "best", "worst"):
        ranked = knowledge.answerer.answer(Query("q", "rank", measure="recording_rate", rank=rank))
        assert not any(f.is_2014 for f in ranked.facts)


def test_percents_keep_their_sign_and_hedges_their_words(knowledge: Knowledge) -> None:
    assert "40%" in knowledge.reply("North Yorkshire victims not told 2019")
    assert "just over 90%" in knowledge.reply("Lincolnshire recording rate 2019")
    assert "almost 15%" in knowledge.reply("Suffolk recording 2014")
    tvp = knowledge.reply("Thames Valley sexual offences recording rate 2019")
    assert "95%" in tvp and "up to 95" not in tvp


def test_no_figure_is_true_for_the_filter_applied(knowledge: Knowledge) -> None:
    text = knowledge.reply("south yorkshire domestic abuse recorded")
    assert "228 of 290" in text and "no figure" not in text.lower()
    missing = knowledge.reply("Herts cancellations 2024")
    assert "from a 2024 inspection" in missing and "2017" in missing


def test_headline_agrees_with_its_bullets(knowledge: Knowledge) -> None:
    answer = knowledge.ask("unrecorded crimes")
    listed = answer.group("latest")
    assert listed and all(f.measure == "unrecorded_per_year" for f in listed)
    assert answer.coverage == len(
        [
            force
            for force in knowledge.store.forces
            if any(f.measure == "unrecorded_per_year" for f in knowledge.store.facts_for(force))
        ]
    )


def test_smaller_framing_rules(knowledge: Knowledge) -> None:
    undated = knowledge.reply("Avon and Somerset sexual offences cancellations")
    assert "earlier inspection" not in undated
    home_office = knowledge.reply("how many cancelled crimes nationally")
    assert "small" not in home_office
    staffs = knowledge.ask("staffordshire grade 2016")
    assert staffs.facts[0].value == "good" and staffs.lead and staffs.lead.value == "good"
    assert "changed its published grade" in knowledge.render(staffs)
    lancs = knowledge.ask("Lancashire rape cancellations")
    assert len([f for f in lancs.facts if f.measure == "cancelled_incorrect"]) == 1
    gmp = knowledge.reply("gmp recording rate 2020")
    assert "not a crime data integrity inspection" in gmp


def test_lead_sentence_answers_the_question(knowledge: Knowledge) -> None:
    assert first_line(knowledge, "Herts robbery cancellations?") == (
        "Hertfordshire Constabulary wrongly cancelled 2 of the 20 robbery records inspectors "
        "checked (Crime Data Integrity inspection 2017)."
    )
    assert first_line(knowledge, "Kent recording rate").startswith(
        "Kent Police recorded an estimated 96.7% of reported crime"
    )


def test_citation_names_inspectorate_inspection_force_and_link(knowledge: Knowledge) -> None:
    answer = knowledge.ask("Herts robbery cancellations?")
    assert answer.citation.startswith(
        "HMICFRS, Crime Data Integrity inspection 2017: Hertfordshire Constabulary, robbery."
    )
    assert answer.citation.endswith(HERTS_SOURCE) and len(answer.citation) <= 256
    assert answer.as_json()["citation"] == answer.citation
    assert knowledge.ask("Cheshire rape cancellations 2014").citation.startswith("HMIC, ")
    assert knowledge.ask("what is AVI").citation == ""


def test_json_forces_name_every_force_the_answer_names(knowledge: Knowledge) -> None:
    answer = knowledge.ask("worst recording rate")
    data = answer.as_json()
    assert answer.forces == () and data["asked_forces"] == []
    assert data["forces"] == list(dict.fromkeys(f.force for f in answer.facts))


def test_a_2014_list_sums_itself_up_and_puts_no_force_first(knowledge: Knowledge) -> None:
    answer = knowledge.ask("which forces wrongly cancelled rapes 2014")
    text = knowledge.render(answer)
    assert answer.lead is None  # the citation is the first force listed's, and says so
    assert answer.cited_part == answer.facts[0].force and answer.facts[0].force in answer.citation
    assert text.startswith(
        "Our data has 2014 audit figures for cancelled rape records for 8 of the 43 forces"
    )


def test_worst_force_for_wrongly_cancelling_names_forces_with_their_samples(
    knowledge: Knowledge,
) -> None:
    answer = knowledge.ask("what is the worst force for wrongly cancelling rapes")
    assert (answer.intent, answer.rank, answer.offence) == ("rank", "worst", "rape")
    text = knowledge.render(answer)
    assert text.startswith("Among the 5 forces with a 2016-2020 audit sample size in our data")
    assert "Hampshire Constabulary has the worst (highest) share of reviewed rape" in text
    assert "3 of 19" in text.split("\n")[0] and "Crime Data Integrity inspection 2018" in text
    assert "Cheshire Constabulary, 43%" in text.split("\n")[0]  # higher, no sample: said first
    unsized = answer.group("no_sample")  # Cheshire's 43% has no sample size: listed apart
    assert "Cheshire Constabulary" in {f.force for f in unsized}
    assert "Not ranked: no sample size given" in text
    assert "5 forces with only 2014 figures are left out" in text


@pytest.mark.parametrize("question", ["good forces", "which forces are good"])
def test_a_grade_asked_of_forces_in_short_form_is_a_filter(
    knowledge: Knowledge, question: str
) -> None:
    answer = knowledge.ask(question)
    assert (answer.intent, answer.grade_filter) == ("filter", "good")
    assert answer.group("latest") and all(f.value == "good" for f in answer.group("latest"))


def test_a_lead_of_the_opposite_measure_says_so(knowledge: Knowledge) -> None:
    text = knowledge.reply("north yorkshire victims told")
    first = text.split("\n")[0]
    assert first.startswith("Our data has no figure for victims told their crime record was")
    assert "had not told 40% of the victims" in first and "the sample was 20 victims" in first
    assert text.count("40%") == 2  # the inspection and re-inspection rows are one finding


def test_probe_findings_stay_fixed(knowledge: Knowledge) -> None:
    """What reading the 100 framing-probe answers found (tests/data/framing_probe.jsonl)."""
    assert knowledge.ask("which forces are best at catching burglars").intent == "out_of_scope"
    closed = knowledge.ask("Hampshire rape records wrongly closed")
    assert closed.measure == "cancelled_incorrect"
    wales = knowledge.reply("north wales rape 2014")  # wrongly cancelled leads, not rightly
    assert wales.startswith("North Wales Police wrongly cancelled 7 of the 30 rape records")
    met = knowledge.ask("the Met")  # the newer PEEL 2022 estimate is shown, under its own title
    assert any(f.value == "69100" and f.inspection_year == 2022 for f in met.facts)
    ranked = knowledge.reply("lowest recording rates 2017")
    assert "of the 13 forces with a 2017 figure" in ranked and "latest figure" not in ranked
    assert knowledge.reply("England and Wales recording rate 2014").startswith("Police forces")
    essex = knowledge.reply("essex misclassified crimes")
    assert "2 (the source gives no sample size)" in essex
