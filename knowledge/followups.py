"""Questions the bot can offer next (buttons, suggestions), written so they parse back exactly."""

from dataclasses import dataclass

from knowledge.vocabulary import CANCELLED_AUDIT_OFFENCES

MEASURE_PHRASES = {
    "cancelled_incorrect": "wrongly cancelled",
    "recording_rate": "recording rate",
    "unrecorded_per_year": "unrecorded crimes",
    "grade": "grade",
    "forces_with_incorrect_cancellations": "how many forces wrongly cancelled",
    "cancelled_crimes_recorded": "how many cancelled crimes nationally",
}
OFFENCE_PHRASES = {
    "all": "all crime",
    "other": "anti-social behaviour",
}


@dataclass(frozen=True)
class FollowUp:
    """A question to offer: a short label for a button and the question it asks."""

    label: str
    question: str


def question_for(
    force_short: str | None = None,
    offence: str | None = None,
    measure: str | None = None,
    year: int | None = None,
) -> str:
    """A question in the bot's own words that asks for exactly these parts."""
    parts = [
        force_short or "",
        OFFENCE_PHRASES.get(offence, offence or "") if offence else "",
        MEASURE_PHRASES.get(measure, "") if measure else "",
        str(year) if year else "",
    ]
    return " ".join(p for p in parts if p)


def other_offences(force_short: str, offence: str | None, measure: str | None) -> list[FollowUp]:
    """The cancelled-crime audit's other offences for the same force."""
    if measure != "cancelled_incorrect":
        return []
    return [
        FollowUp(f"{o.capitalize()}", question_for(force_short, o, measure))
        for o in CANCELLED_AUDIT_OFFENCES
        if o != offence
    ]
