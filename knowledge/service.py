"""The one object the CLI, the bot and the benchmarks hold: open once, ask many times."""

import gc
from pathlib import Path

from knowledge.answers import Answer, Answerer
from knowledge.force_match import ForceMatch
from knowledge.force_names import tokenize
from knowledge.matcher import ForceMatcher
from knowledge.normalise import normalise
from knowledge.parser import parse
from knowledge.query import Query
from knowledge.reader import open_store
from knowledge.render import Renderer
from knowledge.spelling import Speller
from knowledge.store import Store

MAX_QUESTION_CHARS = 20_000  # longer messages are read up to here (Telegram's limit is 4,096)
PARSES_KEPT = 4_096  # questions whose reading is kept (readers repeat themselves)


def keep_loaded() -> None:
    """Put everything alive now (the findings, the matcher, the compiled templates) out of the
    cycle collector's reach: it lives as long as the process, and a full collection walking it
    cost a few milliseconds at random answers. Reference counting still frees what is dropped;
    the collector runs first, so a Knowledge replaced since the last call is freed."""
    gc.unfreeze()
    gc.collect()
    gc.freeze()


class Knowledge:
    """Store + force matcher + answerer + renderer, built once."""

    def __init__(self, store: Store, renderer: Renderer | None = None) -> None:
        self.store = store
        self.matcher = ForceMatcher(store.forces, store.aliases, store.elsewhere)
        self.speller = Speller(
            self.matcher.words,
            self.matcher.name_words,
            self.matcher.capital_choices,
            self.matcher.standalone,
        )
        self.renderer = renderer or Renderer()
        self.answerer = Answerer(store, cite=self.renderer.citation)
        self._parsed: dict[str, Query] = {}
        self._pairs: frozenset[tuple[str, str]] = frozenset()
        self._pairs_version: str | None = None

    @classmethod
    def open(cls, db_path: Path) -> "Knowledge":
        knowledge = cls(open_store(db_path))
        knowledge.renderer.preload()  # at start, not at the first answer of each kind
        knowledge.offence_measures  # noqa: B018 -- each force's figures chosen from, at start
        return knowledge

    @property
    def offence_measures(self) -> frozenset[tuple[str, str]]:
        """Every (offence, measure) with a visible figure: an embargo lifting can add one."""
        version = self.store.visible_version
        if version != self._pairs_version:
            facts = (f for force in self.answerer.facts_of.values() for f in force)
            self._pairs = frozenset((f.offence, f.measure) for f in facts)
            self._pairs_version = version
        return self._pairs

    @property
    def data_version(self) -> str:
        return self.store.meta.get("data_version", "unknown")

    def ask(self, question: str) -> Answer:
        """Parse and answer a question; odd input gives a help or out-of-scope answer."""
        return self.answerer.answer(self.parse(question))

    def parse(self, question: str) -> Query:
        """What a question asks, before any figure is looked up. Reading depends only on the
        words and the matcher (built once), so a question asked again is not read again: a
        pasted page of text takes the matcher 1-3 ms."""
        text = question[:MAX_QUESTION_CHARS]
        query = self._parsed.get(text)
        if query is None:
            if len(self._parsed) >= PARSES_KEPT:  # bounded: odd messages cannot grow it
                self._parsed.clear()
            query = self._parsed[text] = parse(text, self.matcher, self.speller)
        return query

    def find_forces(self, text: str) -> ForceMatch:
        """The forces a few words name (for /subscribe), with the same matching as questions."""
        return self.matcher.match(self.speller.correct(tokenize(normalise(text))))

    def render(self, answer: Answer, fmt: str = "text") -> str:
        return self.renderer.render(answer, fmt)

    def reply(self, question: str, fmt: str = "text") -> str:
        return self.render(self.ask(question), fmt)
