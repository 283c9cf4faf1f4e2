"""Faults around storing and checking uploads: SECURITY.md R6, R8, R11, and the embedded worker's restart.

Disk full is a real full filesystem (a 1 MB tmpfs mounted over the uploads folder; needs root),
the database fault a real one (PostgreSQL ends every connection of the test database mid-check,
as a restart does), simultaneous uploads really run at the same time on one event loop.
"""

from __future__ import annotations

import asyncio
import subprocess
from pathlib import Path

import pytest
from litestar.testing import TestClient
from rd_platform_helpers import Site
from rd_uploads_helpers import Uploads, WorkerProcess, env_of

from rosterdesk.importers.plugins import get_profile
from rosterdesk.platform.app import create_app
from rosterdesk.platform.db import engine as db
from rosterdesk.platform.settings import Settings
from rosterdesk.platform.uploads import services
from rosterdesk.platform.uploads.errors import UploadRefused
from rosterdesk.platform.uploads.runtime import upload_dir
from rosterdesk.platform.uploads.tables import Version
from rosterdesk.samples import NSE_DEMO_VALID
from tests.conftest import missing_service


def test_r8_two_uploads_of_one_profile_at_the_same_moment_become_two_versions(uploads: Uploads) -> None:
    tenant = uploads.tenant()
    institution, user, profile = uploads.institution(tenant), uploads.user(tenant), get_profile("nse")
    content = NSE_DEMO_VALID.read_bytes()

    async def both() -> list[Version]:
        return list(await asyncio.gather(*(services.receive(institution, user, profile, f"v{n}.xlsx", content, {})
                                           for n in range(2))))

    versions = uploads.site.run(both)
    assert sorted(v.number for v in versions) == [1, 2]
    assert {uploads.get(v.id).state for v in versions} == {"received"}  # neither overwrote the other
    assert sorted(uploads.files()) == sorted(str(v.file_id) for v in versions)
    newest = max(versions, key=lambda v: v.number)
    assert uploads.site.run(services.open_version, institution, "nse").id == newest.id


@pytest.fixture
def full_disk(settings: Settings) -> Path:
    """A 1 MB filesystem mounted over the uploads folder for the test."""
    folder = upload_dir(settings)
    folder.mkdir(parents=True, exist_ok=True)
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", str(folder)], capture_output=True,
                             check=False)
    if mounted.returncode != 0:
        missing_service(f"mounting a tmpfs (root) for the disk-full test: {mounted.stderr.decode().strip()}")
    yield folder  # type: ignore[misc]
    subprocess.run(["umount", str(folder)], check=True)


def test_r11_a_full_disk_refuses_the_upload_clearly_and_leaves_no_row_and_no_file(
        uploads: Uploads, full_disk: Path) -> None:
    tenant = uploads.tenant(profiles=["roster-csv"])
    too_big_for_the_disk = b"code\troepnaam\n" + b"123\tJan\n" * 300_000  # 2.4 MB, under the upload limit
    with pytest.raises(UploadRefused) as refused:
        uploads.receive(tenant, too_big_for_the_disk, profile="roster-csv", name="leerlingen.csv")
    assert refused.value.type == "disk-full"
    assert "vol" in refused.value.message("nl") and "full" in refused.value.message("en")
    assert list(full_disk.iterdir()) == []  # not even a part file
    assert uploads.site.run(services.history, uploads.institution(tenant), "roster-csv") == []
    small = uploads.receive(tenant, b"code\troepnaam\n123\tJan\n", profile="roster-csv", name="klein.csv")
    assert small.file_id in uploads.files()  # the disk was never left full by the refused upload


@pytest.mark.parametrize("database", ["postgres"], indirect=True)
@pytest.mark.slow
def test_r6_postgresql_ending_every_connection_mid_check_leaves_one_complete_result(
        uploads: Uploads, env: dict[str, str], redis_url: str, big_csv: Path, tmp_path: Path) -> None:
    import asyncpg

    tenant = uploads.tenant(profiles=["roster-csv"])
    version = uploads.receive(tenant, big_csv, profile="roster-csv")
    worker_env = env_of(env, BROKER_URL=redis_url, RD_CHECK_STALE_SECONDS="2", RD_SWEEP_SECONDS="1")
    worker = WorkerProcess(worker_env, tmp_path / "worker.log")
    try:
        _start_check_on(uploads, redis_url, env, tenant, version)
        uploads.wait(version.id, "checking", until=lambda v: v.progress_done > 0)
        name = env["DATABASE_URL"].rsplit("/", 1)[-1]

        async def end_connections() -> int:
            admin = await asyncpg.connect(host="127.0.0.1", port=5432, user="postgres", database="postgres")
            try:
                rows = await admin.fetch("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                                         "WHERE datname = $1 AND pid <> pg_backend_pid()", name)
            finally:
                await admin.close()
            return len(rows)

        assert asyncio.run(end_connections()) >= 1
        done = _wait_through_reconnects(uploads, version.id)
        assert (done.state, done.row_count) == ("valid", 400_000)
        assert done.attempts in (1, 2)  # the running attempt finished, or the sweeper ran it again
        assert services.report_of(done).stats["rows"] == 400_000  # nothing half-written
    finally:
        worker.close()


def _start_check_on(uploads: Uploads, redis_url: str, env: dict[str, str], tenant, version) -> None:  # type: ignore[no-untyped-def]
    from rosterdesk.platform.uploads import runtime as rt
    from rosterdesk.platform.uploads.broker import Dispatcher
    from rosterdesk.platform.uploads.tasks import check_version

    current = rt.current()
    other = Settings.from_env({**env, "BROKER_URL": redis_url})
    swapped = rt.Runtime(settings=other, store=current.store, dispatcher=Dispatcher(other, check_version),
                         loop=current.loop)
    rt.install(swapped)
    try:
        uploads.start(tenant, version)
    finally:
        swapped.dispatcher.close()
        rt.install(current)


def _wait_through_reconnects(uploads: Uploads, version_id: int) -> Version:
    """The app's own pool lost its connections too: the first query may fail, later ones reconnect (R6)."""
    for _ in range(5):
        try:
            return uploads.wait(version_id, "valid", "invalid", "failed")
        except Exception as exc:  # asyncpg's errors for a connection the server ended; the pool replaces it
            if not type(exc).__module__.startswith("asyncpg") and not isinstance(exc, OSError):
                raise
    return uploads.wait(version_id, "valid", "invalid", "failed")


def test_the_embedded_worker_queues_checks_left_waiting_by_a_previous_process_at_start(
        uploads: Uploads, settings: Settings) -> None:
    tenant = uploads.tenant()
    version = uploads.receive(tenant, NSE_DEMO_VALID)

    async def lost_with_the_process() -> None:  # committed as asked for; the in-memory message died
        await Version.update({Version.state: "previewed", Version.queued_at: None}).where(
            Version.id == version.id).run()

    uploads.site.run(lost_with_the_process)
    restarted = create_app(settings)
    try:
        with TestClient(restarted, base_url="http://testserver.local") as client:
            again = Uploads(Site(app=restarted, client=client, settings=settings, clock=uploads.site.clock))
            done = again.wait(version.id, "valid", "invalid", "failed")
    finally:
        db.use_engine(uploads.site.app.state["engine"])  # the first app's engine again, for its teardown
    assert (done.state, done.attempts) == ("valid", 1)
