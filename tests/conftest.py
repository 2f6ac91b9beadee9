"""Shared fixtures: a findings database built once per session from the shipped data."""

from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from fake_bot_api import FakeBotApi, running_fake_bot_api

from knowledge import Knowledge
from knowledge.build import build_database
from knowledge.loader import DATA_DIR
from knowledge.reader import open_store
from knowledge.store import Store


@pytest.fixture(scope="session")
def db_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real data, loaded once into a temporary database."""
    path = tmp_path_factory.mktemp("db") / "findings.db"
    build_database(path, DATA_DIR)
    return path


@pytest.fixture(scope="session")
def store(db_path: Path) -> Store:
    return open_store(db_path)


@pytest.fixture(scope="session")
def knowledge(store: Store) -> Knowledge:
    return Knowledge(store)


@pytest.fixture
async def api() -> AsyncIterator[FakeBotApi]:
    """A fake Telegram Bot API server on 127.0.0.1, for the bot's end-to-end tests."""
    async with running_fake_bot_api() as fake:
        yield fake
