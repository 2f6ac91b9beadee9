"""Comparisons with a side mistyped must never silently lose it, and place names used as
something else (tests/attack_variants.py) must never give figures for their force."""

import random

from attack_variants import attacks
from chain_variants import SEED, lossy_comparisons
from variants import force_names

from knowledge import Knowledge


def lost_sides(knowledge: Knowledge, seed: int = SEED) -> list[tuple[str, tuple[str, ...], bool]]:
    """Comparisons answered without one of their sides; True where another force's figures
    were given instead."""
    rng = random.Random(seed)
    lost = []
    for text, both in lossy_comparisons(knowledge, force_names(knowledge), rng):
        answer = knowledge.ask(text)
        if answer.intent != "clarify" and set(both) - set(answer.forces):
            other = bool(answer.facts) and bool(set(answer.forces) - set(both))
            lost.append((text, answer.forces, other))
    return lost


def test_a_comparison_never_silently_loses_a_side(knowledge: Knowledge) -> None:
    # 66 of these lost a side before the rule, 14 after it (5 of them for another force: a
    # misspelt town as close to another real town, or "S York"); a misspelt town in a
    # comparison now asks "did you mean", so none answers for another force. The 3 that were
    # left lost a side to a word mended into vocabulary ("lowestift" -> lowest) or a side of
    # several words ("st bbees"): a side is now up to 3 words, and a word beside "vs"/"or" as
    # close to a town as to a vocabulary word is left to the matcher, so none is lost.
    lost = lost_sides(knowledge)
    assert [text for text, _, other in lost if other] == []
    assert lost == []


def test_no_seed_gives_a_comparison_another_forces_figures(knowledge: Knowledge) -> None:
    """On 20 other seeds (4,000 comparisons), a misspelt longer place that starts or ends with
    another force's place ("chester lw street", "Wells Net The Sea", "Eaast Keswick", "bidfford
    on avon") is asked about, never answered for the shorter place's force (6 of 4,000 were
    before). A side may still be lost to a misspelling too far from any name."""
    wrong = [
        text for seed in range(1, 21) for text, _, other in lost_sides(knowledge, seed) if other
    ]
    assert wrong == []


def wrong_forces(knowledge: Knowledge) -> list[tuple[str, tuple[str, ...]]]:
    rng = random.Random(SEED)
    names = {f: row["short_name"].lower() for f, row in knowledge.store.forces.items()}
    wrong = []
    for text, allowed in attacks(names, rng):
        answer = knowledge.ask(text)
        if answer.facts and set(answer.named_forces) - set(allowed):
            wrong.append((text, answer.named_forces))
    return wrong


def test_place_names_used_as_something_else_never_give_their_force(
    knowledge: Knowledge,
) -> None:
    assert wrong_forces(knowledge) == []
