"""Messages built to attack each way a force can enter a question: a place name used as a
surname, a football club, a newspaper, a street, a date or a town abroad, beside a question
about another force (or about none). Seeded, so a run is repeatable. Each comes with the only
forces its answer may give figures for."""

import random
from collections.abc import Iterator

QUESTIONS = (
    ("what is {}'s recording rate?", "recording_rate"),
    ("{} grade?", "grade"),
    ("how many crimes did {} fail to record", "unrecorded_per_year"),
    ("what grade did {} get", "grade"),
)
# Place names that are also surnames in England.
SURNAMES = (
    "Lincoln",
    "Derby",
    "Bolton",
    "Preston",
    "Chester",
    "Stafford",
    "Warwick",
    "Hastings",
    "Lancaster",
    "Winchester",
    "Bradford",
    "Buxton",
    "Whitby",
    "Kendal",
    "Durham",
    "Hull",
    "Sutton",
    "Barnes",
    "Ealing",
    "Bedford",
    "Ripley",
    "Selby",
    "Wakefield",
    "Walsall",
)
FIRST_NAMES = ("Sarah", "Tom", "Priya", "Mr", "Mrs", "Dr", "Ms", "Councillor", "DCI")
PERSON_FORMS = (
    "{first} {surname} here from the news desk: {question}",
    "My colleague {first} {surname} asked: {question}",
    "{first} {surname} wants to know - {question}",
    "{first} {surname} said we should ask. {question}",
)
CLUBS = (
    "Leeds United",
    "Nottingham Forest",
    "Preston North End",
    "Tottenham Hotspur",
    "Aston Villa",
    "Sheffield Wednesday",
    "Bristol Rovers",
    "Plymouth Argyle",
    "Derby County",
    "Stoke City",
    "Swansea City",
    "Norwich City",
    "Bolton Wanderers",
    "Wigan Athletic",
    "Brighton and Hove Albion",
    "Newcastle United",
    "Crystal Palace",
    "Queens Park Rangers",
    "Leyton Orient",
    "Crewe Alexandra",
    "Everton",
    "Chelsea",
    "Arsenal",
    "Fulham",
    "Millwall",
)
CLUB_FORMS = (
    "{club} lost again. {question}",
    "{club} fans keep asking me: {question}",
    "After the {club} game, {question}",
    "{club} won on Saturday! Anyway, {question}",
)
PAPERS = (
    "Manchester Evening News",
    "Liverpool Echo",
    "Northern Echo",
    "Yorkshire Post",
    "Birmingham Mail",
    "Bristol Post",
    "Western Mail",
    "Oxford Mail",
    "Kent Messenger",
    "Leicester Mercury",
    "Lancashire Telegraph",
    "Nottingham Post",
    "Cambridge News",
    "Surrey Advertiser",
    "Essex Chronicle",
    "Hull Daily Mail",
    "Derby Telegraph",
)
PAPER_FORMS = (
    "I write for the {paper}: {question}",
    "The {paper} ran a story on it. {question}",
    "{paper} reporter here, {question}",
)
STREETS = ("Road", "Street", "Avenue", "Lane", "Way", "Close", "Crescent", "Terrace")
STREET_PLACES = (
    "Oxford",
    "Derby",
    "Kent",
    "Cambridge",
    "Bath",
    "Chester",
    "Lincoln",
    "Devon",
    "Norfolk",
    "Warwick",
    "Gloucester",
    "Old Kent",
    "York",
    "Durham",
    "Bedford",
)
STREET_FORMS = (
    "I'm on {street}, {question}",
    "Our office is on {street}. {question}",
    "A reader from {street} asked: {question}",
)
DATE_FORMS = (
    "In March 2019 {question}",
    "On 3 March, {question}",
    "Back in March 2017, {question}",
)
ABROAD = (
    "Boston, Massachusetts",
    "Perth, Australia",
    "London, Ontario",
    "Birmingham, Alabama",
    "Richmond, Virginia",
    "Newcastle, New South Wales",
    "Plymouth, Massachusetts",
    "Cambridge, Massachusetts",
    "Hamilton, Ontario",
    "Manchester, New Hampshire",
    "Durham, North Carolina",
    "Dover, Delaware",
    "Bristol, Connecticut",
    "Reading, Pennsylvania",
)
ABROAD_FORMS = (
    "{place} recording rate",
    "what grade did {place} police get",
    "I'm in {place}, {question}",
    "Visiting {place} this week. {question}",
)


def attacks(names: dict[str, str], rng: random.Random) -> Iterator[tuple[str, tuple[str, ...]]]:
    """(message, forces the answer may name) for each family; `names` maps force to a name
    that needs no capital ("kent", "the met")."""
    forces = sorted(names)

    def question() -> tuple[str, str]:
        force = rng.choice(forces)
        return rng.choice(QUESTIONS)[0].format(names[force]), force

    for _ in range(40):
        q, force = question()
        form = rng.choice(PERSON_FORMS)
        text = form.format(first=rng.choice(FIRST_NAMES), surname=rng.choice(SURNAMES), question=q)
        yield text, (force,)
    for club in CLUBS:
        q, force = question()
        yield rng.choice(CLUB_FORMS).format(club=club, question=q), (force,)
    for paper in PAPERS:
        q, force = question()
        yield rng.choice(PAPER_FORMS).format(paper=paper, question=q), (force,)
    for place in STREET_PLACES:
        q, force = question()
        street = f"{place} {rng.choice(STREETS)}"
        yield rng.choice(STREET_FORMS).format(street=street, question=q), (force,)
    for form in DATE_FORMS:
        for _ in range(3):
            q, force = question()
            yield form.format(question=q), (force,)
    for place in ABROAD:
        q, force = question()
        form = rng.choice(ABROAD_FORMS)
        allowed = (force,) if "{question}" in form else ()
        yield form.format(place=place, question=q), allowed
