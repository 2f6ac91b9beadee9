"""Inline keyboards: example questions, follow-ups, candidates and the source, in 64 bytes each.

A button carries the question it asks. `callback_data` is at most 64 bytes (UTF-8), so:
- ``a:QUESTION`` / ``e:QUESTION``: the question itself, when it fits. These survive restarts.
- ``a#ID`` / ``e#ID``: a hexadecimal index into a `QuestionBook` kept in ``bot_data``, for the rare
  question too long to fit. It lives as long as the process (the book holds the newest
  `BOOK_SIZE` questions; the bot's follow-up questions are a small, finite set).
``a`` asks the question in a new message; ``e`` (a clarify answer's candidate) edits the clarify
message into the answer.
"""

import re
from collections import OrderedDict
from dataclasses import dataclass

from telegram import CopyTextButton, InlineKeyboardButton, InlineKeyboardMarkup

from knowledge import Answer
from knowledge.charts import chart_question
from knowledge.export import data_url, rows_behind, rows_token
from knowledge.vocabulary import NATIONAL

MAX_CALLBACK_BYTES = 64
BOOK_SIZE = 50_000
ASK, EDIT = "a", "e"
CALLBACK_PATTERN = r"^[ae][:#]"  # the buttons this module makes
CHART_PATTERN = r"^c[:#]"  # the Chart button; its handler is in bot/charts.py
EXPORT_PATTERN = r"^d[:#]"  # the CSV button; its handler is in bot/exports.py
WITH_CHART = ("lookup", "offence_overview", "rank")
EXAMPLE_QUESTIONS = (
    "Herts robbery cancellations?",
    "How well does the Met record violent crime?",
    "Which forces wrongly cancelled rape reports?",
    "Kent vs Essex",
)
SOURCE_LABEL = "Source"
SHARE_LABEL = "Share"
MAX_INLINE_QUERY = 256  # Telegram's limit for an inline query's text
COPY_LABEL = "Copy citation"
_FORCE_SUFFIX = re.compile(r" (Police Service|Constabulary|Police)$")  # "Kent Police" -> "Kent"
MAX_COPY_TEXT = 256  # Telegram's limit for a copy_text button
FOLLOW_UPS_PER_ROW = 2
WITH_FOLLOW_UPS = ("lookup", "force_summary", "offence_overview", "national")


@dataclass(frozen=True)
class Press:
    """A decoded button press: the question, and whether to edit the message in place."""

    question: str
    edit: bool


class QuestionBook:
    """Numbers questions too long for callback_data; bounded, oldest forgotten first."""

    def __init__(self, size: int = BOOK_SIZE) -> None:
        self.size = size
        self.by_id: OrderedDict[int, str] = OrderedDict()
        self.ids: dict[str, int] = {}
        self.next_id = 0

    def number(self, question: str) -> int:
        if question in self.ids:
            self.by_id.move_to_end(self.ids[question])
            return self.ids[question]
        self.next_id += 1
        self.ids[question], self.by_id[self.next_id] = self.next_id, question
        if len(self.by_id) > self.size:
            _, forgotten = self.by_id.popitem(last=False)
            del self.ids[forgotten]
        return self.next_id

    def question(self, number: int) -> str | None:
        return self.by_id.get(number)


def encode(question: str, book: QuestionBook, edit: bool = False) -> str:
    """callback_data for a button that asks `question`; never over 64 bytes."""
    kind = EDIT if edit else ASK
    data = f"{kind}:{question}"
    if len(data.encode("utf-8")) <= MAX_CALLBACK_BYTES:
        return data
    return f"{kind}#{book.number(question):x}"


def decode(data: str | None, book: QuestionBook) -> Press | None:
    """The press a button's callback_data stands for; None when unknown or forgotten."""
    if not data or len(data) < 2 or data[0] not in (ASK, EDIT):
        return None
    edit, rest = data[0] == EDIT, data[2:]
    if data[1] == ":" and rest.strip():
        return Press(rest, edit)
    if data[1] == "#":
        try:
            question = book.question(int(rest, 16))
        except ValueError:
            return None
        return Press(question, edit) if question else None
    return None


def examples_keyboard(book: QuestionBook) -> InlineKeyboardMarkup:
    """One button per example question, for /start."""
    return InlineKeyboardMarkup(
        [[InlineKeyboardButton(q, callback_data=encode(q, book))] for q in EXAMPLE_QUESTIONS]
    )


def answer_keyboard(
    answer: Answer, book: QuestionBook, web_url: str | None = None, data_version: str = ""
) -> InlineKeyboardMarkup | None:
    """Candidates for a clarify answer; follow-ups and the source for answers with figures."""
    if answer.intent == "clarify":
        rows = [
            [InlineKeyboardButton(f.label, callback_data=encode(f.question, book, edit=True))]
            for f in answer.follow_ups
        ]
        return InlineKeyboardMarkup(rows) if rows else None
    rows = []
    if answer.intent in WITH_FOLLOW_UPS:
        buttons = [
            InlineKeyboardButton(f.label, callback_data=encode(f.question, book))
            for f in answer.follow_ups
        ]
        rows += [
            buttons[i : i + FOLLOW_UPS_PER_ROW] for i in range(0, len(buttons), FOLLOW_UPS_PER_ROW)
        ]
    rows += chart_rows(answer, book)
    rows += export_rows(answer, book, web_url, data_version)
    rows += source_rows(answer, share=True)
    return InlineKeyboardMarkup(rows) if rows else None


def chart_rows(answer: Answer, book: QuestionBook) -> list[list[InlineKeyboardButton]]:
    """A "Chart" button (``c:QUESTION`` or ``c#ID``) under lookups and overviews."""
    question = chart_question(answer) if answer.intent in WITH_CHART else None
    if question is None:
        return []
    data = f"c:{question}"
    if len(data.encode("utf-8")) > MAX_CALLBACK_BYTES:
        data = f"c#{book.number(question):x}"
    return [[InlineKeyboardButton("Chart", callback_data=data)]]


def source_rows(answer: Answer, share: bool = False) -> list[list[InlineKeyboardButton]]:
    """A link button to the source of the first figure shown (each line also links its own),
    a "Copy citation" button holding the answer's citation, and with `share` a Share button:
    Telegram's chat picker, with the question ready to send inline."""
    if not answer.facts:
        return []
    row = [InlineKeyboardButton(SOURCE_LABEL, url=(answer.lead or answer.facts[0]).source_url)]
    if answer.citation and len(answer.citation) <= MAX_COPY_TEXT:
        label = copy_label(answer)
        row.append(InlineKeyboardButton(label, copy_text=CopyTextButton(answer.citation)))
    if share and answer.question.strip():
        question = answer.question[:MAX_INLINE_QUERY]
        row.append(InlineKeyboardButton(SHARE_LABEL, switch_inline_query=question))
    return [row]


def copy_label(answer: Answer) -> str:
    """ "Copy citation", or "Copy citation (Kent)" when it holds only some of the answer's
    figures (Answer.cited_part): the force's short name, or the year of the one force's
    inspection it cites."""
    part = answer.cited_part
    if part is None:
        return COPY_LABEL
    if part not in answer.named_forces and part != NATIONAL:
        year = answer.cited[0].inspection_year
        return f"{COPY_LABEL} ({year} figure)" if year else f"{COPY_LABEL} (first figure)"
    return f"{COPY_LABEL} ({_FORCE_SUFFIX.sub('', part)})"


def export_rows(
    answer: Answer, book: QuestionBook, web_url: str | None, data_version: str
) -> list[list[InlineKeyboardButton]]:
    """ "Data" (a link to the rows on the findings site, when there is one) and "CSV"
    (``d:VERS:ID,...`` or ``d#ID``: the rows as a file) under an answer with figures."""
    facts = rows_behind(answer)
    if not facts or facts[0].row_id is None:
        return []
    data = f"d:{rows_token(facts, data_version)}"
    if len(data.encode("utf-8")) > MAX_CALLBACK_BYTES:
        data = f"d#{book.number(data[2:]):x}"
    url = data_url(web_url, facts)
    row = [InlineKeyboardButton("Data", url=url)] if url else []
    return [[*row, InlineKeyboardButton("CSV", callback_data=data)]]


def all_callback_data(markup: InlineKeyboardMarkup | None) -> list[str]:
    """Every callback_data in a keyboard (for checks and tests)."""
    if markup is None:
        return []
    return [
        str(button.callback_data)
        for row in markup.inline_keyboard
        for button in row
        if button.callback_data is not None
    ]
