"""Shared fixtures: a findings database built once per session from the shipped data."""

from pathlib import Path

import pytest

from knowledge import Knowledge
from knowledge.loader import DATA_DIR
from knowledge.store import Store, build_database


@pytest.fixture(scope="session")
def db_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real data, loaded once into a temporary database."""
    path = tmp_path_factory.mktemp("db") / "findings.db"
    build_database(path, DATA_DIR)
    return path


@pytest.fixture(scope="session")
def store(db_path: Path) -> Store:
    return Store.open(db_path)


@pytest.fixture(scope="session")
def knowledge(store: Store) -> Knowledge:
    return Knowledge(store)
