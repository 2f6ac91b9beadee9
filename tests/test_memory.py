"""The bot keeps its findings out of full garbage collections, and still frees a replaced one."""

import gc
import weakref

from knowledge import Knowledge
from knowledge.service import keep_loaded
from knowledge.store import Store


def test_a_replaced_knowledge_is_freed_at_the_next_keep_loaded(store: Store) -> None:
    try:
        old = Knowledge(store)
        gone = weakref.ref(old.answerer)  # which its list answerer refers back to
        keep_loaded()
        assert gc.get_freeze_count() > 0  # what was alive is out of the collector's way
        del old
        assert gone() is not None  # its reference cycles wait for the collector...
        keep_loaded()
        assert gone() is None  # ...which the next call runs before freezing again
    finally:
        gc.unfreeze()
