"""Helpers for the uploads tests: upload through the services, wait for states, run real workers.

Waiting polls the database with a generous deadline that only keeps a broken run from hanging;
no test asserts on how long anything takes.
"""

from __future__ import annotations

import csv
import io
import os
import random
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from rd_platform_helpers import Account, Site

from rosterdesk.importers.plugins import get_profile
from rosterdesk.platform.settings import Settings
from rosterdesk.platform.tenants.tables import Institution
from rosterdesk.platform.uploads import services
from rosterdesk.platform.uploads.runtime import upload_dir
from rosterdesk.platform.uploads.tables import Version

REPO = Path(__file__).resolve().parents[3]
REDIS_URL = "redis://127.0.0.1:6379/0"
DEADLINE = 180.0
ROSTER_HEADERS = ["code", "roepnaam", "voornamen", "tussenvoegsel", "achternaam", "email", "klas", "type"]
PROFILES = ["nse", "cjp-students", "cjp-teachers", "intergrip", "roster-csv"]


async def clear_uploads(settings: Settings) -> None:
    await Version.delete(force=True).run()
    shutil.rmtree(upload_dir(settings), ignore_errors=True)


def roster_csv_bytes(rows: int, *, seed: int = 7) -> bytes:
    rng = random.Random(seed)
    out = io.StringIO()
    writer = csv.writer(out, delimiter="\t", lineterminator="\n")
    writer.writerow(ROSTER_HEADERS)
    for n in range(rows):
        writer.writerow([str(100000 + n), "Sanne", "Sanne", "", rng.choice(("Jansen", "Bakker", "de Vries")),
                         f"l{n}@school.example.nl", f"{rng.randint(1, 6)}A", "leerling"])
    return out.getvalue().encode("utf-8")


def write_roster_csv(path: Path, rows: int) -> Path:
    path.write_bytes(roster_csv_bytes(rows))
    return path


@dataclass
class Tenant:
    institution_id: int
    admin: Account


class Uploads:
    """Upload and inspect versions on one ``Site`` (the app's own event loop runs every call)."""

    def __init__(self, site: Site) -> None:
        self.site = site
        self._users = 0

    def tenant(self, brin: str = "99DU", name: str = "Demo Universiteit", profiles: Iterable[str] = PROFILES
               ) -> Tenant:
        async def make() -> int:
            row = Institution(name=name, kind="HO", brin=brin, locations=[f"{brin}00"], profiles=list(profiles),
                              two_factor_required=False)
            await row.save().run()
            return int(row.id)

        institution_id = self.site.run(make)
        self._users += 1
        admin = self.site.user(f"beheer{self._users}-{brin.lower()}@school.example", totp=False,
                               memberships=((institution_id, "admin"),))
        return Tenant(institution_id, admin)

    def institution(self, tenant: Tenant) -> Institution:
        async def get() -> Institution:
            row = await Institution.objects().get(Institution.id == tenant.institution_id)
            assert row is not None
            return row

        return self.site.run(get)

    def user(self, tenant: Tenant) -> Any:
        from rosterdesk.platform.auth.tables import User

        async def get() -> Any:
            return await User.objects().get(User.id == tenant.admin.id)

        return self.site.run(get)

    def receive(self, tenant: Tenant, data: bytes | Path, *, profile: str = "nse", name: str | None = None,
                options: dict[str, str] | None = None) -> Version:
        content = data.read_bytes() if isinstance(data, Path) else data
        filename = name or (data.name if isinstance(data, Path) else "upload.xlsx")
        institution, user = self.institution(tenant), self.user(tenant)
        return self.site.run(services.receive, institution, user, get_profile(profile), filename, content,
                             options or {})

    def get(self, version_id: int) -> Version:
        async def get() -> Version:
            row = await Version.objects().get(Version.id == version_id)
            assert row is not None, version_id
            return row

        return self.site.run(get)

    def start(self, tenant: Tenant, version: Version) -> None:
        self.site.run(services.start_check, version, self.user(tenant))

    def wait(self, version_id: int, *states: str, until: Any = None) -> Version:
        """Poll until the version is in one of ``states`` (and ``until(version)`` holds)."""
        end = time.monotonic() + DEADLINE
        while True:
            version = self.get(version_id)
            if version.state in states and (until is None or until(version)):
                return version
            if time.monotonic() > end:
                raise AssertionError(f"version {version_id} stayed {version.state} (attempts {version.attempts})")
            time.sleep(0.05)

    def files(self) -> list[str]:
        folder = upload_dir(self.site.settings)
        return sorted(p.name for p in folder.iterdir()) if folder.exists() else []


def wait_until(condition: Any) -> None:
    """Poll ``condition()`` until it holds (the deadline only keeps a broken run from hanging)."""
    end = time.monotonic() + DEADLINE
    while not condition():
        if time.monotonic() > end:
            raise AssertionError("condition never held")
        time.sleep(0.05)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def env_of(settings_env: dict[str, str], **extra: str) -> dict[str, str]:
    """A child process's environment: this one's PATH etc., the test's settings, and ``extra``."""
    env = {key: value for key, value in os.environ.items() if not key.startswith(("RD_", "DATABASE_URL",
                                                                                  "BROKER_URL"))}
    env.update(settings_env)
    env.update(extra)
    env["PYTHONPATH"] = str(REPO)
    return env


class WorkerProcess:
    """``rosterdesk worker`` as a real child process, its output in a log file."""

    def __init__(self, env: dict[str, str], log: Path) -> None:
        self.log = log
        self.handle = log.open("ab")
        self.process = subprocess.Popen([sys.executable, "-m", "rosterdesk.cli", "worker"], env=env, cwd=REPO,
                                        stdout=self.handle, stderr=subprocess.STDOUT)

    @property
    def alive(self) -> bool:
        return self.process.poll() is None

    def kill(self) -> None:
        """SIGKILL: no chance to clean up (R1)."""
        self.process.send_signal(signal.SIGKILL)
        self.process.wait()

    def terminate(self) -> int:
        """SIGTERM and wait for the exit code (R10)."""
        self.process.send_signal(signal.SIGTERM)
        return self.process.wait(timeout=DEADLINE)

    def close(self) -> None:
        if self.alive:
            self.process.kill()
            self.process.wait()
        self.handle.close()

    def output(self) -> str:
        return self.log.read_text(errors="replace")


class RedisServer:
    """A private Redis on a free port that a test may stop and start (the shared one stays up)."""

    def __init__(self, folder: Path) -> None:
        self.port = free_port()
        self.folder = folder
        self.process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> None:
        binary = shutil.which("redis-server")
        assert binary, "redis-server not installed"
        self.process = subprocess.Popen([binary, "--port", str(self.port), "--bind", "127.0.0.1", "--save", "",
                                         "--appendonly", "no", "--dir", str(self.folder)],
                                        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        end = time.monotonic() + 30
        while time.monotonic() < end:
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=0.2):
                    return
            except OSError:
                time.sleep(0.05)
        raise AssertionError("private redis did not start")

    def stop(self) -> None:
        if self.process is not None:
            self.process.kill()
            self.process.wait()
            self.process = None
