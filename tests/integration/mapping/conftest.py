"""Fixtures for the column mapping step: the uploads' fixtures (SQLite and PostgreSQL), loaded by path.

The uploads' conftest is loaded by path and its fixtures re-exported (neither folder is a package),
so the mapping runs on both backends exactly like the wizard's tests; ``site`` also empties the
mapping tables.
"""

from __future__ import annotations

import importlib.util
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from litestar.testing import TestClient

UPLOADS_TESTS = Path(__file__).resolve().parent.parent / "uploads"
HERE = str(Path(__file__).resolve().parent)
for folder in (str(UPLOADS_TESTS), HERE):
    if folder not in sys.path:
        sys.path.insert(0, folder)


def _load_uploads_conftest() -> object:
    spec = importlib.util.spec_from_file_location("rd_uploads_conftest_mapping", UPLOADS_TESTS / "conftest.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


_uploads = _load_uploads_conftest()
database = _uploads.database  # type: ignore[attr-defined]
settings = _uploads.settings  # type: ignore[attr-defined]
fake_clock = _uploads.fake_clock  # type: ignore[attr-defined]
kind = _uploads.kind  # type: ignore[attr-defined]
env = _uploads.env  # type: ignore[attr-defined]
uploads = _uploads.uploads  # type: ignore[attr-defined]

from rd_platform_helpers import Site  # noqa: E402
from rd_uploads_helpers import clear_uploads  # noqa: E402

from rosterdesk.platform.app import create_app  # noqa: E402
from rosterdesk.platform.roster.mapping_tables import ColumnMapping, VersionMapping  # noqa: E402
from rosterdesk.platform.settings import Settings  # noqa: E402


async def clear_mappings() -> None:
    await VersionMapping.delete(force=True).run()
    await ColumnMapping.delete(force=True).run()


@pytest.fixture
def site(settings: Settings, fake_clock: object) -> Iterator[Site]:
    """The app behind Litestar's test client, on empty tables (the mappings too) and an empty uploads folder."""
    app = create_app(settings)
    with TestClient(app, base_url="http://testserver.local") as client:
        site = Site(app=app, client=client, settings=settings, clock=fake_clock)
        site.run(clear_mappings)
        site.run(clear_uploads, settings)
        site.run(site.empty_tables)
        yield site
        site.run(clear_mappings)
        site.run(clear_uploads, settings)
