"""The labelled question set (tests/data/questions.jsonl), shared by the tests and bench/ask.py."""

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

QUESTIONS_FILE = Path(__file__).parent / "data" / "questions.jsonl"
# Written after the parser was tuned on questions.jsonl; first scored before any fix (README).
HELDOUT_FILE = Path(__file__).parent / "data" / "heldout.jsonl"


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

    @property
    def label(self) -> str:
        return f"{self.line}:{self.question[:40]}"


def load_labelled(path: Path = QUESTIONS_FILE) -> list[Labelled]:
    items = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if line.strip():
            items.append(_labelled(json.loads(line), number))
    return items


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
    )


def mismatches(item: Labelled, answer: Any, text: str) -> list[str]:
    """What differs between an answer and its label; empty when the answer is right."""
    problems = []
    for name in ("intent", "offence", "measure"):
        if getattr(answer, name) != getattr(item, name):
            problems.append(f"{name}: {getattr(answer, name)!r} != {getattr(item, name)!r}")
    if tuple(answer.forces) != item.forces:
        problems.append(f"forces: {list(answer.forces)} != {list(item.forces)}")
    if item.candidates and set(answer.candidates) != set(item.candidates):
        problems.append(f"candidates: {list(answer.candidates)} != {list(item.candidates)}")
    problems += [f"text lacks {needle!r}" for needle in item.contains if needle not in text]
    return problems


def wrong_force(item: Labelled, answer: Any) -> bool:
    """An answer that gives figures for a force the question did not ask about."""
    return bool(answer.facts) and bool(set(answer.forces) - set(item.forces))
