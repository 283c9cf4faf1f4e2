"""The integration suites' shared fixtures: every folder runs on SQLite and on PostgreSQL the same way.

The folders are no packages, so each conftest imports what it needs from here by name (pytest registers
an imported fixture per conftest: every folder still gets its own databases, as before). ``database``
is parametrised over both backends (session scope: migrated once per backend); PostgreSQL gets a fresh
``rosterdesk_test_<random>`` database that is dropped afterwards, and is skipped loudly when
127.0.0.1:5432 is closed (a failure with RD_REQUIRE_SERVICES=1). The fixtures refuse to touch a
database that is not a test database. ``site_fixture`` makes a folder's ``site``: the app behind
Litestar's test client on empty tables (the folder's own tables too) and, where the folder uploads, an
empty uploads folder; ``queued_env`` is the uploads' environment (its own broker queue per test).
"""

from __future__ import annotations

import asyncio
import secrets
import shutil
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from litestar.testing import TestClient

from rosterdesk.platform import clock
from rosterdesk.platform.app import create_app
from rosterdesk.platform.settings import Settings
from tests.conftest import missing_service, port_open

if TYPE_CHECKING:
    from rd_platform_helpers import Site
    from rd_uploads_helpers import Uploads

INTEGRATION = Path(__file__).resolve().parent
PG_HOST, PG_PORT = "127.0.0.1", 5432
SECRET = "test-secret-key-" + "x" * 32


def use_folders(*names: str) -> None:
    """Put these suites' folders on sys.path, so their ``rd_*`` helper modules import by name."""
    for name in names:
        folder = str(INTEGRATION / name)
        if folder not in sys.path:
            sys.path.insert(0, folder)


use_folders("platform")


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


def platform_env(database: dict[str, str]) -> dict[str, str]:
    return {**database, "RD_SECRET_KEY": SECRET, "RD_BASE_URL": "http://testserver.local"}


@pytest.fixture
def env(database: dict[str, str]) -> dict[str, str]:
    """The environment a test's app is built from; tests may add to it before ``site`` is used."""
    return platform_env(database)


def uploads_env(database: dict[str, str]) -> dict[str, str]:
    """The uploads' environment: every test gets its own broker queue, so parallel runs never share work."""
    return {**platform_env(database), "RD_QUEUE": f"rd-test-{secrets.token_hex(6)}"}


@pytest.fixture(name="env")
def queued_env(database: dict[str, str]) -> dict[str, str]:
    """``env`` for the folders that upload: ``uploads_env``."""
    return uploads_env(database)


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
def kind(settings: Settings) -> Any:
    return "postgres" if settings.database.url else "sqlite"


async def _delete(tables: tuple[Any, ...]) -> None:
    for table in tables:
        await table.delete(force=True).run()


@contextmanager
def site_on(settings: Settings, fake_clock: FakeClock, tables: tuple[Any, ...] = (), *, uploads: bool = False,
            folders: tuple[str, ...] = ()) -> Iterator[Site]:
    """The app behind Litestar's test client, on empty tables: the platform's, then ``tables`` (emptied before
    and after, in this order) and with ``uploads`` the versions and the uploads folder (before and after);
    ``folders`` of the data folder are removed before the app starts."""
    from rd_platform_helpers import Site

    for folder in folders:
        shutil.rmtree(settings.app.data_dir / folder, ignore_errors=True)
    app = create_app(settings)
    with TestClient(app, base_url="http://testserver.local") as client:
        site = Site(app=app, client=client, settings=settings, clock=fake_clock)

        def clear() -> None:
            site.run(_delete, tables)
            if uploads:
                use_folders("uploads")
                from rd_uploads_helpers import clear_uploads

                site.run(clear_uploads, settings)

        clear()
        site.run(site.empty_tables)
        yield site
        if tables or uploads:
            clear()


def site_fixture(*tables: Any, uploads: bool = True, folders: tuple[str, ...] = ()) -> Any:
    """A folder's ``site`` fixture: ``site_on`` with its own ``tables`` (see there)."""

    @pytest.fixture(name="site")
    def site(settings: Settings, fake_clock: FakeClock) -> Iterator[Site]:
        with site_on(settings, fake_clock, tables, uploads=uploads, folders=folders) as made:
            yield made

    return site


@pytest.fixture
def uploads(site: Site) -> Uploads:
    """Helpers to upload, wait and inspect versions on ``site``."""
    use_folders("uploads")
    from rd_uploads_helpers import Uploads

    return Uploads(site)
