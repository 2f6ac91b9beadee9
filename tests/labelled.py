"""The labelled question set (tests/data/questions.jsonl), shared by the tests and bench/ask.py."""

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

QUESTIONS_FILE = Path(__file__).parent / "data" / "questions.jsonl"
# Written after the parser was tuned on questions.jsonl; first scored before any fix (README).
HELDOUT_FILE = Path(__file__).parent / "data" / "heldout.jsonl"
# (The first held-back set, written before the matcher was rewritten, was retired into
# questions.jsonl and conversations.jsonl after its figures were reported: README.)
# (The second held-back set, written blind by someone else a session later, was retired into
# the same files after its figures were reported: README, "How well it understands".)
# (A third, conversation-heavy set by yet another writer was retired into the same files on
# 2026-11-22, after its figures were reported: README.)
# (A fourth set by a fourth writer, first scored before any matcher change of its session, was
# retired into questions.jsonl and conversations.jsonl after its figures were reported: README.)
# (A fifth set by a fifth writer, split at random from one pool with a tuning half, was
# retired into questions.jsonl and conversations.jsonl on 2026-11-22 after its figures were
# reported: README.)
# A sixth set by a sixth writer (2026-11-22, written as four kinds of reader), split at random
# from one pool with a tuning half; first scored on main after the fifth set's tuning (README).
HELDBACK6_FILE = Path(__file__).parent / "data" / "heldback6_questions.jsonl"
HELDBACK6_CONVERSATIONS = Path(__file__).parent / "data" / "heldback6_conversations.jsonl"
# A seventh set by a seventh writer (2026-11-22, four more kinds of reader: voice dictation, a
# retired officer's jargon, long polite messages, towns for forces), split at random from one
# pool with a tuning half; first scored on main before any matcher change of its session (README).
HELDBACK7_FILE = Path(__file__).parent / "data" / "heldback7_questions.jsonl"
HELDBACK7_CONVERSATIONS = Path(__file__).parent / "data" / "heldback7_conversations.jsonl"
# Every held-back set: (name, questions, conversations). Scored in totals only (bench/ask.py);
# it may be empty, between one set's retirement and the next set's arrival.
HELD_BACK_SETS: tuple[tuple[str, Path, Path], ...] = (
    ("held-back set 6", HELDBACK6_FILE, HELDBACK6_CONVERSATIONS),
    ("held-back set 7", HELDBACK7_FILE, HELDBACK7_CONVERSATIONS),
)
CONVERSATIONS_FILE = Path(__file__).parent / "data" / "conversations.jsonl"
UNSET: Any = object()  # a label that does not say which year or rank: not checked


@dataclass(frozen=True)
class Labelled:
    """One question with the intent, forces, offence, measure and figures it must give."""

    question: str
    intent: str
    forces: tuple[str, ...]
    candidates: tuple[str, ...]
    offence: str | None
    measure: str | None
    contains: tuple[str, ...] = field(default=())
    line: int = 0
    year: Any = UNSET
    rank: Any = UNSET

    @property
    def label(self) -> str:
        return f"{self.line}:{self.question[:40]}"


def load_labelled(path: Path = QUESTIONS_FILE) -> list[Labelled]:
    items = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if line.strip():
            items.append(_labelled(json.loads(line), number))
    return items


@dataclass(frozen=True)
class LabelledConversation:
    """Turns asked one after another in one chat, each labelled with what it should mean."""

    name: str
    turns: tuple[Labelled, ...]


def load_conversations(path: Path = CONVERSATIONS_FILE) -> list[LabelledConversation]:
    conversations = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if line.strip():
            row = json.loads(line)
            turns = tuple(_labelled(turn, number) for turn in row["turns"])
            conversations.append(LabelledConversation(f"{number}:{row['id']}", turns))
    return conversations


def _labelled(row: dict[str, Any], line: int) -> Labelled:
    return Labelled(
        question=row["question"] * int(row.get("repeat", 1)),
        intent=row["intent"],
        forces=tuple(row.get("forces") or ()),
        candidates=tuple(row.get("candidates") or ()),
        offence=row.get("offence"),
        measure=row.get("measure"),
        contains=tuple(row.get("contains") or ()),
        line=line,
        year=row.get("year", UNSET),
        rank=row.get("rank") or UNSET,
    )


def mismatches(item: Labelled, answer: Any, text: str) -> list[str]:
    """What differs between an answer and its label; empty when the answer is right."""
    problems = []
    for name in ("intent", "offence", "measure"):
        if getattr(answer, name) != getattr(item, name):
            problems.append(f"{name}: {getattr(answer, name)!r} != {getattr(item, name)!r}")
    if tuple(answer.forces) != item.forces:
        problems.append(f"forces: {list(answer.forces)} != {list(item.forces)}")
    for name in ("year", "rank"):
        expected = getattr(item, name)
        if expected is not UNSET and getattr(answer, name) != expected:
            problems.append(f"{name}: {getattr(answer, name)!r} != {expected!r}")
    if item.candidates and set(answer.candidates) != set(item.candidates):
        problems.append(f"candidates: {list(answer.candidates)} != {list(item.candidates)}")
    problems += [f"text lacks {needle!r}" for needle in item.contains if needle not in text]
    return problems


def wrong_force(item: Labelled, answer: Any) -> bool:
    """An answer that gives figures for a force the question did not ask about."""
    return bool(answer.facts) and bool(set(answer.forces) - set(item.forces))
