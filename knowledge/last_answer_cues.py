"""Follow-ups about the last answer as a whole: its source again ("where's that from"), the
forces of its list ("which of those improved?", "the first one"), the forces with none after a
wrongly-cancelled list ("how many had none") and the worst single force after a national count
("which was worst")."""

import re
from dataclasses import replace

from knowledge.follow_up_cues import FIGURE_INTENTS, SHORT_FOLLOW_UP
from knowledge.frame import Frame
from knowledge.query import Query

# "where's that from", "source?", "link?", "which report is that from": the last answer again,
# with its source and citation
_ASKS_SOURCE = re.compile(
    r"^(the )?(source|sources|link|links|url|citation|reference|ref)( please| pls)?$"
    r"|\bwhere (is|s|was|do|does|did|are|re|were) (that|this|it|these|those|they|the figures?"
    r"|the numbers?|the data)( figures?| numbers?| data)? (from|come from|came from|coming from)\b"
    r"|\b(what|which) (is|s|was) (the|your|its|their) (source|sources|link)\b"
    r"|\b(source|sources|link|citation|reference) (for|of|to) (that|this|it|those|these)\b"
    r"|\bwhich (report|inspection|article) (is|was) (that|this|it) (from|in)\b"
    r"|\b(can|could) i (have|get|see) (the|a) (source|link|citation)\b"
    r"|^(please |pls |can you |could you )?(cite|quote|source) (that|this|it|those|these)\b"
)
# "how many had none", "and with none?", "which had zero": after a list of wrongly cancelled
# records, the forces with none of that offence
_HAD_NONE = re.compile(r"\b(had|have|has|with|got|found|showed) (none|zero|no one|nothing)\b")
_CANCELLED = frozenset({"cancelled_incorrect", "forces_with_incorrect_cancellations"})
# "which was worst", "which force was worst", "the worst one?": after the count of forces that
# wrongly cancelled an offence, the worst single force's share
_WHICH_WORST = re.compile(
    r"^(and |so |ok )?(which|who|what) (one |force |forces )?(was|were|is|s|did) (the )?worst"
    r"|^(and |so )?(the )?worst( one| force| of them)?$"
)
_FIGURES_AGAIN = FIGURE_INTENTS | {"force_summary", "national", "select", "filter"}


def source_of_last(query: Query, frame: Frame, plain: str) -> tuple[Query, tuple[str, ...]] | None:
    """ "where's that from" after a figure: the last question again, its answer giving each
    figure's inspection, year and source link, and the citation."""
    last = frame.last
    if (
        last is None
        or last.intent not in _FIGURES_AGAIN
        or query.forces
        or len(plain.split()) > SHORT_FOLLOW_UP
        or not _ASKS_SOURCE.search(plain)
    ):
        return None
    carried = [name for name in ("forces", "offence", "measure", "year") if getattr(last, name)]
    return replace(last, text=query.text, focus=query.focus), tuple(carried)


def none_of_the_list(
    query: Query, frame: Frame, plain: str
) -> tuple[Query, tuple[str, ...]] | None:
    """ "how many had none" after the forces that wrongly cancelled robbery: the forces with
    none wrongly cancelled, counted as the overview counts them."""
    if (
        query.forces
        or frame.measure not in _CANCELLED
        or not frame.offence
        or frame.offence == "all"
        or len(plain.split()) > SHORT_FOLLOW_UP
        or not _HAD_NONE.search(plain)
    ):
        return None
    none = replace(query, intent="offence_overview", offence=frame.offence)
    return replace(none, measure="cancelled_incorrect", year=None, years=()), ("offence",)


def worst_of_the_count(
    query: Query, frame: Frame, plain: str
) -> tuple[Query, tuple[str, ...]] | None:
    """ "which was worst" after how many forces wrongly cancelled sexual offences: the forces
    ranked by their share of that offence wrongly cancelled, worst first, so the answer names
    the worst force (Hampshire, 9 of 17) and not only the national "up to 53%"."""
    if (
        query.forces
        or frame.intent != "national"
        or frame.measure not in _CANCELLED
        or not frame.offence
        or not _WHICH_WORST.search(plain)
    ):
        return None
    worst = replace(query, intent="rank", rank="worst", measure="cancelled_incorrect")
    return replace(worst, offence=frame.offence, year=None, years=()), ("offence", "measure")


# "which of those improved?", "and among them, which got worse": the forces of the last list
_THOSE = re.compile(
    r"\b(of|among|amongst|from) (those|these|them|that list|the list|the ones listed)\b"
    r"|\b(those|these) (forces|ones)\b"
)
# "the latest grade for the first one", "tell me about the second force": one of the last list
_ORDINALS = ("first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth")
_ORDINAL = re.compile(
    r"\bthe (first|second|third|fourth|fifth|sixth|seventh|eighth|last|top) (one|force"
    r"|of (them|those|these|the list)|on the list|in the list|listed)\b"
    r"|\b(for|of|about) the (first|second|third|fourth|fifth|sixth|seventh|eighth|last)$"
)


def of_the_list(query: Query, frame: Frame, plain: str) -> tuple[Query, tuple[str, ...]] | None:
    """ "which of those improved?" after a list: the grade changes of the listed forces only;
    "the latest grade for the first one": that force of the list, by its place."""
    if query.forces or query.candidates or not frame.listed:
        return None
    ordinal = _ORDINAL.search(plain)
    if ordinal:
        word = next(w for w in ordinal.groups()[::-1] if w in (*_ORDINALS, "last", "top"))
        at = -1 if word == "last" else (0 if word == "top" else _ORDINALS.index(word))
        if at >= len(frame.listed):
            return None
        one = replace(query, forces=(frame.listed[at],), candidates=(), rank=None)
        named = bool(one.offence or one.measure)
        return replace(one, intent="lookup" if named else "force_summary"), ("forces",)
    if query.intent == "grade_change" and _THOSE.search(plain):
        return replace(query, forces=frame.listed), ("list",)
    return None
