"""Fixtures for submission links: the uploads' fixtures (SQLite and PostgreSQL), review, records and links emptied."""

from __future__ import annotations

import importlib.util
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from litestar.testing import TestClient

HERE = Path(__file__).resolve().parent
UPLOADS_TESTS = HERE.parent / "uploads"
for folder in (UPLOADS_TESTS, UPLOADS_TESTS.parent / "platform", HERE.parent / "review", HERE):
    if str(folder) not in sys.path:
        sys.path.insert(0, str(folder))

from rd_platform_helpers import Site  # noqa: E402
from rd_uploads_helpers import Uploads, clear_uploads  # noqa: E402

from rosterdesk.platform.app import create_app  # noqa: E402
from rosterdesk.platform.settings import Settings  # noqa: E402


def _load_uploads_conftest() -> object:
    spec = importlib.util.spec_from_file_location("rd_uploads_conftest_submission", UPLOADS_TESTS / "conftest.py")
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


async def clear_all() -> None:
    from rosterdesk.platform.auth.tables import Throttle
    from rosterdesk.platform.records.tables import Record, RecordRevision
    from rosterdesk.platform.review.tables import Review
    from rosterdesk.platform.submission.tables import Submission, SubmissionLink

    for table in (Submission, SubmissionLink, Review, RecordRevision, Record, Throttle):
        await table.delete(force=True).run()


@pytest.fixture
def site(settings: Settings, fake_clock: object) -> Iterator[Site]:
    app = create_app(settings)
    with TestClient(app, base_url="http://testserver.local") as client:
        site = Site(app=app, client=client, settings=settings, clock=fake_clock)
        site.run(clear_all)
        site.run(clear_uploads, settings)
        site.run(site.empty_tables)
        yield site
        site.run(clear_all)
        site.run(clear_uploads, settings)


@pytest.fixture
def uploads(site: Site) -> Uploads:
    return Uploads(site)
