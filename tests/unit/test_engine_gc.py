"""The engine pauses automatic cyclic garbage collection while it checks rows, and only then.

Collection is process-wide, so whatever happens in the run -- a report, a refused file -- the
state the caller had is the state the caller gets back.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator

import pytest

from rosterdesk.importers.engine import Settings, validate_sheet
from rosterdesk.importers.errors import UnusableFile
from rosterdesk.importers.plugins import get_profile
from rosterdesk.importers.sheet import Sheet

HEADER = ["code", "roepnaam", "voornamen", "tussenvoegsel", "achternaam", "email", "klas", "type"]


def _rows(count: int) -> Iterator[list[str | None]]:
    yield HEADER
    for n in range(count):
        if n == 15:  # past the rows read ahead for the header search
            assert not gc.isenabled()  # paused while the rows are read and checked
        yield [str(100_000 + n), "Jan", None, None, "Bos", f"l{n}@school.nl", "1A", "leerling"]


@pytest.fixture
def collector_enabled() -> Iterator[None]:
    was = gc.isenabled()
    gc.enable()
    yield
    if not was:
        gc.disable()


@pytest.mark.usefixtures("collector_enabled")
def test_the_collector_is_paused_during_the_checks_and_enabled_again_after_them() -> None:
    report = validate_sheet(get_profile("roster-csv"), Sheet(format="csv", rows=_rows(20)))
    assert report.stats["rows"] == 20
    assert gc.isenabled()


@pytest.mark.usefixtures("collector_enabled")
def test_the_collector_is_enabled_again_when_the_file_is_refused_midway() -> None:
    with pytest.raises(UnusableFile):
        validate_sheet(get_profile("roster-csv"), Sheet(format="csv", rows=_rows(20)), Settings(max_rows=2))
    assert gc.isenabled()


def test_a_collector_the_caller_disabled_stays_disabled() -> None:
    was = gc.isenabled()
    gc.disable()
    try:
        validate_sheet(get_profile("roster-csv"), Sheet(format="csv", rows=_rows(20)))
        assert not gc.isenabled()
    finally:
        if was:
            gc.enable()
