"""Generated variants of every labelled question and conversation turn (tests/variants.py):
what a reader might type instead must never give figures for a force the question did not
name, ordinary sentences around a question must never add a force, and a follow-up must carry
what it leaves out and never keep answering for the old force when it names a new one."""

import random

from labelled import Labelled, load_conversations, load_labelled, mismatches
from variants import SEED, FollowUp, follow_ups, force_names, padded_variants, question_variants

from knowledge import Knowledge
from knowledge.answers import Answer
from knowledge.conversation import Conversation

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
