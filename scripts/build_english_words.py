"""Build knowledge/data/english_words.csv: the lower-case English words of a word list, read
by knowledge/scope_evidence.py to tell a word of another subject ("tickets", "walks") from a
misspelling or a name, which it never takes for one.

    python scripts/build_english_words.py /usr/share/dict/british-english

Only lower-case, alphabetic ASCII words of three letters or more are kept (capitalised entries
are names; shorter words are too often initials or markup).
"""

import argparse
import csv
from pathlib import Path

ENGLISH_WORDS_FILE = (
    Path(__file__).resolve().parents[1] / "knowledge" / "data" / "english_words.csv"
)
MIN_LENGTH = 3


def english_words(path: Path) -> list[str]:
    words = (line.strip() for line in path.read_text(encoding="utf-8").splitlines())
    return sorted(
        {w for w in words if w.isalpha() and w.islower() and w.isascii() and len(w) >= MIN_LENGTH}
    )


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("dictionary", type=Path, help="a word list, one word a line")
    parser.add_argument("--out", type=Path, default=ENGLISH_WORDS_FILE)
    args = parser.parse_args(argv)
    with args.out.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(["word"])
        writer.writerows([w] for w in english_words(args.dictionary))


if __name__ == "__main__":
    main()
