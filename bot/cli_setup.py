"""What every `findings-bot` command starts from: the settings read from the environment and
the opened findings, each failure turned into one clear line (click.ClickException)."""

import click

from bot.settings import Settings, SettingsError
from knowledge import Knowledge
from knowledge.store import StoreMissing

SAMPLE_QUESTIONS = (
    "Herts robbery cancellations?",
    "how well does the Met record violent crime",
    "which forces wrongly cancelled rape reports",
)


def settings() -> Settings:
    try:
        return Settings.from_env()
    except SettingsError as error:
        raise click.ClickException(str(error)) from None


def open_knowledge() -> Knowledge:
    try:
        return Knowledge.open(settings().findings_db)
    except StoreMissing as error:
        raise click.ClickException(str(error)) from None
