"""Each error a second independent audit found in 124 answers (21 answers with errors, 8
misunderstood questions), kept fixed. The truth linter (test_truth.py) checks the kinds that
generalise over every force and measure."""

from knowledge import Knowledge


def ask(knowledge: Knowledge, question: str) -> str:
    return knowledge.render(knowledge.ask(question), "text")


def lead_of(knowledge: Knowledge, question: str) -> str:
    return ask(knowledge, question).split("\n\n")[0]


def test_least_accurate_at_cancelling_ranks_the_highest_share_first(
    knowledge: Knowledge,
) -> None:
    answer = knowledge.ask("Least accurate force for cancelling robbery")
    assert answer.rank == "worst" and answer.lead is not None
    assert answer.lead.force == "Hampshire Constabulary"  # 6 of 18; Durham 7% is the lowest
    assert knowledge.ask("most accurate force for cancelling robbery").lead.force == (  # type: ignore[union-attr]
        "Durham Constabulary"
    )


def test_highest_wrongly_cancelled_lead_names_higher_figures_without_a_sample(
    knowledge: Knowledge,
) -> None:
    for question in (
        "Which force wrongly cancelled the most rapes?",
        "Which force has the highest share of wrongly cancelled rapes?",
    ):
        first = lead_of(knowledge, question)
        assert first.startswith("Among the 5 forces with a 2016-2020 audit sample size")
        assert "Cheshire Constabulary, 43%" in first and "Humberside Police, 4 rape" in first


def test_a_highest_first_list_never_ranks_a_force_that_had_none(knowledge: Knowledge) -> None:
    answer = knowledge.ask("Which force wrongly cancelled the most rapes?")
    ranked = answer.facts[: len(answer.places)]
    assert "Suffolk Constabulary" not in {f.force for f in ranked}
    text = knowledge.render(answer)
    assert "0 of 20" not in text and "Suffolk Constabulary (2019)" in text  # under "had none"


def test_a_later_inspections_figures_of_the_kind_are_shown_not_denied(
    knowledge: Knowledge,
) -> None:
    devon = ask(knowledge, "Devon and Cornwall recording rate")
    assert "no such figure" not in devon
    assert "18,900" in devon and "16%" in devon and "PEEL 2021/22" in devon
    lincs = ask(knowledge, "Lincolnshire unrecorded crime")
    assert "no such figure" not in lincs
    assert "just over 90%" in lincs and "5,800" in lincs


def test_a_year_asked_of_a_force_shows_every_finding_of_that_year(
    knowledge: Knowledge,
) -> None:
    beds = ask(knowledge, "What did the 2014 inspection find for Bedfordshire?")
    assert "45 of 55" in beds.split("\n\n")[0] and "9 rape records" in beds
    assert "99%" in lead_of(knowledge, "West Midlands crime recording 2014")
    notts = ask(knowledge, "Nottinghamshire 2014")
    assert "18 of 122" in notts and "no grade, recording-rate" not in notts
    kent = ask(knowledge, "Kent 2019")
    assert "no figures for Kent Police from 2019" in kent and "2017, 2018, 2022" in kent


def test_getting_better_shows_every_inspection_oldest_first(knowledge: Knowledge) -> None:
    text = ask(knowledge, "Is Devon and Cornwall getting better at recording crime?")
    assert "no such figure" not in text
    at = [text.index(s) for s in ("81.52%", "good", "18,900", "16%")]
    assert at == sorted(at)  # 2016, re-inspection 2018, PEEL 2021/22


def test_since_a_year_keeps_the_figure_between_two_others(knowledge: Knowledge) -> None:
    text = ask(knowledge, "Crime recording in Greater Manchester since 2016")
    at = [text.index(s) for s in ("around 85%", "around 89%", "77.7%")]
    assert at == sorted(at)
    kent = ask(knowledge, "How has Kent changed since 2014?")
    assert all(s in kent for s in ("83.6%", "96.6%", "25,400", "96.7%"))


def test_a_threshold_lists_exactly_the_forces_above_or_below_it(knowledge: Knowledge) -> None:
    above = knowledge.ask("Which forces have a recording rate above 95%?")
    assert {f.force for f in above.group("latest")} == {
        "Kent Police",
        "Cheshire Constabulary",
        "Essex Police",
    }
    below = {f.force for f in knowledge.ask("Which forces recorded less than 85% of crime?").facts}
    assert {"Derbyshire Constabulary", "Greater Manchester Police"} <= below
    assert "Cheshire Constabulary" not in below and "Avon and Somerset Constabulary" not in below


def test_welsh_forces_are_the_four_welsh_forces(knowledge: Knowledge) -> None:
    answer = knowledge.ask("Welsh forces crime recording")
    assert {f.force for f in answer.facts} == {
        "Dyfed-Powys Police",
        "Gwent Police",
        "North Wales Police",
        "South Wales Police",
    }


def test_rated_good_since_a_year_counts_only_grades_of_that_year_or_later(
    knowledge: Knowledge,
) -> None:
    answer = knowledge.ask("How many forces have been rated good since 2019?")
    latest = {f.force for f in answer.group("latest")}
    assert len(latest) == 10 and "Durham Constabulary" not in latest
    assert {f.force for f in answer.group("earlier")} == {"City of London Police"}
    assert "given in 2019 or later" in knowledge.render(answer)


def test_an_other_offence_row_is_never_called_other_offences(knowledge: Knowledge) -> None:
    text = ask(knowledge, "Cleveland 2014 cancelled crimes")
    assert "other offence" not in text
    assert "37 of the 84 crime records (of the offences the source names)" in text


def test_a_2014_force_with_none_is_said_to_have_had_none(knowledge: Knowledge) -> None:
    answer = knowledge.ask("Which forces wrongly cancelled rape records?")
    text = knowledge.render(answer)
    assert "Durham Constabulary" in {f.force for f in answer.group("only_2014")}
    if "Durham Constabulary (2014)" in text:  # names only: said with the forces that had none
        assert "Had none wrongly cancelled: Durham Constabulary (2014)" in text
    else:
        line = next(x for x in text.splitlines() if x.startswith("• Durham"))
        assert "none" in line or ": 0" in line
