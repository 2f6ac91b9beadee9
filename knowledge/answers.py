"""The Answerer: routes a parsed question to the builder of its intent and gives every answer
its common fields; each force's figures are chosen in force_figures.py, the answers built in
force_answers.py and force_history.py (one force or a few) and the list modules (across forces)."""

from collections.abc import Callable
from dataclasses import replace
from functools import partial

from knowledge.answer import Answer, Group, InspectionRef
from knowledge.facts import Fact
from knowledge.followups import FollowUp, question_for
from knowledge.force_answers import MAX_FACTS, force_summary, lookup
from knowledge.force_comparisons import compare_forces
from knowledge.force_figures import ForceFigures
from knowledge.force_filters import forces_matching, forces_with_grade
from knowledge.force_history import force_history
from knowledge.grade_changes import grade_changes
from knowledge.national_figures import national_figures
from knowledge.overviews import offence_overview
from knowledge.query import Query
from knowledge.quoted_figures import with_quoted_figure
from knowledge.rankings import rank_forces
from knowledge.store import Store
from knowledge.whats_new import whats_new

__all__ = ["MAX_FACTS", "Answer", "Answerer", "Fact", "Group", "InspectionRef"]

_HISTORY_INTENTS = ("lookup", "force_summary")


class Answerer(ForceFigures):
    """Builds an Answer for each intent from the in-memory store."""

    def __init__(self, store: Store, cite: Callable[[Answer], str] | None = None) -> None:
        super().__init__(store)
        self.cite = cite  # the renderer's citation of an answer's lead figure
        self.builders: dict[str, Callable[[Query], Answer]] = {
            "lookup": partial(lookup, self),
            "force_summary": partial(force_summary, self),
            "offence_overview": partial(offence_overview, self),
            "national": partial(national_figures, self),
            "rank": partial(rank_forces, self),
            "filter": partial(forces_with_grade, self),
            "select": partial(forces_matching, self),
            "compare": partial(compare_forces, self),
            "clarify": self.clarify,
            "whats_new": self.whats_new,
            "unlisted": self.unlisted,
            "grade_change": self.grade_change,
        }

    def answer(self, query: Query) -> Answer:
        query = with_quoted_figure(query, self.facts_of)  # "Kent records 96.6% - right?"
        builder = self.builders.get(query.intent, self.plain)
        if query.country and not query.forces and query.intent == "offence_overview":
            query = self._of_country(query)  # "Welsh forces grades": those forces side by side
            builder = self.builders["compare"]
        if query.history and len(query.forces) == 1 and query.intent in _HISTORY_INTENTS:
            builder = partial(force_history, self)
        answer = builder(query)
        return replace(answer, citation=self.cite(answer)) if self.cite else answer

    def plain(self, query: Query) -> Answer:
        """help, glossary, out of scope: no figures, and no offence, measure or year answered."""
        return self.base(
            replace(query, offence=None, measure=None, year=None, years=()),
            glossary_term=query.glossary_term,
        )

    def grade_change(self, query: Query) -> Answer:
        return grade_changes(self, query)

    def unlisted(self, query: Query) -> Answer:
        """A list of forces by their run of inspections, or counts of crimes, that no answer
        builds; a count keeps its offence, so that the reply can say what the data has for it."""
        offence = query.offence if query.unlisted == "crime_counts" else None
        return replace(self.plain(query), topic=query.unlisted, offence=offence)

    def _of_country(self, query: Query) -> Query:
        rows = self.store.forces
        forces = tuple(f for f in rows if rows[f].get("country") == query.country)
        return replace(query, intent="compare", forces=forces)

    def whats_new(self, query: Query) -> Answer:
        return whats_new(self.store, query)

    def clarify(self, query: Query) -> Answer:
        follow_ups = tuple(
            FollowUp(
                force, question_for(self.short(force), query.offence, query.measure, query.year)
            )
            for force in query.candidates
        )
        return self.base(query, follow_ups=follow_ups)
