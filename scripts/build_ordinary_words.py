"""Build knowledge/data/ordinary_words.csv: English words that the bot must take as they are.

The speller mends a word it does not know to the closest vocabulary or force-name word, and the
matcher fuzzy-matches unknown words to force names and towns. Both would also "mend" ordinary
words: "called" to "cancelled", "dates" to "rates", "working" to Woking, "stealing" to Ealing,
"parking" to Barking. This script lists every word of a dictionary that either of them would
change, so that they never do. Run it by hand when the vocabulary, the aliases or the
gazetteer change:

    python scripts/build_ordinary_words.py /usr/share/dict/british-english

The dictionary used is SCOWL's British English list (Debian's wbritish package; SCOWL is
copyright Kevin Atkinson and others, free to use, copy and distribute with its notice).
Only lower-case words are read (capitalised entries are names).
"""

import argparse
import csv
import sys
import tempfile
from pathlib import Path

from rapidfuzz import fuzz, process, utils

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from knowledge.fuzzy_names import SUGGEST_CUTOFF  # noqa: E402
from knowledge.guards import COMMON_WORDS, ORDINARY_WORDS_FILE  # noqa: E402
from knowledge.matcher import ForceMatcher  # noqa: E402
from knowledge.reader import open_store  # noqa: E402
from knowledge.spelling import Speller  # noqa: E402
from knowledge.store import build_database  # noqa: E402
from knowledge.vocabulary import STOPWORDS, VOCABULARY_WORDS  # noqa: E402

MIN_FUZZY_LENGTH = 4  # the matcher fuzzy-matches words from 4 letters


def dictionary_words(path: Path) -> list[str]:
    words = (line.strip() for line in path.read_text(encoding="utf-8").splitlines())
    return sorted({w for w in words if w.isalpha() and w.islower() and w.isascii()})


def matcher_and_speller() -> tuple[ForceMatcher, Speller]:
    with tempfile.TemporaryDirectory() as folder:
        build_database(Path(folder) / "findings.db")
        store = open_store(Path(folder) / "findings.db")
    matcher = ForceMatcher(store.forces, store.aliases, store.elsewhere)
    return matcher, Speller(matcher.words, matcher.name_words)


def would_change(word: str, matcher: ForceMatcher, speller: Speller) -> bool:
    """Whether the speller would mend this word, or the matcher take it for a force or place."""
    if word not in speller.base_known and len(word) >= 5 and speller.closest(word, names=True):
        return True
    if len(word) < MIN_FUZZY_LENGTH or word in matcher.table:
        return False
    if word in STOPWORDS or word in COMMON_WORDS or word in VOCABULARY_WORDS:
        return False
    return bool(
        process.extractOne(
            word,
            matcher.fuzzy_choices,
            scorer=fuzz.ratio,
            processor=utils.default_process,
            score_cutoff=SUGGEST_CUTOFF,
        )
    )


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("dictionary", type=Path, help="a word list, one word a line")
    parser.add_argument("--out", type=Path, default=ORDINARY_WORDS_FILE)
    args = parser.parse_args(argv)
    matcher, speller = matcher_and_speller()
    words = [w for w in dictionary_words(args.dictionary) if would_change(w, matcher, speller)]
    with args.out.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(["word"])
        writer.writerows([w] for w in words)
    print(f"{args.out.name}: {len(words)} words")


if __name__ == "__main__":
    main()
