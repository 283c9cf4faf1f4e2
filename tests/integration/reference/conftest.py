"""Fixtures for reference data and upload periods: the same suite on SQLite and on PostgreSQL.

Copied from ``tests/integration/platform/conftest.py`` (that folder is no package, so its
fixtures cannot be imported): ``database`` is parametrised over both backends, PostgreSQL gets a
fresh ``rosterdesk_test_<random>`` database (skipped loudly when 127.0.0.1:5432 is closed), and
every test starts from empty tables and an empty reference folder. The ``Site`` helper is the
platform suite's own module, found by path.
"""

from __future__ import annotations

import asyncio
import secrets
import shutil
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from litestar.testing import TestClient

from rosterdesk.platform import clock
from rosterdesk.platform.app import create_app
from rosterdesk.platform.periods.tables import UploadPeriod
from rosterdesk.platform.reference.tables import ReferenceImport
from rosterdesk.platform.settings import Settings
from tests.conftest import DUO_DIR, missing_service, port_open

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "platform"))
from rd_platform_helpers import Site

PG_HOST, PG_PORT = "127.0.0.1", 5432
SECRET = "test-secret-key-" + "x" * 32


async def _pg(sql: str) -> None:
    import asyncpg

    connection = await asyncpg.connect(host=PG_HOST, port=PG_PORT, user="postgres", database="postgres")
    try:
        await connection.execute(sql)
    finally:
        await connection.close()


def refuse_non_test_database(settings: Settings, tmp_root: Path) -> None:
    """Never run these tests against a real database."""
    if settings.database.url:
        name = settings.database.url.rsplit("/", 1)[-1]
        if not name.startswith("rosterdesk_test_"):
            raise RuntimeError(f"refusing to run tests against database {name!r}")
    elif tmp_root.resolve() not in settings.app.data_dir.resolve().parents:
        raise RuntimeError(f"refusing to run tests against SQLite outside the test folder: {settings.app.data_dir}")


@pytest.fixture(scope="session", params=["sqlite", "postgres"])
def database(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, str]]:
    data_dir = tmp_path_factory.mktemp(f"rd-ref-{request.param}")
    if request.param == "sqlite":
        yield {"RD_DATA_DIR": str(data_dir)}
        return
    if not port_open(PG_HOST, PG_PORT):
        missing_service(f"PostgreSQL at {PG_HOST}:{PG_PORT}")
    name = f"rosterdesk_test_{secrets.token_hex(6)}"
    asyncio.run(_pg(f'CREATE DATABASE "{name}"'))
    try:
        yield {"RD_DATA_DIR": str(data_dir), "DATABASE_URL": f"postgres://postgres@{PG_HOST}:{PG_PORT}/{name}"}
    finally:
        asyncio.run(_pg(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))


@pytest.fixture
def env(database: dict[str, str]) -> dict[str, str]:
    return {**database, "RD_SECRET_KEY": SECRET, "RD_BASE_URL": "http://testserver.local"}


@pytest.fixture
def settings(env: dict[str, str], tmp_path_factory: pytest.TempPathFactory) -> Settings:
    settings = Settings.from_env(env)
    refuse_non_test_database(settings, tmp_path_factory.getbasetemp())
    return settings


class FakeClock:
    """The platform's clock, movable: ``clock.advance(30)``."""

    def __init__(self) -> None:
        import time

        self.now = time.time()

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


@pytest.fixture
def fake_clock(monkeypatch: pytest.MonkeyPatch) -> FakeClock:
    fake = FakeClock()
    monkeypatch.setattr(clock, "timestamp", fake)
    return fake


async def _empty_own_tables() -> None:
    for table in (ReferenceImport, UploadPeriod):
        await table.delete(force=True).run()


@pytest.fixture
def site(settings: Settings, fake_clock: FakeClock) -> Iterator[Site]:
    """The app behind Litestar's test client, on empty tables and without reference imports."""
    shutil.rmtree(settings.app.data_dir / "reference", ignore_errors=True)
    app = create_app(settings)
    with TestClient(app, base_url="http://testserver.local") as client:
        site = Site(app=app, client=client, settings=settings, clock=fake_clock)
        site.run(_empty_own_tables)
        site.run(site.empty_tables)
        yield site


@pytest.fixture
def duo_dir() -> Path:
    """DUO's real files in ../shared (read in place; never copied into the project)."""
    if not (DUO_DIR / "Croho.asc").is_file():
        missing_service(f"DUO reference files in {DUO_DIR}")
    return DUO_DIR


@pytest.fixture
def kind(settings: Settings) -> Any:
    return "postgres" if settings.database.url else "sqlite"
