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
    # West Yorkshire's 2014 rape figure is 23 of 35 rightly cancelled: 7 counts wrongly cancelled
    assert "2014 audit figures for 7" not in text
    assert "2014 figures for wrongly cancelled rape records for 7 of the 43" in text


def test_a_count_is_not_called_higher_than_a_share(knowledge: Knowledge) -> None:
    text = ask(knowledge, "Which police force is worst for wrongly cancelling rapes?")
    first = text.split("\n\n")[0]
    assert "Humberside Police, 4 rape" not in first and "Humberside Police, 20%" in first
    assert "Not ranked: no sample size given (2)" in text  # counts the 2 it lists
