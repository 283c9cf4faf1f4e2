"""Fixtures for the helpdesk review: the uploads' fixtures (SQLite and PostgreSQL), reviews and records emptied.

The uploads' conftest is loaded by path and its fixtures re-exported (neither folder is a package),
so the review runs on the same backends the same way.
"""

from __future__ import annotations

import importlib.util
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from litestar.testing import TestClient

UPLOADS_TESTS = Path(__file__).resolve().parent.parent / "uploads"
for folder in (UPLOADS_TESTS, UPLOADS_TESTS.parent / "platform", Path(__file__).resolve().parent):
    if str(folder) not in sys.path:
        sys.path.insert(0, str(folder))

from rd_platform_helpers import Site  # noqa: E402
from rd_uploads_helpers import Uploads, clear_uploads  # noqa: E402

from rosterdesk.platform.app import create_app  # noqa: E402
from rosterdesk.platform.settings import Settings  # noqa: E402


def _load_uploads_conftest() -> object:
    spec = importlib.util.spec_from_file_location("rd_uploads_conftest", UPLOADS_TESTS / "conftest.py")
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


async def clear_review() -> None:
    from rosterdesk.platform.records.tables import Record, RecordRevision
    from rosterdesk.platform.review.tables import Review

    for table in (Review, RecordRevision, Record):
        await table.delete(force=True).run()


@pytest.fixture
def site(settings: Settings, fake_clock: object) -> Iterator[Site]:
    """The app on empty tables (reviews and records too) and an empty uploads folder."""
    app = create_app(settings)
    with TestClient(app, base_url="http://testserver.local") as client:
        site = Site(app=app, client=client, settings=settings, clock=fake_clock)
        site.run(clear_review)
        site.run(clear_uploads, settings)
        site.run(site.empty_tables)
        yield site
        site.run(clear_review)
        site.run(clear_uploads, settings)


@pytest.fixture
def uploads(site: Site) -> Uploads:
    return Uploads(site)
