"""The words of the findings data and the words people use for them."""

from typing import Final

from knowledge.glossary import GLOSSARY_CUES as GLOSSARY_CUES
from knowledge.glossary import GLOSSARY_TERMS as GLOSSARY_TERMS
from knowledge.glossary import MEANING_CUES as MEANING_CUES
from knowledge.measures import FAMILIES as FAMILIES
from knowledge.measures import MEASURE_KINDS as _MEASURE_KINDS
from knowledge.measures import MEASURE_PHRASES
from knowledge.measures import NATIONAL_MEASURES as NATIONAL_MEASURES
from knowledge.measures import RECORDING_AUDITS as RECORDING_AUDITS

NATIONAL: Final = "England and Wales"

OFFENCES: Final = (
    "all",
    "violence",
    "sexual offences",
    "rape",
    "robbery",
    "domestic abuse",
    "vulnerable victims",
    "modern slavery",
    "other",
)
CANCELLED_AUDIT_OFFENCES: Final = ("rape", "sexual offences", "violence", "robbery")
GRADES: Final = ("outstanding", "good", "adequate", "requires improvement", "inadequate")
SOURCE_KINDS: Final = ("inspectorate", "police_or_pcc", "news")

# Measures are declared once in knowledge.measures (kinds, directions, families); these names
# stay importable from here.
MEASURE_KINDS: Final[dict[str, str]] = _MEASURE_KINDS
MEASURES: Final = tuple(MEASURE_KINDS)
CANCELLED_FAMILY: Final = FAMILIES["cancelled_incorrect"]
RECORDING_FAMILY: Final = ("recording_rate", "unrecorded_per_year")
VICTIMS_TOLD_FAMILY: Final = FAMILIES["victims_told"]

# Phrases, longest first when matched; each maps to the findings vocabulary.
OFFENCE_WORDS: Final[dict[str, str]] = {
    "sexual offences": "sexual offences",
    "sexual offence": "sexual offences",
    "sex offences": "sexual offences",
    "sex offence": "sexual offences",
    "sex crimes": "sexual offences",
    "sex crime": "sexual offences",
    "sexual assaults": "sexual offences",
    "sexual assault": "sexual offences",
    "sexual": "sexual offences",
    "violent crimes": "violence",
    "violent crime": "violence",
    "violent": "violence",
    "violent offences": "violence",
    "violence against the person": "violence",
    "assaulted": "violence",
    "stabbings": "violence",
    "sex attacks": "sexual offences",
    "sexual crimes": "sexual offences",
    "sex assaults": "sexual offences",
    "sexual offenses": "sexual offences",
    "sex offenses": "sexual offences",
    "raped": "rape",
    "robberies": "robbery",
    "robber": "robbery",
    "robbers": "robbery",
    "mugger": "robbery",
    "muggers": "robbery",
    "stabbing": "violence",
    "stabbed": "violence",
    "sexually assaulted": "sexual offences",
    "slave": "modern slavery",
    "slaves": "modern slavery",
    "trafficked": "modern slavery",
    "robbed": "robbery",
    "muggings": "robbery",
    "domestic": "domestic abuse",
    "domestic assaults": "domestic abuse",
    "domestics": "domestic abuse",
    "slavery": "modern slavery",
    "human trafficking": "modern slavery",
    "vulnerable people": "vulnerable victims",
    "vulnerable adults": "vulnerable victims",
    "violence": "violence",
    "assaults": "violence",
    "assault": "violence",
    "gbh": "violence",
    "abh": "violence",
    "rapes": "rape",
    "rape": "rape",
    "robbery": "robbery",
    "mugging": "robbery",
    "mugged": "robbery",
    "domestic abuse": "domestic abuse",
    "domestic violence": "domestic abuse",
    "vulnerable victims": "vulnerable victims",
    "vulnerable": "vulnerable victims",
    "modern slavery": "modern slavery",
    "trafficking": "modern slavery",
    "anti social behaviour": "other",
    "antisocial behaviour": "other",
    "asb": "other",
    "other offences": "other",  # a sample of several offences the source names together
    "other offence": "other",
    "other offenses": "other",
    "other crimes": "other",  # "cancelled records of other crimes"
    "other crime": "other",
    "all crime": "all",
    "all crimes": "all",
    "overall": "all",
}
# Phrases for measures are declared with each measure in knowledge.measures (`words`).
MEASURE_WORDS: Final[dict[str, str]] = MEASURE_PHRASES
RANK_WORDS: Final = frozenset(
    {
        "worst",
        "best",
        "lowest",
        "highest",
        "top",
        "bottom",
        "most",
        "least",
        "rank",
        "ranking",
        "ranked",
        "league",
        "poorest",
        "better",
        "worse",
        "largest",
        "biggest",
        "greatest",
        "fewest",
        "smallest",
    }
)
ASCENDING_RANK_WORDS: Final = frozenset({"worst", "lowest", "bottom", "least", "poorest", "worse"})
NATIONAL_PHRASES: Final = (
    "how many forces",
    "how many police forces",
    "number of forces",
    "count of forces",
    "number of cancelled",
    "england wales",
    "how many cancelled",
    "nationally",
    "national",
    "england and wales",
    "across the country",
    "uk",  # the data covers England and Wales; the national answer says so
    "united kingdom",
    "in total",
)
HELP_PHRASES: Final = (
    "help",
    "hi",
    "hello",
    "hey",
    "hiya",
    "start",
    "what can you do",
    "what can u do",
    "what can i ask",
    "what questions",
    "how do i use",
    "what do you do",
    "how does this work",
    "good morning",
    "good afternoon",
    "thanks",
    "thank you",
    "cheers",
    "hmm",
    "got it",
)
# A whole message that only acknowledges the last answer ("ok", "great"): the help reply,
# never "out of scope" (as words inside a question they mean nothing here)
ACKNOWLEDGEMENTS: Final = frozenset(
    phrase.replace("_", " ")
    for phrase in """ok okay k kk right great fine noted ta nice lovely perfect cool understood
    brilliant ok_thanks okay_thanks ok_cheers ok_ta ok_great ok_got_it fair_enough""".split()
)
OUT_OF_SCOPE_PLACES: Final = (
    "police scotland",
    "scotland",
    "scottish",
    "glasgow",
    "edinburgh",
    "aberdeen",
    "dundee",
    "psni",
    "northern ireland",
    "belfast",
    "derry",
    "british transport police",
    "ministry of defence police",
    "mod police",
    "civil nuclear constabulary",
    "btp",
    "isle of man",
    "jersey",
    "guernsey",
    "republic of ireland",
    "dublin",
    "garda",
    # places abroad whose names contain a force's name or town ("new york", "new south wales"
    # are in knowledge.named_elsewhere, which tells "New York" from "a new York figure")
    "nypd",
    "perth",
    "united states",
    "america",
    "australia",
    "canada",
    # large cities abroad that share no name with a place of England and Wales (Boston,
    # Melbourne, Wellington, Washington and Perth's namesakes are places here or listed above)
    *"""sydney brisbane toronto vancouver montreal ottawa chicago paris berlin madrid rome
    amsterdam brussels lisbon singapore dubai mumbai delhi tokyo beijing moscow johannesburg
    seattle texas california florida miami houston detroit philadelphia atlanta dallas""".split(),
    "los angeles",
    "san francisco",
    "hong kong",
    "cape town",
    # American police words: "Boston Police Department", "the county sheriff"
    "police department",
    "sheriff",
    "sheriffs",
)
# Words that carry no force: never fuzzy-matched against force names and places.
STOPWORDS: Final = frozenset(
    """a about across after against all also an and any are as at be been being best better
    bot by can cases compare compared comparison constabulary could crime crimes data did do does
    doing during each find figure figures findings for force forces from get give had has have how
    i if in inspection inspections inspectors integrity is it its latest me most my new
    number numbers of on or our over per percent police please rate rates recent report reported
    reports say says service show so tell than that the their them there these they this those to
    up us versus vs was we well were what when where which who why will with worst would year
    years you your latest previous last first whats much many""".split()
)
RANK_DIRECTIONS: Final[dict[str, str]] = {
    "most": "most",
    "highest": "most",
    "largest": "most",
    "biggest": "most",
    "greatest": "most",
    "least": "least",
    "lowest": "least",
    "fewest": "least",
    "smallest": "least",
    "worst": "worst",
    "worse": "worst",
    "poorest": "worst",
    "bottom": "worst",
    "best": "best",  # "best for not wrongly cancelling rapes": the lowest share wrongly cancelled
    "better": "best",
}  # any other rank word (top, league, ranking): the measure's top (the worst of a bad one)
GRADE_WORDS: Final[dict[str, str]] = {
    "outstanding": "outstanding",
    "good": "good",
    "adequate": "adequate",
    "requires improvement": "requires improvement",
    "require improvement": "requires improvement",
    "needs improvement": "requires improvement",
    "need improvement": "requires improvement",
    "inadequate": "inadequate",
    # "which forces failed their inspection": the press's word for the lowest grade
    **{
        f"failed {whose}{kind}": "inadequate"
        for whose in ("", "their ", "its ", "the ")
        for kind in ("inspection", "inspections", "crime data integrity inspection", "cdi")
    },
}
# Every word of every phrase above: words that mean something here and are never a place.
VOCABULARY_WORDS: Final = frozenset(
    word
    for table in (
        OFFENCE_WORDS,
        MEASURE_WORDS,
        GLOSSARY_TERMS,
        RANK_DIRECTIONS,
        GRADE_WORDS,
        dict.fromkeys(RANK_WORDS),
        dict.fromkeys(NATIONAL_PHRASES),
        dict.fromkeys(HELP_PHRASES),
        dict.fromkeys(GLOSSARY_CUES),
        dict.fromkeys(MEANING_CUES),
    )
    for phrase in table
    for word in phrase.split()
)
