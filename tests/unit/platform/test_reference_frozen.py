"""Reference data, once parsed, is left out of the cyclic collector's walks (reference.services)."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from pathlib import Path

import pytest

import rosterdesk
from rosterdesk.platform.reference import services

SAMPLE = Path(rosterdesk.__file__).parent / "samples" / "duo"


@pytest.fixture
def thawed() -> Iterator[None]:
    gc.unfreeze()
    yield
    gc.unfreeze()


def test_parsed_reference_data_is_frozen_out_of_collections(thawed: None, tmp_path: Path) -> None:
    folder = tmp_path / "import"
    folder.mkdir()
    for source in SAMPLE.iterdir():
        (folder / source.name).write_bytes(source.read_bytes())
    assert gc.get_freeze_count() == 0
    reference = services._load_cached(folder)
    frozen = gc.get_freeze_count()
    assert frozen > 0
    # The containers of the parsed data are among the frozen objects: a full collection skips them.
    tracked = {id(obj) for obj in gc.get_objects()}
    parts = [obj for obj in vars(reference).values() if gc.is_tracked(obj)]
    assert parts and not any(id(obj) in tracked for obj in parts)
