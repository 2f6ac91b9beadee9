"""Clean a message before anything reads it: one form for every way of typing the same words."""

import re
import unicodedata
from functools import lru_cache

# Characters that change nothing a reader sees: zero-width spaces and joiners, word joiner, BOM,
# soft hyphen, and the bidirectional controls (which can also hide or reorder text).
_INVISIBLE = dict.fromkeys(
    map(
        ord,
        "\u200b\u200c\u200d\u2060\ufeff\u00ad\u180e"
        "\u200e\u200f\u061c\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069",
    ),
    None,
)
_QUOTES = str.maketrans({"‘": "'", "’": "'", "ʼ": "'", "`": "'", "“": '"', "”": '"'})
_DASHES = re.compile(r"[‐‑‒–—―−]")
_SPACE = re.compile(r"\s+")
# Markup pasted with a question ("<b>staffs</b> rating?"): a tag is no word of it.
_TAG = re.compile(r"</?[A-Za-z][^<>]{0,40}>")
# "what's the +/- after the percentage": the sign is words the glossary knows.
_PLUS_MINUS = re.compile(r"\+ ?/ ?-|\u00b1")


@lru_cache(maxsize=64)  # a message is read several times over (its sentences, its intents)
def normalise(text: str) -> str:
    """NFKC (folds full-width letters and ligatures), no invisible characters, plain quotes and
    dashes, single spaces. Case is kept: some place names only count when capitalised."""
    text = unicodedata.normalize("NFKC", text).translate(_INVISIBLE).translate(_QUOTES)
    text = _DASHES.sub("-", _PLUS_MINUS.sub(" plus or minus ", _TAG.sub(" ", text)))
    return _SPACE.sub(" ", text).strip()
