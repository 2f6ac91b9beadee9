"""Generated conversations of several follow-ups and messages that attack the ways a force
enters a question (tests/chain_variants.py, tests/attack_variants.py): every step of a chain
must keep what it did not change, a comparison must never silently lose a side, and a place
name used as something else must never give figures for its force."""

import random

from chain_variants import SEED, Chain, chains, clarify_chains, list_chains
from test_variants import _problems
from variants import force_names

from knowledge import Knowledge
from knowledge.conversation import Conversation


def _towns(knowledge: Knowledge) -> dict[str, list[str]]:
    """Towns of at least 6 letters that belong to one force only, capitalised."""
    forces_of: dict[str, set[str]] = {}
    for row in knowledge.store.aliases:
        forces_of.setdefault(str(row["alias"]), set()).add(str(row["force"]))
    towns: dict[str, list[str]] = {}
    for alias, forces in sorted(forces_of.items()):
        if len(forces) == 1 and alias.isalpha() and len(alias) >= 6:
            towns.setdefault(forces.pop(), []).append(alias.title())
    return towns


def chain_failures(knowledge: Knowledge, family: list[Chain]) -> list[tuple[str, ...]]:
    failures = []
    for chain in family:
        conversation = Conversation()
        said = [chain.opening.text]
        answer = conversation.ask(knowledge, chain.opening.text)
        if problems := _problems(chain.opening, answer):
            failures.append((*said, "opening: " + "; ".join(problems)))
            continue
        for step in chain.steps:
            said.append(step.text)
            answer = conversation.ask(knowledge, step.text)
            if problems := _problems(step, answer):
                failures.append((*said, "; ".join(problems)))
                break
    return failures


def test_chains_of_follow_ups_keep_what_they_do_not_change(knowledge: Knowledge) -> None:
    rng = random.Random(SEED)
    family = list(chains(knowledge, force_names(knowledge), rng))
    assert len(family) >= 100
    assert chain_failures(knowledge, family) == []


def test_which_force_answered_by_position_country_or_town(knowledge: Knowledge) -> None:
    rng = random.Random(SEED)
    family = list(clarify_chains(knowledge, _towns(knowledge), rng))
    assert len(family) >= 80
    assert chain_failures(knowledge, family) == []


def test_follow_ups_after_rankings_filters_and_comparisons(knowledge: Knowledge) -> None:
    rng = random.Random(SEED)
    family = list(list_chains(knowledge, force_names(knowledge), rng))
    assert len(family) >= 50
    assert chain_failures(knowledge, family) == []
