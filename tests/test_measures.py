"""The measure registry is the one place a measure is declared, with the phrases people type."""

import pytest

from knowledge.measures import MEASURES, Measure, _phrase_table
from knowledge.slots import MEASURE_PRIORITY
from knowledge.vocabulary import MEASURE_WORDS


@pytest.mark.parametrize("m", MEASURES.values(), ids=lambda m: m.name)
def test_every_measure_declares_the_phrases_people_type_for_it(m: Measure) -> None:
    assert m.words and all(w == w.strip().lower() and w for w in m.words)
    # a question in its words is answered with a measure the parser can ask about
    assert m.answered_as in MEASURE_PRIORITY
    assert all(MEASURE_WORDS[w] == m.answered_as for w in m.words)


def test_the_parser_vocabulary_is_read_from_the_registry() -> None:
    declared = {w: m.answered_as for m in MEASURES.values() for w in m.words}
    assert declared == MEASURE_WORDS


def test_a_phrase_declared_for_two_measures_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    grade = MEASURES["grade"]
    twin = Measure("twin", "twin", "grade", None, "grade", ("rated",))
    monkeypatch.setitem(MEASURES, "twin", twin)
    with pytest.raises(ValueError, match="'rated' is declared for two measures"):
        _phrase_table()
    assert "rated" in grade.words
