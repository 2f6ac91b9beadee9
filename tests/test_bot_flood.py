"""Flood control: a sliding minute per reader, one slow-down reply, bounded memory."""

from __future__ import annotations

import pytest

from bot import flood
from bot.flood import FloodGate, Verdict


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_over_the_limit_warns_once_then_stays_quiet() -> None:
    gate = FloodGate(3, clock=Clock())
    verdicts = [gate.check(1) for _ in range(6)]
    assert verdicts == [Verdict.ANSWER] * 3 + [Verdict.SLOW_DOWN] + [Verdict.IGNORE] * 2
    assert gate.check(2) is Verdict.ANSWER  # others are served


def test_the_window_slides_and_the_warning_resets() -> None:
    clock = Clock()
    gate = FloodGate(2, clock=clock)
    gate.check(1)
    clock.now += 30
    gate.check(1)
    assert gate.check(1) is Verdict.SLOW_DOWN
    clock.now += 31  # the first question is now over a minute old
    assert gate.check(1) is Verdict.ANSWER
    assert gate.check(1) is Verdict.SLOW_DOWN  # told again: a new window


def test_quiet_readers_are_forgotten(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(flood, "PRUNE_EVERY", 10)
    clock = Clock()
    gate = FloodGate(5, clock=clock)
    for user in range(9):
        gate.check(user)
    clock.now += 61
    gate.check(100)  # the tenth check sweeps
    assert list(gate.readers) == [100]
