"""Each error a third independent audit found in 114 answers (14 answers with errors, 11
misunderstood questions), kept fixed. The truth linter (truth_more.py) checks the kinds that
generalise over every measure."""

from knowledge import Knowledge


def ask(knowledge: Knowledge, question: str) -> str:
    return knowledge.render(knowledge.ask(question), "text")


def test_top_n_of_a_bad_measure_lists_the_worst_first(knowledge: Knowledge) -> None:
    answer = knowledge.ask("Top 5 forces for wrongly cancelled sexual offences")
    assert answer.rank == "worst" and answer.lead is not None
    assert answer.lead.force == "Hampshire Constabulary"  # 9 of 17, worst of 43 in the source
    assert knowledge.ask("top 5 forces for recording rate").rank == "best"


def test_peel_2023_25_names_the_inspection_not_the_year_2023(knowledge: Knowledge) -> None:
    for question in (
        "Did any force get outstanding in PEEL 2023-25?",
        "outstanding in PEEL 2023–2025",
    ):
        assert knowledge.parse(question).year is None
        text = ask(knowledge, question)
        assert "None of the 0" not in text and "City of London Police" in text
    assert knowledge.parse("gmp recording rate 2015-16").year == 2016


def test_2014_count_names_what_it_counts(knowledge: Knowledge) -> None:
    text = ask(knowledge, "Which forces had 2014 audit figures for rape?")
    # West Yorkshire's 2014 rape figure is 23 of 35 rightly cancelled: counted since audit 4
    assert "2014 audit figures for 7" not in text
    assert "2014 audit figures for cancelled rape records for 8 of the 43" in text


def test_a_count_is_not_called_higher_than_a_share(knowledge: Knowledge) -> None:
    text = ask(knowledge, "Which police force is worst for wrongly cancelling rapes?")
    first = text.split("\n\n")[0]
    assert "Humberside Police, 4 rape" not in first and "Humberside Police, 20%" in first
    assert "Not ranked: no sample size given (2)" in text  # counts the 2 it lists


def test_inadequate_at_any_point_leads_with_every_force_ever_given_it(
    knowledge: Knowledge,
) -> None:
    for question in (
        "Which forces got an inadequate grade at any point?",
        "which forces have ever been rated inadequate",
        "which forces were graded inadequate at some point",
    ):
        lead = ask(knowledge, question).split("\n")[0]
        assert lead.startswith("15 of the 43 forces"), lead  # 7 latest + 8 earlier
        assert "Cheshire Constabulary" in lead and "Derbyshire Constabulary" in lead
    latest_only = ask(knowledge, "which forces are rated inadequate").split("\n")[0]
    assert latest_only.startswith("7 of the 43") and "latest grade" in latest_only


def test_a_changed_grade_shows_the_final_one_first_in_every_answer(knowledge: Knowledge) -> None:
    for question in (
        "Has Staffordshire's grade changed?",  # history
        "staffordshire 2016",  # the year's summary
        "what was staffordshire's grade in 2016?",  # grade lookup
    ):
        text = ask(knowledge, question)
        assert "Another source gives a different figure" not in text, question
        good = text.index("judgement (how well the force records crime): good")
        first_published = text.index("The grade first published")
        assert good < first_published < text.index("requires improvement;"), question


def test_a_grade_of_the_kind_not_in_our_data_says_so_first(knowledge: Knowledge) -> None:
    lead = ask(knowledge, "Hertfordshire PEEL grade").split("\n")[0]
    assert lead.startswith("Our data has no PEEL grade for Hertfordshire Constabulary")
    assert "crime data integrity judgement" in lead and "2017" in lead
    # the kind asked is the one answered when the data has it
    cdi = ask(knowledge, "kent cdi grade").split("\n")[0]
    assert "crime data integrity judgement" in cdi and "Our data has no" not in cdi
    assert "PEEL grade for recording data about crime" in ask(knowledge, "kent peel grade")


def test_a_trend_question_gets_both_years_and_the_source_s_direction(knowledge: Knowledge) -> None:
    for question in (
        "Is the national recording rate going up or down?",
        "national recording rate over time",
    ):
        lead = ask(knowledge, question).split("\n")[0]
        assert "94.8%" in lead and "up from 80.5%" in lead and "2014" in lead, lead
        assert "has risen from 80.5 percent in 2014 to 94.8 percent" in lead


def test_a_threshold_on_wrongly_cancelled_lists_only_the_shares_above_it(
    knowledge: Knowledge,
) -> None:
    answer = knowledge.ask("Which forces had more than 10% of sexual offences wrongly cancelled?")
    sized = {f.force for f in answer.group("wrongly")}
    unsized = {f.force for f in answer.group("wrongly_unsized")}
    assert sized == {
        "Hampshire Constabulary",
        "Gwent Police",
        "North Yorkshire Police",
        "Cleveland Police",
    }
    assert unsized == {"Humberside Police", "Avon and Somerset Constabulary"}
    for fact in answer.group("wrongly") + answer.group("wrongly_unsized"):
        assert (fact.number or 0) > 10, fact  # Northamptonshire's 10% is not more than 10%
    text = knowledge.render(answer, "text")
    assert text.startswith("4 of the 43 forces had more than 10%")
    assert "2 more had a share more than 10% but the source gives no sample size" in text
    for below in ("Hertfordshire Constabulary", "Durham Constabulary", "Suffolk Constabulary"):
        assert below not in text


def test_a_different_measure_of_the_ranked_offence_is_listed_apart(knowledge: Knowledge) -> None:
    for question in (
        "Best force at recording violent crime",
        "which force records the most violent crime",
    ):
        text = ask(knowledge, question)
        apart = text[text.index("Not ranked: share of crimes left unrecorded") :]
        assert "Wiltshire Police: share not recorded (violence): 12.3%" in apart
        assert "Greater Manchester Police" in apart


def test_a_short_line_keeps_the_not_a_crime_data_inspection_note(knowledge: Knowledge) -> None:
    text = ask(knowledge, "Which forces record less than 90% of crime?")
    also = next(line for line in text.split("\n") if line.startswith("Also:"))
    assert "Greater Manchester Police (2020, not a crime data integrity inspection)" in also
