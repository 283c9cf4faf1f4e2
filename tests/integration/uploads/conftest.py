"""Fixtures for the uploads: the platform's fixtures (SQLite and PostgreSQL), plus Redis and workers.

The platform's conftest is loaded by path and its fixtures re-exported, so both folders run the
same backends the same way (neither folder is a package: see tests/integration/platform). The
``site`` here also empties the versions table and the uploads folder. Services that are down
skip loudly, or fail with RD_REQUIRE_SERVICES=1.
"""

from __future__ import annotations

import importlib.util
import secrets
import shutil
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from litestar.testing import TestClient

PLATFORM_TESTS = Path(__file__).resolve().parent.parent / "platform"
if str(PLATFORM_TESTS) not in sys.path:
    sys.path.insert(0, str(PLATFORM_TESTS))
HERE = str(Path(__file__).resolve().parent)
if HERE not in sys.path:
    sys.path.insert(0, HERE)

from rd_platform_helpers import Site  # noqa: E402
from rd_uploads_helpers import REDIS_URL, Uploads, clear_uploads  # noqa: E402

from rosterdesk.platform.app import create_app  # noqa: E402
from rosterdesk.platform.settings import Settings  # noqa: E402
from tests.conftest import missing_service, port_open  # noqa: E402


def _load_platform_conftest() -> object:
    spec = importlib.util.spec_from_file_location("rd_platform_conftest", PLATFORM_TESTS / "conftest.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


_platform = _load_platform_conftest()
database = _platform.database  # type: ignore[attr-defined]
settings = _platform.settings  # type: ignore[attr-defined]
fake_clock = _platform.fake_clock  # type: ignore[attr-defined]
kind = _platform.kind  # type: ignore[attr-defined]
FakeClock = _platform.FakeClock  # type: ignore[attr-defined]
SECRET = _platform.SECRET  # type: ignore[attr-defined]


@pytest.fixture
def env(database: dict[str, str]) -> dict[str, str]:
    """The app's environment; every test gets its own broker queue, so parallel runs never share work."""
    return {**database, "RD_SECRET_KEY": SECRET, "RD_BASE_URL": "http://testserver.local",
            "RD_QUEUE": f"rd-test-{secrets.token_hex(6)}"}


@pytest.fixture
def site(settings: Settings, fake_clock: object) -> Iterator[Site]:
    """The app behind Litestar's test client, on empty tables and an empty uploads folder."""
    app = create_app(settings)
    with TestClient(app, base_url="http://testserver.local") as client:
        site = Site(app=app, client=client, settings=settings, clock=fake_clock)
        site.run(clear_uploads, settings)
        site.run(site.empty_tables)
        yield site
        site.run(clear_uploads, settings)


@pytest.fixture
def uploads(site: Site) -> Uploads:
    """Helpers to upload, wait and inspect versions on ``site``."""
    return Uploads(site)


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
