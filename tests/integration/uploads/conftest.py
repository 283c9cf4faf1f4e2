"""Fixtures for the uploads: the platform's fixtures (SQLite and PostgreSQL, tests/integration/rd_platform.py),
plus Redis and workers.

Every test gets its own broker queue (``env``); ``site`` also empties the versions table and the uploads
folder. Services that are down skip loudly, or fail with RD_REQUIRE_SERVICES=1.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import missing_service, port_open
from tests.integration import rd_platform
from tests.integration.rd_platform import database, fake_clock, kind, queued_env, settings, uploads  # noqa: F401

rd_platform.use_folders("uploads")
from rd_uploads_helpers import REDIS_URL  # noqa: E402

site = rd_platform.site_fixture()
"""The app behind Litestar's test client, on empty tables and an empty uploads folder."""


@pytest.fixture
def redis_url() -> str:
    if not port_open("127.0.0.1", 6379):
        missing_service("Redis at 127.0.0.1:6379")
    return REDIS_URL


@pytest.fixture
def big_csv(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A roster CSV large enough that its check is caught in the middle (written once per test process)."""
    from rd_uploads_helpers import write_roster_csv

    path = tmp_path_factory.getbasetemp() / "big-roster.csv"
    if not path.exists():
        write_roster_csv(path, rows=400_000)
    return path


@pytest.fixture
def workdir(tmp_path: Path) -> Iterator[Path]:
    yield tmp_path
    shutil.rmtree(tmp_path, ignore_errors=True)
