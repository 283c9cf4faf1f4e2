"""Fixtures for the platform: the same suite on SQLite and on PostgreSQL.

``database`` is parametrised over both backends (session scope: migrated once per backend);
PostgreSQL gets a fresh ``rosterdesk_test_<random>`` database that is dropped afterwards, and is
skipped loudly when 127.0.0.1:5432 is closed (a failure with RD_REQUIRE_SERVICES=1). Every test
starts from empty tables. The fixtures refuse to touch a database that is not a test database.
"""

from __future__ import annotations

import asyncio
import secrets
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from litestar.testing import TestClient
from rd_platform_helpers import Site

from rosterdesk.platform import clock
from rosterdesk.platform.app import create_app
from rosterdesk.platform.settings import Settings
from tests.conftest import missing_service, port_open

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
    """Never run these tests against a real database (piccolo's scaffold guard, made stricter)."""
    if settings.database.url:
        name = settings.database.url.rsplit("/", 1)[-1]
        if not name.startswith("rosterdesk_test_"):
            raise RuntimeError(f"refusing to run tests against database {name!r}")
    elif tmp_root.resolve() not in settings.app.data_dir.resolve().parents:
        raise RuntimeError(f"refusing to run tests against SQLite outside the test folder: {settings.app.data_dir}")


@pytest.fixture(scope="session", params=["sqlite", "postgres"])
def database(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, str]]:
    """Environment for one backend: RD_DATA_DIR and, for PostgreSQL, DATABASE_URL."""
    data_dir = tmp_path_factory.mktemp(f"rd-{request.param}")
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
    """The environment a test's app is built from; tests may add to it before ``site`` is used."""
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


@pytest.fixture
def site(settings: Settings, fake_clock: FakeClock) -> Iterator[Site]:
    """The app behind Litestar's test client, on empty tables."""
    app = create_app(settings)
    with TestClient(app, base_url="http://testserver.local") as client:
        site = Site(app=app, client=client, settings=settings, clock=fake_clock)
        site.run(site.empty_tables)
        yield site


@pytest.fixture
def kind(settings: Settings) -> Any:
    return "postgres" if settings.database.url else "sqlite"
