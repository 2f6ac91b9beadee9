"""What a question asks, before any figure is looked up: its intent and every slot a question
can fill (forces, offence, measure, year, rank, the list asked for)."""

from dataclasses import dataclass
from typing import Final

INTENTS: Final = (
    "lookup",
    "force_summary",
    "offence_overview",
    "national",
    "rank",
    "filter",
    "select",
    "compare",
    "glossary",
    "help",
    "clarify",
    "out_of_scope",
    "whats_new",
    "unlisted",
    "grade_change",
)


@dataclass(frozen=True)
class Query:
    """What a question asks, before any figure is looked up."""

    text: str
    intent: str
    forces: tuple[str, ...] = ()
    candidates: tuple[str, ...] = ()
    offence: str | None = None
    measure: str | None = None
    year: int | None = None
    years: tuple[int | None, ...] = ()  # two or more years named: each one's figures (None:
    # the latest, as in "since 2014")
    rank: str | None = None  # "most", "least", "best" or "worst"
    glossary_term: str | None = None
    unsure: bool = False  # candidates are "did you mean" guesses from a misspelling
    guesses: tuple[str, ...] = ()  # misspelt towns asked about: "Brighton (Sussex Police)"
    grade_filter: str | None = None  # "which forces are rated inadequate"
    not_police: str | None = None  # "a fire and rescue service": why it is out of scope
    focus: str = ""  # the sentence that asked, when the message had others around it
    history: bool = False  # "getting better", "since 2016", "how has it changed": every year
    threshold: tuple[str, float] | None = None  # "above 95%": ("above", 95.0)
    country: str | None = None  # "Welsh forces": the forces of one country
    ever: bool = False  # "at any point", "ever": every grade given, not only the latest
    kind_asked: str | None = None  # "PEEL grade": "peel"; "CDI grade": "cdi"
    unlisted: str | None = None  # a list no answer builds: "inspected_again"
    # "which forces went from inadequate to outstanding": (direction, from, to, at re-inspection)
    grade_change: tuple[str, str | None, str | None, bool] | None = None
    data_changes: bool = False  # "what changed in the latest data": not kept in the store
    abroad: bool = False  # "police scotland recording rate": a place or force we do not cover
