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
        assert "Cheshire Constabulary, 43%" in first and "Humberside Police, 20%" in first


def test_a_highest_first_list_never_ranks_a_force_that_had_none(knowledge: Knowledge) -> None:
    answer = knowledge.ask("Which force wrongly cancelled the most rapes?")
    ranked = answer.facts[: len(answer.places)]
    assert "Suffolk Constabulary" not in {f.force for f in ranked}
    text = knowledge.render(answer)
    ranked_lines = [line for line in text.splitlines() if line.startswith("• ")]
    assert not any("0 of 20" in line for line in ranked_lines)
    had_none = next(line for line in text.splitlines() if line.startswith("Had none"))
    assert "Suffolk Constabulary (0 of 20 reviewed, 2019)" in had_none  # with its sample


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
    body = text.split("\n\n", 1)[1]  # after the lead, which sums the steps up (fifth audit)
    at = [body.index(s) for s in ("81.52%", "good", "18,900", "16%")]
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


def test_worst_for_rape_recording_lists_the_audits_unranked(knowledge: Knowledge) -> None:
    answer = knowledge.ask("Which force is worst for rape recording?")
    text = knowledge.render(answer)
    assert "1 of 1" not in text and "Worst" not in text
    assert text.startswith("Only one force has a recording rate for rape in our data")
    assert "Sussex Police, recorded 100%" in text  # the one rate, not ranked
    assert "not ranked against each other" in text
    # each audit under its own measure's name, with its sample
    assert "Gloucestershire Constabulary: crimes not recorded correctly (rape): 30 of 117" in text
    assert "Greater Manchester Police: crimes not recorded properly (rape): 34 of 181" in text
    assert answer.measure == "recording_rate" and not answer.places


def test_which_forces_were_inspected_in_a_year_lists_the_data_s_forces(
    knowledge: Knowledge,
) -> None:
    answer = knowledge.ask("Which forces were inspected in 2014?")
    text = knowledge.render(answer)
    assert answer.intent == "whats_new" and answer.year == 2014
    with_2014 = {
        f.force
        for f in knowledge.store.facts
        if f.inspection_year == 2014 and f.force in knowledge.store.forces
    }
    assert {ref.force for ref in answer.latest} == with_2014
    assert f"inspections of {len(with_2014)} of the 43 forces" in text
    assert "not every inspection the inspectorate did" in text
    assert "Durham Constabulary" in text and "Kent Police" not in text
    assert knowledge.ask("what did the 2014 inspections find for Kent").intent != "whats_new"


def test_lowest_sexual_offence_recording_names_the_unrecorded_share_apart(
    knowledge: Knowledge,
) -> None:
    text = ask(knowledge, "Lowest recording rate for sexual offences")
    first = text.split("\n\n")[0]
    assert "Gloucestershire Constabulary" in first and "16.7%" in first
    assert "a different measure" in first and "does not give it as a recording rate" in first
    assert "83.3" not in text  # never worked out from the share


def test_small_samples_fraud_and_intervals_keep_their_qualifiers(knowledge: Knowledge) -> None:
    told = ask(knowledge, "Lancashire victims told")
    assert "9 of the 15" in told and "small sample" in told.split("\n\n")[0]
    assert "excluding fraud" in lead_of(knowledge, "Dyfed-Powys recording rate")
    assert "85.6% of reported crime, excluding fraud" in ask(knowledge, "Sussex recording rate")
    devon = ask(knowledge, "worst recording rate")
    assert "some 16% (95% confidence interval +/- 3 percentage points)" in devon


def test_a_dataset_note_is_never_printed_as_the_source_s_words(knowledge: Knowledge) -> None:
    text = ask(knowledge, "How many crimes were recorded within 24 hours in Hertfordshire?")
    assert "the source says: “other =" not in text
    assert "the source says: “392 out of 412 other offences" in text
    assert "(our data's note, not the source's words: other = other offences)" in text
