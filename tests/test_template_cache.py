"""Compiled templates are kept on disk; a broken or unwritable cache never fails an answer and
never changes one."""

from pathlib import Path

from jinja2 import BytecodeCache

from knowledge import Knowledge
from knowledge.render import Renderer
from knowledge.store import Store
from knowledge.template_cache import template_cache

QUESTIONS = ("Herts robbery cancellations?", "which force has the worst recording rate")


def cached(directory: Path) -> Renderer:
    renderer = Renderer()
    for environment in renderer.environments.values():
        environment.bytecode_cache = template_cache(environment, str(directory))
    return renderer


def replies(store: Store, renderer: Renderer) -> list[str]:
    knowledge = Knowledge(store, renderer)
    return [knowledge.reply(q, fmt) for q in QUESTIONS for fmt in ("html", "text")]


def uncached() -> Renderer:
    renderer = Renderer()
    for environment in renderer.environments.values():
        environment.bytecode_cache = None
    return renderer


def test_cached_templates_say_exactly_what_compiled_ones_say(store: Store, tmp_path: Path) -> None:
    expected = replies(store, uncached())
    assert replies(store, cached(tmp_path)) == expected  # compiled and written
    assert len(list(tmp_path.iterdir())) > 2
    assert replies(store, cached(tmp_path)) == expected  # read back, HTML and text apart


def test_broken_entries_are_compiled_again(store: Store, tmp_path: Path) -> None:
    expected = replies(store, cached(tmp_path))
    for entry in tmp_path.iterdir():
        entry.write_bytes(entry.read_bytes()[:40])  # truncated mid-way
    assert replies(store, cached(tmp_path)) == expected


def test_a_cache_that_cannot_be_written_is_skipped(store: Store, tmp_path: Path) -> None:
    assert replies(store, cached(tmp_path / "missing")) == replies(store, uncached())


def test_the_shipped_renderer_uses_a_private_cache() -> None:
    caches = [env.bytecode_cache for env in Renderer().environments.values()]
    assert all(isinstance(cache, BytecodeCache) for cache in caches)
    assert len({cache.pattern for cache in caches}) == 2  # type: ignore[union-attr]
