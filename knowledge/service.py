"""The one object the CLI, the bot and the benchmarks hold: open once, ask many times."""

from dataclasses import replace
from pathlib import Path

from knowledge.answers import Answer, Answerer
from knowledge.matcher import ForceMatcher
from knowledge.parser import parse
from knowledge.render import Renderer
from knowledge.store import Store

MAX_QUESTION_CHARS = 1000  # longer messages are read up to here


class Knowledge:
    """Store + force matcher + answerer + renderer, built once."""

    def __init__(self, store: Store, renderer: Renderer | None = None) -> None:
        self.store = store
        self.matcher = ForceMatcher(store.forces, store.aliases)
        self.answerer = Answerer(store)
        self.renderer = renderer or Renderer()

    @classmethod
    def open(cls, db_path: Path) -> "Knowledge":
        return cls(Store.open(db_path))

    @property
    def data_version(self) -> str:
        return self.store.meta.get("data_version", "unknown")

    def ask(self, question: str) -> Answer:
        """Parse and answer a question; odd input gives a help or out-of-scope answer."""
        text = " ".join(question[:MAX_QUESTION_CHARS].split())
        answer = self.answerer.answer(parse(text, self.matcher))
        return self.cited(answer)

    def cited(self, answer: Answer) -> Answer:
        """The answer with its copy-ready citation (the lead figure's inspection and source)."""
        return replace(answer, citation=self.renderer.citation(answer))

    def render(self, answer: Answer, fmt: str = "text") -> str:
        return self.renderer.render(answer, fmt)

    def reply(self, question: str, fmt: str = "text") -> str:
        return self.render(self.ask(question), fmt)
