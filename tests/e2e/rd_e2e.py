"""The browser tests' scaffolding, in one place so that every e2e module starts, logs in and photographs
the same way (a fix to the server start or the login reaches all of them at once).

``served`` prepares a data folder (one institution and its accounts, described as data and written by
``PREPARE`` in a child process, or the demo seed), starts ``rosterdesk serve`` on a free loopback port,
waits for /health and stops it afterwards; ``chromium`` launches the system Chromium headless through
Playwright (tests/e2e/conftest.py offers it as the module fixture ``browser``). ``open_page``,
``login`` and ``shot`` are the steps every test repeats: a page that collects console errors, the login
form (with a TOTP code when the account has one), a screenshot for the docs.
"""

from __future__ import annotations

import json
import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import REPO, missing_service

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-background-networking", "--disable-gpu", "--no-first-run",
        "--disable-component-update", "--disable-sync"]
SCREENSHOTS = REPO / "docs" / "screenshots"
DEMO_ACCOUNT = re.compile(r"^\s+\w+\s+(\S+@\S+)\s+(\S+)\s*$", flags=re.M)
"""A line of the demo accounts ``rosterdesk serve`` prints after seeding: role, e-mail, one-time password."""


@dataclass(frozen=True)
class Account:
    """A user the prepared database holds: a member of the institution (``role``), or staff (``staff_role``)."""

    email: str
    password: str
    name: str
    role: str = ""
    staff_role: str = ""
    totp_secret: str = ""


PREPARE = """
import asyncio, json, sys
from rosterdesk.platform.cli import prepare
from rosterdesk.platform.auth.passwords import hash_password
from rosterdesk.platform.auth.tables import User
from rosterdesk.platform.tenants.tables import Institution, Membership
from rosterdesk.platform.reference.services import import_directory
from rosterdesk.platform.settings import get_settings
from rosterdesk.samples import DUO_SAMPLE_DIR

async def main() -> None:
    spec = json.loads(sys.argv[1])
    await prepare(seed=False)
    if spec["reference"]:  # the bundled DUO sample as the reference data in force (the demo seed does the same)
        await import_directory(get_settings().app.data_dir, DUO_SAMPLE_DIR, actor=None, origin="test")
    institution = Institution(**spec["institution"])
    await institution.save().run()
    for account in spec["accounts"]:
        user = User(email=account["email"], name=account["name"], staff_role=account["staff_role"],
                    totp_secret=account["totp_secret"], password_hash=await hash_password(account["password"]))
        await user.save().run()
        if account["role"]:
            await Membership.insert(Membership(user=user.id, institution=institution.id, role=account["role"])).run()
    print(institution.id)

asyncio.run(main())
"""
"""Run with ``sys.executable -c`` before the server starts, so the test depends on no demo account."""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _prepare(env: dict[str, str], institution: dict[str, Any], accounts: Sequence[Account], reference: bool) -> int:
    spec = {"institution": institution, "accounts": [asdict(account) for account in accounts], "reference": reference}
    prepared = subprocess.run([sys.executable, "-c", PREPARE, json.dumps(spec)], cwd=REPO, env=env,
                              capture_output=True, text=True, check=False)
    assert prepared.returncode == 0, prepared.stderr
    return int(prepared.stdout.strip().splitlines()[-1])


@contextmanager
def served(data: Path, institution: dict[str, Any] | None = None, accounts: Sequence[Account] = (), *,
           reference: bool = False) -> Iterator[dict[str, Any]]:
    """``rosterdesk serve`` on ``data``; yields ``base``, ``log``, ``env`` (the server's), ``data`` (its data
    folder) and ``institution`` (its id).

    With ``institution`` (the Institution's fields) the database is prepared first with it and ``accounts``
    (``reference``: the bundled DUO sample imported too) and the server starts without the demo seed;
    without, it starts with the demo seed and also yields ``passwords`` (the printed demo accounts'
    one-time passwords by e-mail) and no institution."""
    port = free_port()
    log = data / "serve.log"
    env = {key: value for key, value in os.environ.items()
           if key not in ("DATABASE_URL", "SMTP_URL", "REDIS_URL", "BROKER_URL")}
    env.update({"RD_DATA_DIR": str(data / "data"), "RD_BASE_URL": f"http://127.0.0.1:{port}",
                "PYTHONUNBUFFERED": "1", "RD_SEED_DEMO": "0" if institution is not None else "1"})
    institution_id = _prepare(env, institution, accounts, reference) if institution is not None else None
    command = [sys.executable, "-m", "rosterdesk.platform.cli", "serve", "--port", str(port)]
    with log.open("w") as out:
        process = subprocess.Popen(command + (["--no-seed"] if institution is not None else []), cwd=REPO, env=env,
                                   stdout=out, stderr=subprocess.STDOUT)
    try:
        base = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(base + "/health", timeout=1) as response:  # noqa: S310 (loopback)
                    if response.status == 200:
                        break
            except OSError:
                if process.poll() is not None:
                    pytest.fail("server exited:\n" + log.read_text())
                time.sleep(0.2)
        else:
            pytest.fail("server did not start:\n" + log.read_text())
        found: dict[str, Any] = {"base": base, "log": log, "env": env, "data": data / "data",
                                 "institution": institution_id}
        if institution is None:
            found["passwords"] = dict(DEMO_ACCOUNT.findall(log.read_text()))
        yield found
    finally:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()


@contextmanager
def chromium() -> Iterator[Any]:
    """Headless Chromium (skips loudly when it is not installed)."""
    if not Path(CHROMIUM).is_file():
        missing_service(f"Chromium at {CHROMIUM} (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        try:
            yield browser
        finally:
            browser.close()


def open_page(context: Any, errors: list[str] | None = None, wait_ms: int | None = None) -> Any:
    """A new page of ``context``; every console error (a CSP violation, a failed request) goes into ``errors``,
    prefixed with the page's address; ``wait_ms`` bounds every wait (only a broken run reaches it)."""
    page = context.new_page()
    if wait_ms is not None:
        page.set_default_timeout(wait_ms)
    if errors is not None:
        page.on("console", lambda message: errors.append(f"{page.url} {message.text} {message.location}")
                if message.type == "error" else None)
    return page


_last_codes: dict[str, str] = {}
"""The TOTP code last typed per secret: the server accepts a code once."""


def totp_code(secret: str) -> str:
    """The current code of ``secret``, waiting for the next one when this one was typed already."""
    import pyotp

    code = pyotp.TOTP(secret).now()
    while _last_codes.get(secret) == code:
        time.sleep(1)
        code = pyotp.TOTP(secret).now()
    _last_codes[secret] = code
    return code


def submit_login(page: Any, base: str, email: str, password: str) -> None:
    """The login form filled in and sent; where it leads is the caller's to wait for."""
    page.goto(base + "/login")
    page.fill("#email", email)
    page.fill("#password", password)
    page.click("main button[type=submit] >> text=Inloggen")


def login(page: Any, base: str, email: str, password: str, totp_secret: str | None = None) -> Any:
    """Log ``page`` in (with a code of ``totp_secret`` on the second step) and return it once the browser has
    really left /login: the session cookie is set by then, so the next ``goto`` cannot race the login."""
    submit_login(page, base, email, password)
    if totp_secret:
        page.wait_for_selector("#code")
        page.fill("#code", totp_code(totp_secret))
        page.click("main button[type=submit]")
    page.wait_for_url(lambda url: "/login" not in url)
    return page


def shot(page: Any, name: str, *, full_page: bool = True) -> None:
    """A screenshot into docs/screenshots/ (caret "initial": "hide" injects a <style>, which the CSP refuses)."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / name), full_page=full_page, caret="initial")
