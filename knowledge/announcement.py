"""The facts of one inspection, as an Answer that templates/announcement.j2 speaks."""

from knowledge.answer import Answer, InspectionRef
from knowledge.facts import Fact
from knowledge.figure_choice import latest_per_figure
from knowledge.force_figures import MAX_FACTS
from knowledge.store import Store

HEADLINE_MEASURES = ("grade", "recording_rate", "cancelled_incorrect", "cancelled_incorrect_pct")


class UnknownInspection(LookupError):
    """The findings database has no inspection with that force and title."""


def inspection_facts(store: Store, force: str, title: str) -> list[Fact]:
    """The inspection's headline figures: grade, recording rate, cancelled-crime audits.

    An inspection without any of those (a news report of one count) gives its other figures.
    """
    own = store.inspection_facts(force, title)
    if not own:
        raise UnknownInspection(f"no inspection {title!r} of {force} in the findings database")
    headline = [
        f
        for f in own
        if f.measure in HEADLINE_MEASURES
        and (f.offence == "all" or f.measure.startswith("cancelled"))
    ]
    chosen = latest_per_figure(headline or own)
    return sorted(
        chosen,
        key=lambda f: (
            HEADLINE_MEASURES.index(f.measure)
            if f.measure in HEADLINE_MEASURES
            else len(HEADLINE_MEASURES)
        ),
    )


def announcement(store: Store, force: str, title: str) -> Answer:
    """An Answer with intent "announcement": render it with Knowledge.render(answer, "html")."""
    facts = inspection_facts(store, force, title)
    return Answer(
        question="",
        intent="announcement",
        forces=(force,),
        facts=tuple(facts[:MAX_FACTS]),
        more=max(0, len(facts) - MAX_FACTS),
        latest=(InspectionRef(force, title, facts[0].inspection_year),),
    )
