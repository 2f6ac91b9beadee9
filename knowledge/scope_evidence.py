"""Whether a message that names a force carries any evidence that it asks about police crime
recording; one that names a force beside another subject only ("Glastonbury tickets still
available?", "Surrey Hills walks", "Devon bin collections") gets no figures.

Evidence is a word of ours (an offence, a measure, a grade, "police", "crime", "figures",
"inspection" ...). Without one, a message answers only when it is essentially the name: every
other word is filler or of a question's shape ("how's Essex doing", "anything on the met"), a
number, part of the name matched (as mended by the speller), or a word we do not know as
English (a misspelling, a person's name, markup), which never counts as another subject.
"""

from pathlib import Path
from typing import Final

from knowledge.guards import FORCE_AFFAIRS, OFF_TOPIC_WORDS, ORDINARY_WORDS, read_ordinary_words
from knowledge.vocabulary import ACKNOWLEDGEMENTS, STOPWORDS, VOCABULARY_WORDS

ENGLISH_WORDS_FILE = Path(__file__).resolve().parent / "data" / "english_words.csv"
# Lower-case English words (scripts/build_english_words.py): what another subject is made of.
ENGLISH_WORDS: Final = read_ordinary_words(ENGLISH_WORDS_FILE)
MIN_LENGTH = 3  # shorter words are initials, markup or chat ("b", "pls", "ok")

# Words of our vocabulary that are ordinary words too: beside a name they prove nothing
# ("best pub in York", "top restaurants Kent", "Kent news"), nor do they make another subject.
WEAK_WORDS: Final = frozenset(
    """good best better worse worst top big bigger biggest greatest largest smallest small
    highest lowest most least fewest poorest bottom home morning afternoon day people person
    start dark left kept stand stands use work worked writing written heard country modern
    social human office united kingdom news hello hiya hmm help thanks thank cheers know
    let letting mean means meant meaning say tell telling other out off never not need needs
    closed extra four twenty plus minus questions ask explain define wilson go""".split()
)
# The grammar words of the vocabulary's phrases ("went up to", "who is", "how many"): they make
# a sentence of any subject, so they prove nothing ("Suffolk cottages to rent").
GRAMMAR_WORDS: Final = frozenset(
    """a an and are as been can did do does don for got have hey hi how i in is it its many
    n no of or re s t the their them this to u was well were what whats who why you""".split()
)
# Words that ask about crime recording even where the vocabulary's phrases do not match.
EVIDENCE_WORDS: Final = (VOCABULARY_WORDS - WEAK_WORDS - GRAMMAR_WORDS) | frozenset(
    """police policing policed force forces constabulary constabularies crime crimes criminal
    recording recorded record records inspection inspections inspected inspector inspectors
    inspectorate hmic hmicfrs peel cdi integrity audit audits audited finding findings figure
    figures stats statistic statistics data dataset numbers number percentage percent rate rates
    grade grades graded rated rating ratings report reports reported reporting victim victims
    offence offences cause concern concerns recommendation recommendations improvement
    improvements improved improving improve performance performing perform performed
    compare compared comparison versus accuracy accurate accurately rank ranked ranking league
    score scored scores judged verdict cancelled cancellations cop cops copper coppers bobbies
    plod fuzz constable constables officers""".split()
)
# Filler and the words of a question's shape: "how's Essex doing", "tell me about dorset",
# "any news on the Met", "Kent latest?", "info on gwent pls".
FILLER_WORDS: Final = (
    STOPWORDS
    | ACKNOWLEDGEMENTS
    | frozenset(
        """how what whats which who where when why now latest news update updates info
        information tell about anything something everything any some on faring fare fared
        doing done going getting get got look looking like regarding summary overview story
        stuff thing things lot overall current currently recent recently today still yet ever
        again too also just only then well yes yeah yep sure more detail details quick quickly
        brief briefly happening happened think opinion view status state situation position
        picture standing want wanted wondering curious interested keen pretty really very
        mate pal guys folks lads bot question asking same similar instead there here hey
        results result know tell show give please pls plz thanks cheers okay right whole all
        full situation general generally anyone someone heard hear ask asks asked
        add adding include including swap switch try one ones run down rundown lowdown
        gimme""".split()
    )
)


def other_subject(
    words: list[str], spans: list[tuple[int, int]], name_words: frozenset[str]
) -> bool:
    """Whether the message's `words` (mended, with the matched names at `spans`) name another
    subject and no word of ours: a known English word that is neither ours nor filler."""
    inside = {i for start, end in spans for i in range(start, end)}
    outside = [w for i, w in enumerate(words) if i not in inside]
    lowered = [w.lower() for w in outside]
    if any(w in EVIDENCE_WORDS for w in lowered) or _POLICE_WORDS & {w.lower() for w in words}:
        return False  # a word of ours, or "police" in the name ("the run down on norfolk police")
    shouting = all(w.isupper() for w in words if w.isalpha())
    return any(_foreign(w, name_words) for w in lowered) or (
        not shouting and any(_initials(w) for w in outside)
    )


_POLICE_WORDS: Final = frozenset({"police", "constabulary", "policing"})


def _initials(word: str) -> bool:
    """Initials of another subject written as initials ("MP for Dover", "GP in Luton"): two
    or more capitals that are neither ours (they would be evidence) nor a name's, nor chat."""
    return (
        len(word) >= 2
        and word.isalpha()
        and word.isupper()
        and word.lower() not in FILLER_WORDS | WEAK_WORDS
    )


def _foreign(word: str, name_words: frozenset[str]) -> bool:
    """A word of another subject: a known English word that is not filler, ours nor a name's."""
    if len(word) < MIN_LENGTH or not word.isalpha() or word in name_words:
        return False
    if word in FILLER_WORDS or word in WEAK_WORDS:
        return False
    return (
        word in ENGLISH_WORDS
        or word in ORDINARY_WORDS
        or word in OFF_TOPIC_WORDS
        or word in FORCE_AFFAIRS
    )
