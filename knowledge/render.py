"""Turn an Answer into the words a reader sees: Telegram HTML or plain terminal text."""

import re
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from markupsafe import Markup, escape

from knowledge.answers import Answer
from knowledge.facts import Fact

TEMPLATES_DIR = Path(__file__).resolve().parent.parent / "templates"
TELEGRAM_LIMIT = 4096
_HEDGES = r"(over|more than|around|about|approximately|nearly|almost|at least|some|up to)"


def thousands(text: str | None) -> str:
    """11200 -> 11,200; decimals and small numbers exactly as given."""
    if text is None:
        return ""
    return f"{int(text):,}" if text.isdigit() else text


def qualifier(fact: Fact) -> str:
    """The source's own hedge right before this figure ("over", "about"), lower case, or ""."""
    if not fact.value:
        return ""
    figures = "|".join(re.escape(v) for v in {fact.value, thousands(fact.value)})
    pattern = rf"\b{_HEDGES}\s+(?:{figures})(?![\d,])"
    match = re.search(pattern, fact.quote, re.IGNORECASE)
    return match.group(1).lower() + " " if match else ""


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
        env.filters["thousands"] = thousands
        env.filters["qualifier"] = qualifier
        env.filters["percent"] = percent
        env.filters["ordinal"] = ordinal
        env.filters["bold"] = (lambda t: Markup("<b>{}</b>").format(t)) if html else str
        env.filters["link"] = _html_link if html else _text_link
        return env

    def macros(self, name: str, fmt: str = "text") -> Any:
        """A template's macros, to call from code: `renderer.macros("x.j2", "html").title(c)`."""
        return self.environments[fmt].get_template(name).module

    def render(self, answer: Answer, fmt: str = "text", bot_name: str = "") -> str:
        """The answer as text; never longer than Telegram's message limit."""
        template = self.environments[fmt].get_template(f"{answer.intent}.j2")
        text = template.render(answer=answer, bot_name=bot_name).strip()
        if answer.carried:
            carried = self.environments[fmt].get_template("carried.j2").render(answer=answer)
            text = f"{carried.strip()}\n{text}"
        text = re.sub(r"\n{3,}", "\n\n", text)
        if len(text) > TELEGRAM_LIMIT:  # a safety net: answers are sized well below this
            text = text[: TELEGRAM_LIMIT - 2].rsplit("\n", 1)[0] + "\n…"
        return text


def _html_link(url: str, label: str = "source") -> Markup:
    return Markup('<a href="{}">{}</a>').format(url, label)


def _text_link(url: str, label: str = "source") -> str:
    return f"{label}: {url}"


__all__ = ["Renderer", "escape"]
