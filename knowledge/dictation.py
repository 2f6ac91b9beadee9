"""Force names as voice dictation writes them: "lester sure", "warrick shire", "glosterchire",
"south whales", "hurts police". Spoken "-shire" comes out as a word of its own or as "sure",
"sher", "shear", "chire"; joined back onto the word before, the speller then mends the name
("lestershire" is 88% "leicestershire"). Two names come out as ordinary words that sound the
same ("whales", "hurts"): they are read as the name only beside a direction or a police word,
never alone ("whales" in "blue whales" stays whales)."""

import re
from typing import Final

from knowledge.scope_evidence import ENGLISH_WORDS
from knowledge.vocabulary import VOCABULARY_WORDS

_SHIRE_SPOKEN = re.compile(r"^(shire|sure|sher|shear|shur|chire)$")
_SHIRE_ENDING = re.compile(r"(?<=[a-z]{3})(sure|sher|shear|chire)$")
_DIRECTIONS = frozenset({"north", "south"})
# The sound-alikes of a name word (the only word list here: these are English words, so the
# speller leaves them alone), read as the name beside a direction or before a police word.
SOUND_ALIKES: Final = {"whales": "wales", "hurts": "herts"}
_POLICE_AFTER = VOCABULARY_WORDS | {"police", "constabulary", "force", "cops"}


def spoken_names(words: list[str]) -> list[str]:
    """The words with a dictated "-shire" joined onto its name and a sound-alike of a name read
    as that name where a name is plainly meant; other words unchanged."""
    joined: list[str] = []
    for word in words:
        lower = word.lower()
        if joined and _SHIRE_SPOKEN.match(lower) and _unknown(joined[-1]):
            joined[-1] = joined[-1] + "shire"  # "lester sure" -> "lestershire"
        elif _SHIRE_ENDING.search(lower) and _unknown(word):
            joined.append(_SHIRE_ENDING.sub("shire", word))  # "glosterchire"
        else:
            joined.append(word)
    return [_sound_alike(joined, i) for i in range(len(joined))]


def _unknown(word: str) -> bool:
    """Not an English word ("lester", "glosterchire"; not "make" of "make sure", "measure")."""
    lower = word.lower()
    return word.isalpha() and len(word) > 3 and lower not in ENGLISH_WORDS | VOCABULARY_WORDS


def _sound_alike(words: list[str], index: int) -> str:
    word = words[index]
    name = SOUND_ALIKES.get(word.lower())
    if name is None:
        return word
    before = words[index - 1].lower() if index else ""
    after = words[index + 1].lower() if index + 1 < len(words) else ""
    if (name == "wales" and before in _DIRECTIONS) or (name == "herts" and after in _POLICE_AFTER):
        return name
    return word
