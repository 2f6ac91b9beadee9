"""The terminal chat: same answers as the bot, with readline editing and history."""

import sys
from collections.abc import Iterable
from pathlib import Path

from knowledge import Knowledge
from knowledge.conversation import Conversation

HISTORY = Path.home() / ".findings_bot_history"
PROMPT = "question> "


def run_chat(knowledge: Knowledge, samples: Iterable[str], conversation: Conversation) -> None:
    """Interactive on a terminal; otherwise answer the piped lines, or the samples if none.
    Either way one conversation: "and rape?" follows on from the question before."""
    if not sys.stdin.isatty():
        lines = [line.strip() for line in sys.stdin if line.strip()]
        for question in lines or samples:
            answer = conversation.ask(knowledge, question)
            print(f"{PROMPT}{question}\n{knowledge.render(answer)}\n")
        return
    _enable_history()
    print("Ask about police crime-recording inspections. Type 'help' for ideas, Ctrl-D to quit.")
    while True:
        try:
            question = input(PROMPT)
        except (EOFError, KeyboardInterrupt):
            print()
            break
        if question.strip().lower() in {"quit", "exit", "q"}:
            break
        if question.strip():
            print(knowledge.render(conversation.ask(knowledge, question)) + "\n")
    _save_history()


def _enable_history() -> None:
    try:
        import readline

        readline.read_history_file(HISTORY)
    except (ImportError, OSError):
        pass


def _save_history() -> None:
    try:
        import readline

        readline.set_history_length(1000)
        readline.write_history_file(HISTORY)
    except (ImportError, OSError):
        pass
