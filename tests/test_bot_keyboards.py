"""Buttons: every callback_data the bot can make fits in 64 bytes and decodes to its question."""

from __future__ import annotations

import itertools

import pytest

from bot.keyboards import (
    EXAMPLE_QUESTIONS,
    MAX_CALLBACK_BYTES,
    QuestionBook,
    all_callback_data,
    answer_keyboard,
    decode,
    encode,
    examples_keyboard,
)
from knowledge import Knowledge
from knowledge.followups import MEASURE_PHRASES, OFFENCE_PHRASES
from knowledge.vocabulary import CANCELLED_AUDIT_OFFENCES

OFFENCES = ["", *CANCELLED_AUDIT_OFFENCES, *OFFENCE_PHRASES.values()]
MEASURES = ["", *MEASURE_PHRASES.values()]


def questions(knowledge: Knowledge) -> list[str]:
    """Every force by short and full name with every offence, measure and a year; overviews,
    ranks, ambiguous and misspelled names."""
    forces = [n for name, f in knowledge.store.forces.items() for n in (name, f["short_name"])]
    asked = [
        " ".join(part for part in parts if part)
        for parts in itertools.product(forces, OFFENCES, MEASURES, ["", "2017"])
    ]
    extra = ["West robbery", "North", "Yorkshire rape", "Wales", "london", "Hertfordshir"]
    overviews = [f"{o} {m}" for o, m in itertools.product(OFFENCES, MEASURES)]
    return asked + extra + overviews + [f"worst {m}" for m in MEASURES] + list(EXAMPLE_QUESTIONS)


def test_every_button_fits_in_64_bytes_and_round_trips(knowledge: Knowledge) -> None:
    book = QuestionBook()
    seen = 0
    for question in questions(knowledge):
        answer = knowledge.ask(question)
        markup = answer_keyboard(answer, book)
        for data in all_callback_data(markup):
            assert len(data.encode("utf-8")) <= MAX_CALLBACK_BYTES, data
            if data[0] not in "ae":  # another feature's button (charts: "c:")
                continue
            press = decode(data, book)
            assert press is not None and press.edit == (answer.intent == "clarify")
            assert press.question in {f.question for f in answer.follow_ups}
            seen += 1
    assert seen > 10_000


def test_clarify_buttons_edit_and_others_ask(knowledge: Knowledge) -> None:
    book = QuestionBook()
    clarify = answer_keyboard(knowledge.ask("West robbery"), book)
    assert clarify is not None
    assert [row[0].text for row in clarify.inline_keyboard] == [
        "West Mercia Police",
        "West Midlands Police",
        "West Yorkshire Police",
    ]
    assert all(data.startswith("e:") for data in all_callback_data(clarify))
    lookup = answer_keyboard(knowledge.ask("Herts robbery cancellations?"), book)
    assert lookup is not None
    ours = [data for data in all_callback_data(lookup) if data[0] in "ae"]
    assert len(ours) == 5 and all(data.startswith("a:") for data in ours)
    assert lookup.inline_keyboard[-1][0].url is not None  # the source, last


def test_examples_keyboard() -> None:
    markup = examples_keyboard(QuestionBook())
    book = QuestionBook()
    datas = all_callback_data(markup)
    assert [decode(d, book) and decode(d, book).question for d in datas] == list(  # type: ignore[union-attr]
        EXAMPLE_QUESTIONS
    )
    assert "Herts robbery cancellations?" in EXAMPLE_QUESTIONS and 3 <= len(datas) <= 4


@pytest.mark.parametrize("question", ["é" * 40, "x" * 63, "Kent " * 100, "🚓" * 20])
def test_long_questions_go_into_the_book(question: str) -> None:
    book = QuestionBook()
    data = encode(question, book)
    assert len(data.encode("utf-8")) <= MAX_CALLBACK_BYTES
    assert decode(data, book) == decode(encode(question, book, edit=False), book)
    press = decode(data, book)
    assert press is not None and press.question == question


def test_the_book_is_bounded_and_forgets_the_oldest() -> None:
    book = QuestionBook(size=3)
    first = encode("q" * 70, book)
    for n in range(3):
        encode(f"{n}" * 70, book)
    assert decode(first, book) is None and len(book.by_id) == 3 and len(book.ids) == 3
    again = encode("1" * 70, book)
    assert encode("1" * 70, book) == again  # the same question keeps its number


@pytest.mark.parametrize("data", [None, "", "a", "a:", "a: ", "a#zz", "a#", "z:Kent", "e#-1"])
def test_junk_callback_data_decodes_to_none(data: str | None) -> None:
    assert decode(data, QuestionBook()) is None
