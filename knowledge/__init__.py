"""Findings of HMICFRS crime-data-integrity inspections: store, question parsing, cited answers.

Plain synchronous Python; never imports telegram, so the CLI, the bot, benchmarks and tests
share it.
"""

from knowledge.answers import Answer, Fact
from knowledge.service import Knowledge

__all__ = ["Answer", "Fact", "Knowledge"]
