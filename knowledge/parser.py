"""Turn a question into a Query: intent, forces, offence, measure, year."""

import re
from dataclasses import replace
from typing import Final

from knowledge.focus import asking_sentence, split_sentences
from knowledge.force_match import ForceMatch
from knowledge.force_names import MAX_TOKENS, tokenize
from knowledge.fuzzy_names import FOCUS_WORDS
from knowledge.guards import FORCE_AFFAIRS, OFF_TOPIC_WORDS
from knowledge.matcher import ForceMatcher
from knowledge.named_elsewhere import club_spans
from knowledge.national_questions import (
    country_named,
    lowest_first,
    ranks_a_place,
    without_force,
)
from knowledge.normalise import normalise
from knowledge.not_police import ABROAD
from knowledge.query import INTENTS, Query
from knowledge.scope_evidence import other_subject
from knowledge.slot_filling import MEASURE, OFFENCE, slots_of
from knowledge.slots import off_topic, topic_only
from knowledge.spelling import Speller
from knowledge.years import years_named

__all__ = ["INTENTS", "Query", "parse"]  # INTENTS and Query live in knowledge.query

_WHATS_NEW = re.compile(
    r"\b(what'?s new|what is new|anything new|what'?s changed|what has changed|"
    r"what changed( recently)?|(latest|newest|recent|new) (inspections|reports|findings))\b"
)
# "which forces were inspected in 2014", "inspections in 2019", "2014 inspections": the forces
# with findings of that year in the data (what_new's year list), not the out-of-scope reply
_INSPECTED_IN = re.compile(
    r"\b((which|what|how many) forces? (were|was|got|have been|had been) inspected"
    r"|inspections? (in|of|from|during) 20[12]\d|20[12]\d inspections)\b"
)
# "went from inadequate to good - what changed?": the force's history, not what is new
_GRADE_STEP = re.compile(
    r"\bfrom (inadequate|requires improvement|adequate|good|outstanding) to "
    r"(inadequate|requires improvement|adequate|good|outstanding)\b"
)
# "what changed in the latest data", "what's new in the data": the data's own changes
_DATA_CHANGES = re.compile(r"\b(data|dataset|data set|database|figures)\b")
_COMPARING = re.compile(
    r"\b(compare|compared|comparison|versus|vs|v|against|than|both|between|difference|and|or)\b"
)


# Words that make a question about every force, whatever else the message names.
OVERVIEW_WORDS: Final = frozenset(
    {"which", "forces", "across", "every", "nationally", "national", "how"}
)
_FEW_SENTENCES = 8  # per-sentence checks only on messages of a few sentences
STANDS_ALONE: Final = frozenset({"national", "rank", "filter", "select", "glossary"})
# two forces weighed against each other: a comparison whatever other words come with it
_WEIGHED = re.compile(r"\b(than|versus|vs|v|compared?|comparison|against)\b")
# "south wales or south yorkshire, can't remember which": one of the forces is meant, not both
_UNSURE_WHICH = re.compile(
    r"\b(can ?t|cannot|don ?t|do not|not sure i|never) (remember|recall)\b|\bnot sure which\b"
    r"|\b(forget|forgotten|forgot) which\b|\bone or the other\b|\bwhichever it (is|was)\b"
)


def parse(text: str, matcher: ForceMatcher, speller: Speller | None = None) -> Query:
    """Read a question; never raises on odd input.

    In a long message of several sentences the one that asks is read alone first; the whole
    message is read only when that sentence needs something from the others (a force named
    before it). A short one is read whole ("Devon & Cornwall: how many crimes go unrecorded").
    """
    sentences = split_sentences(normalise(text))
    words_of = [speller.correct(tokenize(s)) if speller else tokenize(s) for s in sentences]
    starts = _sentence_starts(words_of)
    if _asks_whats_new(text) and not _GRADE_STEP.search(normalise(text).lower()):
        return _whats_new(text, matcher.match([w for words in words_of for w in words], starts))
    inspected = _inspected_in(text)
    if inspected is not None:  # "which forces were inspected in 2014?" (no force named)
        found = matcher.match([w for words in words_of for w in words], starts)
        if not (found.forces or found.ambiguous or found.elsewhere):
            return inspected
    if len(sentences) > 1 and sum(map(len, words_of)) > FOCUS_WORDS:
        plains = [" ".join(w.lower() for w in words) for words in words_of]
        index = asking_sentence(sentences, plains)
        if index is not None:
            query = _read(text, words_of[index], matcher)
            if _stands_alone(query, plains[index]):
                return replace(query, focus=sentences[index])
            every = [w for words in words_of for w in words][:MAX_TOKENS]
            whole = _read(text, every, matcher, starts)
            if len(whole.forces) > 1:  # "their grade?" after several forces: ask which
                return replace(query, intent="clarify", candidates=whole.forces)
            return whole
    whole = _read(
        text,
        [w for words in words_of for w in words][:MAX_TOKENS],
        matcher,
        starts,
        evidence=len(sentences) == 1,
    )
    if (
        whole.forces
        and 1 < len(sentences) <= _FEW_SENTENCES
        and _force_only_off_topic(words_of, matcher)
    ):
        return Query(text, "out_of_scope")  # "... cancelled. Devon weather this weekend"
    if len(whole.forces) > 1 and len(sentences) > 1:
        return _asking_forces(text, sentences, words_of, matcher) or whole
    return whole


def _asking_forces(
    text: str, sentences: list[str], words_of: list[list[str]], matcher: ForceMatcher
) -> Query | None:
    """ "Sarah Derby said we should ask. Sussex grade?": of a short message whose sentences
    name several forces, the sentence that asks, when it names a force and no comparison."""
    plains = [" ".join(w.lower() for w in words) for words in words_of]
    index = asking_sentence(sentences, plains)
    if index is None or _COMPARING.search(plains[index]):
        return None
    query = _read(text, words_of[index], matcher)
    return query if query.forces and query.intent != "clarify" else None


def _force_only_off_topic(words_of: list[list[str]], matcher: ForceMatcher) -> bool:
    """Whether every sentence naming a force says it of something else ("Devon weather this
    weekend") with no figure's words of its own, the figures' words being elsewhere."""
    naming = 0
    for words in words_of:
        plain = " ".join(w.lower() for w in words)
        if not matcher.match(words).forces:
            continue
        naming += 1
        if _fixture(plain) and not (OFFENCE.search(plain) or MEASURE.search(plain)):
            continue  # "... cancelled. Stoke City v Sunderland score": the match
        if not set(plain.split()) & OFF_TOPIC_WORDS or OFFENCE.search(plain):
            return False
        if MEASURE.search(plain):
            return False
    return naming > 0


def _sentence_starts(words_of: list[list[str]]) -> tuple[int, ...]:
    """The index of each sentence's first word in the message's words."""
    starts, at = [], 0
    for words in words_of:
        starts.append(at)
        at += len(words)
    return tuple(starts)


def _stands_alone(query: Query, plain: str) -> bool:
    """Whether the asking sentence is a whole question without the rest of the message."""
    if query.forces or query.candidates or query.not_police or query.intent in STANDS_ALONE:
        return True
    return query.intent == "offence_overview" and bool(OVERVIEW_WORDS & set(plain.split()))


def _read(
    text: str,
    words: list[str],
    matcher: ForceMatcher,
    starts: tuple[int, ...] = (0,),
    evidence: bool = False,
) -> Query:
    """The Query of these words (already normalised and mended) of the message `text`;
    `starts` are the indices of the words that begin a sentence. With `evidence`, a force
    named beside another subject and no word of ours is offered, not answered."""
    plain = " ".join(w.lower() for w in words)
    found = matcher.match(words, starts)
    base = slots_of(text, plain)
    if found.elsewhere:  # out of scope; a chat keeps what it asked ("what about Kent then")
        return replace(base, abroad=True)
    if found.abroad_too:  # "Hampshire police grade New Hampshire": which one is meant?
        forces = tuple(found.forces)
        return replace(base, intent="clarify", candidates=forces, unsure=True, not_police=ABROAD)
    if found.not_police and not found.forces and not found.ambiguous:
        return replace(base, not_police=found.not_police[0])
    if (
        _fixture(plain, base)
        or off_topic(plain)
        or (
            not (base.offence or base.measure)
            and (OFF_TOPIC_WORDS | FORCE_AFFAIRS) & set(plain.split())
        )
    ):
        return base
    if not found.forces and found.ambiguous and country_named(plain):  # "wales forces rates"
        return without_force(plain, replace(found, ambiguous=[]), base)
    if not found.forces and len(found.ambiguous) == 1 and ranks_a_place(plain, base):
        place = tuple(found.ambiguous[0])  # "best in the north east": its forces, ranked
        low = lowest_first(plain)  # "worst in the north east": lowest first
        return replace(base, intent="select", measure="recording_rate", forces=place, rank=low)
    if found.suggestions and not (found.forces or found.ambiguous) and found.national:
        found = replace(found, suggestions=[])  # "... press conference. recording rate in E&W"
    if found.ambiguous or (found.suggestions and (not found.forces or found.lost_side)):
        if (
            evidence
            and not (found.guesses or found.suggestions)  # "what have you got on cams": asked
            and _no_evidence(base)
            and other_subject(words, found.spans, matcher.words)
        ):
            return replace(base, candidates=tuple(found.forces))  # "the MP for Luton South"
        if (
            topic_only(plain, base.measure, text) and not base.offence
        ):  # "Gillingham crime recording"
            base = replace(base, measure=None)  # the summary of whichever force is meant
        return _clarify(found, base)
    if not found.forces:
        return without_force(plain, found, base)
    forces = tuple(found.forces)
    if (
        evidence
        and _no_evidence(base)
        and not (len(forces) > 1 and _WEIGHED.search(plain))  # "is kent better than essex"
        and other_subject(words, found.spans, matcher.words)
    ):
        return replace(base, candidates=forces)  # "Glastonbury tickets?": offered, no figures
    if len(forces) > 1 and " or " in f" {plain} " and _UNSURE_WHICH.search(plain):
        return replace(base, intent="clarify", candidates=forces)
    if len(forces) > 1:
        return replace(base, forces=forces, intent="compare")
    if topic_only(plain, base.measure, text) and not base.offence:  # "Llanelli crime recording"
        return replace(base, forces=forces, intent="force_summary", measure=None)
    if base.offence or base.measure:
        return replace(base, forces=forces, intent="lookup")
    return replace(base, forces=forces, intent="force_summary")


_FOOTBALL = "a football club"


def _fixture(plain: str, base: Query | None = None) -> bool:
    """ "Stoke City v Sunderland score": a club against another side, no figure of ours asked."""
    words = plain.split()
    return (
        not (base and (base.offence or base.measure))
        and bool({"v", "vs", "versus"} & set(words))
        and bool(club_spans(words))
    )


def _no_evidence(base: Query) -> bool:
    """No slot of ours filled: no offence, measure, year, grade, kind of inspection."""
    return not (
        base.offence or base.measure or base.year or base.years or base.kind_asked or base.history
    )


def _whats_new(text: str, found: ForceMatch) -> Query:
    """ "What's new", of every force or of the ones named; a place of several forces asks."""
    if found.elsewhere:
        return Query(text, "out_of_scope")
    if found.ambiguous:
        return _clarify(found, Query(text, "whats_new"))
    plain = " ".join(normalise(text).lower().split())
    changes = not found.forces and _DATA_CHANGES.search(plain) is not None
    return Query(text, "whats_new", forces=tuple(found.forces), data_changes=changes)


def _inspected_in(text: str) -> Query | None:
    """ "Which forces were inspected in 2014?": one year named, no force; else None."""
    plain = " ".join(normalise(text).lower().split())
    years = years_named(plain)
    if _INSPECTED_IN.search(plain) is None or len(years) != 1 or years[0] is None:
        return None
    if OFFENCE.search(plain) or MEASURE.search(plain):  # "2014 inspections of rape": a list
        return None
    return Query(text, "whats_new", year=years[0], years=years)


def _asks_whats_new(text: str) -> bool:
    """ "what's new", "latest inspections", "what changed recently" and the like."""
    plain = " ".join(normalise(text).lower().replace("\u2019", "'").split())
    return _WHATS_NEW.search(plain) is not None


def _clarify(found: ForceMatch, base: Query) -> Query:
    candidates = [f for group in found.ambiguous for f in group] or found.suggestions
    unique = tuple(dict.fromkeys(f for f in candidates if f not in found.forces))
    return replace(
        base,
        intent="clarify",
        forces=tuple(found.forces),
        candidates=unique,
        unsure=not found.ambiguous,
        guesses=tuple(found.guesses),
    )
