"""Turn an Answer into the words a reader sees: Telegram HTML or plain terminal text."""

import re
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from markupsafe import Markup, escape

from knowledge.answers import Answer
from knowledge.facts import Fact
from knowledge.hedges import qualifier, thousands
from knowledge.measures import MEASURES
from knowledge.template_cache import template_cache

TEMPLATES_DIR = Path(__file__).resolve().parent.parent / "templates"
TELEGRAM_LIMIT = 4096
CITATION_LIMIT = 256  # Telegram's copy_text button
LINES_KEPT = 20_000  # rendered list lines kept per format (a line is a few hundred bytes)
MIN_TITLE = 12  # a citation's inspection title is never cut shorter than this
# how a long citation is made to fit, in order: (press marker, count forces, name offences:
# all / only one / none, leave out forces the title names, short forms (force names without
# "Police", "n.d." for a year the source does not state), cut titles): a title is cut only
# when nothing else makes room
_FITTING: tuple[tuple[str, bool, bool | None, bool, bool, bool], ...] = (
    ("full", False, True, False, False, False),
    ("full", False, False, False, False, False),
    ("short", False, False, False, False, False),
    ("short", True, False, False, False, False),
    ("short", True, False, True, False, False),
    ("short", True, False, True, True, False),
    ("short", True, None, True, True, False),
    ("short", True, None, True, True, True),
)
_FORCE_WORD = re.compile(r" (Police|Constabulary)$")


def _fitted(cite: Callable[..., object], facts: tuple[Fact, ...]) -> str:
    """The citation in the first form of _FITTING that fits CITATION_LIMIT, or "" if none."""
    longest = max(len(f.inspection) for f in facts)
    for marker, count, offences, named, short, cut in _FITTING:
        limit: int | None = None
        while True:
            text = " ".join(str(cite(facts, marker, limit, count, offences, named, short)).split())
            excess = len(text) - CITATION_LIMIT
            if excess <= 0:
                return text
            limit = (longest if limit is None else limit) - max(1, excess // len(facts))
            if not cut or limit < MIN_TITLE:
                break
    return ""


def short_force(name: str) -> str:
    """A force's name in a tight citation: "Northamptonshire" (never "Metropolitan Service")."""
    return _FORCE_WORD.sub("", name)


def names_year(title: str, year: int | None) -> bool:
    """Whether an inspection's title already says its year: "inspection 2017" does; the end of
    a period ("PEEL 2023-2025" with an en dash, year 2025) does not, so the year is said.

    The year counts where no en dash, hyphen or slash is just before it and no letter, digit
    or "_" just after (what a regular expression of lookbehind, year and word boundary finds;
    tests/test_render_speedups.py), without compiling such a pattern for each year: that cost
    ~0.3 ms at the first list line of each year after a start."""
    if not year:
        return False
    wanted = str(year)
    at = title.find(wanted)
    while at != -1:
        end = at + len(wanted)
        before_ok = at == 0 or title[at - 1] not in _PERIOD_DASHES
        if before_ok and (end == len(title) or not _word_character(title[end])):
            return True
        at = title.find(wanted, at + 1)
    return False


_PERIOD_DASHES = "\u2013/-"


def _word_character(character: str) -> bool:
    """What a regular expression's \\w matches in a str pattern."""
    return character.isalnum() or character == "_"


def percent(value: float) -> str:
    return f"{value:.0f}%"


def ordinal(number: int) -> str:
    """1 -> 1st, 2 -> 2nd, 11 -> 11th, 23 -> 23rd."""
    suffix = (
        "th" if 10 <= number % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    )
    return f"{number}{suffix}"


class Renderer:
    """Two Jinja environments over the same templates: HTML (autoescaped) and plain text."""

    def __init__(self, templates_dir: Path = TEMPLATES_DIR) -> None:
        self.environments = {
            "html": self._environment(templates_dir, html=True),
            "text": self._environment(templates_dir, html=False),
        }
        self._shortening: dict[str, bool] = {}  # template name -> whether it reads `compact`

    @staticmethod
    def _environment(templates_dir: Path, html: bool) -> Environment:
        env = Environment(
            loader=FileSystemLoader(templates_dir),
            autoescape=select_autoescape(default=html, default_for_string=html),
            undefined=StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=False,
        )
        env.globals["html"] = html
        env.globals["MEASURE_LABELS"] = {name: m.label for name, m in MEASURES.items()}
        env.globals["MEASURES"] = MEASURES
        env.filters["thousands"] = thousands
        env.filters["qualifier"] = qualifier
        env.filters["percent"] = percent
        env.filters["ordinal"] = ordinal
        env.filters["names_year"] = names_year
        env.filters["short_force"] = short_force
        env.filters["bold"] = _html_bold if html else str
        env.filters["link"] = _html_link if html else _text_link
        env.globals["memo"] = _memo_calls()
        env.bytecode_cache = template_cache(env)  # a restart does not compile each one again
        return env

    def preload(self) -> None:
        """Load every answer's template and the macros they import, in both formats, so that
        the first answer of each kind after a start does not (~1-3 ms each, and 10-30 ms when
        the compiled-template cache is empty). The bot's own messages are loaded as used."""
        for environment in self.environments.values():
            for name in environment.list_templates(filter_func=_answer_template):
                self._shortens(name)
                template = environment.get_template(name)
                if name.startswith("_"):
                    template.module  # noqa: B018 -- imported by the others: made once, here

    def _shortens(self, name: str) -> bool:
        """Whether a template can render shorter when asked (`compact`): one that never reads
        it renders the same words again, so an answer over Telegram's limit (a year's list of
        a thousand inspections) is not rendered three times before it is cut."""
        if name not in self._shortening:
            environment = self.environments["text"]
            assert environment.loader is not None
            source = environment.loader.get_source(environment, name)[0]
            self._shortening[name] = any(
                word in source for word in ("compact", "include", "extends", "context")
            )
        return self._shortening[name]

    def macros(self, name: str, fmt: str = "text") -> Any:
        """A template's macros, to call from code: `renderer.macros("x.j2", "html").title(c)`."""
        return self.environments[fmt].get_template(name).module

    def citation(self, answer: Answer) -> str:
        """The copy-ready citation of the figures the answer cites (Answer.cited), at most
        CITATION_LIMIT characters: a list of several offences is left out first, then the
        press marker takes its short form, then several forces are counted, then a force the
        inspection's title names is not named again, then force names take their short form
        ("Wiltshire") and a year the source does not state is "n.d.", then a single offence
        is left out; only then are titles shortened. The link, the marker and the title's
        year are never cut."""
        facts = answer.cited
        if not facts:
            return ""
        cite = self.environments["text"].get_template("citation.j2").module.citation  # type: ignore[attr-defined]
        # one article on two inspections that do not fit: the first figure's inspection alone
        first = tuple(f for f in facts if f.inspection == facts[0].inspection)
        for cited in dict.fromkeys((facts, first)):
            text = _fitted(cite, cited)
            if text:
                return text
        return " ".join(str(cite(first, "short", 0, True, None, True, True)).split())  # "…"

    def render(self, answer: Answer, fmt: str = "text", bot_name: str = "") -> str:
        """The answer as text; never longer than Telegram's message limit. Under an answer
        whose citation holds only some of its figures, a line says whose (kept even when the
        safety net cuts the answer)."""
        name = f"{answer.intent}.j2"
        template = self.environments[fmt].get_template(name)
        note = ""
        if answer.cited_part:
            cited = self.environments[fmt].get_template("citation_note.j2")
            note = "\n" + cited.render(answer=answer).strip()
        shorter = range(3) if self._shortens(name) else range(1)
        for compact in shorter:  # long lists: shorter lines, then names only for the rest
            text = template.render(answer=answer, bot_name=bot_name, compact=compact).strip()
            if answer.carried or answer.dropped_year or answer.dropped_offence:
                carried = self.environments[fmt].get_template("carried.j2").render(answer=answer)
                text = f"{carried.strip()}\n{text}"
            text = re.sub(r"\n{3,}", "\n\n", text)
            if len(text) + len(note) <= TELEGRAM_LIMIT:
                break
        if len(text) + len(note) > TELEGRAM_LIMIT:  # a safety net: answers are sized below it
            text = text[: TELEGRAM_LIMIT - 2 - len(note)].rsplit("\n", 1)[0] + "\n…"
        return text + note


def _answer_template(name: str) -> bool:
    return name.endswith(".j2") and not name.startswith("bot_")


def _memo_calls() -> Callable[..., Any]:
    """`memo(m.list_line, f, compact=true)` in a template: the macro's output for these
    arguments, rendered once per environment. For macros whose words depend only on their
    arguments (a list line: its fact, place and form), which most list answers repeat: a
    grade filter lists the same forces' lines for every way of asking, and again when it is
    rendered shorter to fit Telegram's limit."""

    @lru_cache(maxsize=LINES_KEPT)
    def memo(macro: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        return macro(*args, **kwargs)

    return memo


def _html_bold(text: object) -> Markup:
    # as Markup("<b>{}</b>").format(text), without string.Formatter's cost (a list answer
    # makes dozens of these)
    return Markup(f"<b>{escape(text)}</b>")


def _html_link(url: str, label: str = "source") -> Markup:
    return Markup(f'<a href="{escape(url)}">{escape(label)}</a>')


def _text_link(url: str, label: str = "source") -> str:
    return f"{label}: {url}"


__all__ = ["Renderer", "escape"]
