"""What readers ask and do not get: counted without who asked, kept for a set period.

Each question is one row: when, its outcome, and a one-way code for the chat (an HMAC of the
chat id with a key kept in the state database) so that a week's readers can be counted and
/forget can delete a chat's rows; the chat id itself is never stored. The question's text is
kept only when the bot could not answer it with a figure.
"""

import hashlib
import hmac
import secrets
import sqlite3
import time
from collections.abc import Callable
from dataclasses import dataclass

from knowledge import Answer

DAY = 86_400.0
CLARIFY_WINDOW = 600.0  # a figure within 10 minutes of a "which force?" settles it
UNANSWERED = ("out_of_scope", "no_figure", "clarify")
PRUNE_EVERY = 3600.0


def outcome_of(answer: Answer) -> str:
    """answered, help, clarify, out_of_scope or no_figure."""
    if answer.intent in ("out_of_scope", "clarify", "help"):
        return answer.intent
    return "no_figure" if answer.missing else "answered"


@dataclass(frozen=True)
class Unanswered:
    """A question text and how often it was asked without a figure in reply."""

    text: str
    count: int
    outcome: str
    last_asked: float


class QuestionLog:
    """The `questions` table of the state database."""

    def __init__(
        self,
        conn: sqlite3.Connection,
        retention_days: float = 90,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.conn, self.retention, self.clock = conn, retention_days * DAY, clock
        self._pruned_at = float("-inf")
        with conn:
            conn.execute(
                "create table if not exists questions (id integer primary key, asked_at float "
                "not null, asker text not null, outcome text not null, question text)"
            )
            conn.execute("create index if not exists questions_asked_at on questions (asked_at)")
            conn.execute("create table if not exists question_log_key (key text not null)")
            if conn.execute("select count(*) from question_log_key").fetchone()[0] == 0:
                conn.execute("insert into question_log_key values (?)", (secrets.token_hex(32),))
        self._key = bytes.fromhex(conn.execute("select key from question_log_key").fetchone()[0])

    def asker(self, chat_id: int) -> str:
        """The chat's one-way code: the same chat always gets the same code."""
        return hmac.new(self._key, str(chat_id).encode(), hashlib.sha256).hexdigest()[:24]

    def record(self, chat_id: int, question: str, outcome: str) -> None:
        """Count a question; keep its text only when it got no figure."""
        now, asker = self.clock(), self.asker(chat_id)
        text = " ".join(question.split())[:500] if outcome in UNANSWERED else None
        with self.conn:
            if outcome == "answered":
                self._settle_clarify(asker, now)
            self.conn.execute(
                "insert into questions (asked_at, asker, outcome, question) values (?, ?, ?, ?)",
                (now, asker, outcome, text),
            )
        if now - self._pruned_at > PRUNE_EVERY:
            self.prune()

    def settle_clarify(self, chat_id: int) -> None:
        """A candidate button was pressed: the chat's last "which force?" got its answer."""
        with self.conn:
            self._settle_clarify(self.asker(chat_id), self.clock())

    def _settle_clarify(self, asker: str, now: float) -> None:
        self.conn.execute(
            "update questions set outcome = 'clarified', question = null where id = (select id "
            "from questions where asker = ? and outcome = 'clarify' and asked_at >= ? "
            "order by id desc limit 1)",
            (asker, now - CLARIFY_WINDOW),
        )

    def forget(self, chat_id: int) -> int:
        """Delete every question of this chat."""
        with self.conn:
            return self.conn.execute(
                "delete from questions where asker = ?", (self.asker(chat_id),)
            ).rowcount

    def prune(self) -> int:
        """Delete questions older than the retention period."""
        self._pruned_at = now = self.clock()
        with self.conn:
            return self.conn.execute(
                "delete from questions where asked_at < ?", (now - self.retention,)
            ).rowcount

    def unanswered(self, since: float | None = None, limit: int = 100) -> list[Unanswered]:
        """Questions that got no figure, most asked first (the same text in any case)."""
        rows = self.conn.execute(
            "select min(question), count(*), max(outcome), max(asked_at) from questions "
            "where question is not null and asked_at >= ? group by lower(question) "
            "order by count(*) desc, max(asked_at) desc limit ?",
            (since if since is not None else float("-inf"), limit),
        ).fetchall()
        return [Unanswered(*row) for row in rows]

    def numbers(self, since: float) -> dict[str, float]:
        """Questions, readers and the answered share since `since` (help messages aside)."""
        row = self.conn.execute(
            "select count(*), count(distinct asker), "
            "coalesce(sum(outcome in ('answered', 'clarified')), 0) "
            "from questions where asked_at >= ? and outcome != 'help'",
            (since,),
        ).fetchone()
        questions, readers, answered = row
        share = 100.0 * answered / questions if questions else 0.0
        return {"questions": questions, "readers": readers, "answered_share": share}
