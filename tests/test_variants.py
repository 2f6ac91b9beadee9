"""Generated variants of every labelled question and conversation turn (tests/variants.py):
what a reader might type instead must never give figures for a force the question did not
name, ordinary sentences around a question must never add a force, and a follow-up must carry
what it leaves out and never keep answering for the old force when it names a new one."""

import random
import re

from labelled import Labelled, load_conversations, load_labelled, mismatches
from variants import SEED, FollowUp, follow_ups, force_names, padded_variants, question_variants

from knowledge import Knowledge
from knowledge.answers import Answer
from knowledge.conversation import Conversation
from knowledge.loader import DATA_DIR, read_aliases, read_forces

NO_FORCE_INTENTS = {"national", "offence_overview", "rank", "glossary", "out_of_scope", "filter"}


def test_variants_of_questions_never_name_a_wrong_force(knowledge: Knowledge) -> None:
    rng = random.Random(SEED)
    wrong, asked = [], 0
    for item in load_labelled():
        if not item.forces:
            continue
        for text in question_variants(item, knowledge, rng):
            answer = knowledge.ask(text)
            asked += 1
            if answer.facts and set(answer.forces) - set(item.forces):
                wrong.append((text, answer.forces))
    assert asked > 3000
    assert wrong == []


def test_ordinary_sentences_never_add_a_force(knowledge: Knowledge) -> None:
    rng = random.Random(SEED)
    acquired, asked = [], 0
    for item in load_labelled():
        if item.forces or item.intent not in NO_FORCE_INTENTS | {"help"}:
            continue
        for text in padded_variants(item, rng):
            answer = knowledge.ask(text)
            asked += 1
            if answer.forces or answer.candidates:
                acquired.append((text, answer.forces, answer.candidates))
    assert asked > 400
    assert acquired == []


def _problems(follow: FollowUp, answer: Answer) -> list[str]:
    problems = []
    if follow.forces is not None:
        others = set(answer.named_forces) - {*follow.forces, *follow.also}
        if answer.facts and others and follow.forces:  # a national answer lists every force
            problems.append(f"wrong force {answer.named_forces}")
        if set(follow.forces) - set(answer.forces) or (not follow.forces and answer.forces):
            problems.append(f"forces {answer.forces}")
    for name in ("offence", "measure", "year"):
        expected = getattr(follow, name)
        if expected is not False and getattr(answer, name) != expected:
            problems.append(f"{name} {getattr(answer, name)!r} != {expected!r}")
    if follow.intent and answer.intent != follow.intent:
        problems.append(f"intent {answer.intent!r}")
    if follow.rank and answer.rank != follow.rank:
        problems.append(f"rank {answer.rank!r}")
    return problems


def _replayed(knowledge: Knowledge, turns: tuple[Labelled, ...]) -> Conversation | None:
    """The conversation after these turns; None when the last was misread (its frame is not
    the label's; the labelled-conversation test counts it)."""
    conversation = Conversation()
    for turn in turns:
        answer = conversation.ask(knowledge, turn.question)
    if mismatches(turns[-1], answer, knowledge.render(answer)):
        return None
    return conversation


def test_follow_ups_carry_the_frame_and_never_the_old_force(knowledge: Knowledge) -> None:
    rng = random.Random(SEED)
    names = force_names(knowledge)
    failures, asked = [], 0
    for talk in load_conversations():
        for index, turn in enumerate(talk.turns):
            for follow in follow_ups(turn, knowledge, names, rng):
                conversation = _replayed(knowledge, talk.turns[: index + 1])
                if conversation is None:
                    continue
                answer = conversation.ask(knowledge, follow.text)
                asked += 1
                if problems := _problems(follow, answer):
                    failures.append((talk.name, turn.question, follow.text, problems))
    assert asked > 1000
    assert failures == []


def _short_forms() -> dict[str, set[str]]:
    """Place names that are also the short form of a joined name ("Newcastle" of "Newcastle upon
    Tyne" and "Newcastle-under-Lyme") and stand for two or more forces in the gazetteer."""
    forces = {row["force"] for row in read_forces(DATA_DIR / "forces.csv")}
    places: dict[str, set[str]] = {}
    for name in ("aliases.csv", "places.csv"):
        for row in read_aliases(DATA_DIR / name, forces):
            if row["kind"] == "place":
                places.setdefault(str(row["alias"]), set()).add(str(row["force"]))
    joined = {
        re.split(SHORT_FORM_JOIN, alias)[0] for alias in places if SHORT_FORM_JOIN.search(alias)
    }
    return {alias: fs for alias, fs in places.items() if alias in joined and len(fs) > 1}


SHORT_FORM_JOIN = re.compile(r"[ -](?:upon|under|on|in|le|by|next|super|en|cum)[ -]")
SHORT_FORM_QUESTIONS = (
    "{} recording rate",
    "{} police grade",
    "how well do they record crime in {}",
)


def test_a_short_form_of_towns_in_two_forces_asks_which(knowledge: Knowledge) -> None:
    short_forms = _short_forms()
    assert {"newcastle", "richmond", "kingston", "leigh", "sutton"} <= set(short_forms)
    wrong = []
    for alias, forces in short_forms.items():
        title = " ".join(word.capitalize() for word in alias.split())
        for template in SHORT_FORM_QUESTIONS:
            answer = knowledge.ask(template.format(title))
            if answer.facts or set(answer.candidates) != forces:
                wrong.append((template.format(title), answer.intent, answer.candidates))
    assert len(short_forms) > 20
    assert wrong == []


def test_the_long_form_or_a_dominant_short_form_names_one_force(knowledge: Knowledge) -> None:
    expected = {
        "Newcastle upon Tyne grade": "Northumbria Police",
        "Newcastle-under-Lyme grade": "Staffordshire Police",
        "Richmond upon Thames recording rate": "Metropolitan Police Service",
        "Kingston upon Hull grade": "Humberside Police",
        "Burton recording rate": "Staffordshire Police",
        "Weston recording rate": "Avon and Somerset Constabulary",
        "Bolton recording rate": "Greater Manchester Police",
    }
    assert {text: knowledge.ask(text).forces for text in expected} == {
        text: (force,) for text, force in expected.items()
    }
