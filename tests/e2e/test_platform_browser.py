"""The real server in real Chromium: request a password, set it through the link in the outbox,
enrol TOTP from the shown key, log out, log in again with TOTP. Saves screenshots for the README.
"""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pyotp
import pytest

from tests.conftest import REPO, missing_service

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-background-networking", "--disable-gpu", "--no-first-run",
        "--disable-component-update", "--disable-sync"]
SCREENSHOTS = REPO / "docs" / "screenshots"
ADMIN = "beheer@duinstad.example"
SUPERADMIN = "superadmin@rosterdesk.example"

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    """``rosterdesk serve`` on a free loopback port with a fresh data folder; its demo accounts."""
    port = _free_port()
    data = tmp_path_factory.mktemp("rd-e2e")
    log = data / "serve.log"
    env = {**os.environ, "RD_DATA_DIR": str(data / "data"), "RD_BASE_URL": f"http://127.0.0.1:{port}",
           "PYTHONUNBUFFERED": "1"}
    env.pop("DATABASE_URL", None)
    env.pop("SMTP_URL", None)
    env.pop("REDIS_URL", None)
    with log.open("w") as out:
        process = subprocess.Popen([sys.executable, "-m", "rosterdesk.platform.cli", "serve", "--port", str(port)],
                                   cwd=REPO, env=env, stdout=out, stderr=subprocess.STDOUT)
    try:
        base = f"http://127.0.0.1:{port}"
        deadline = time.time() + 60
        while time.time() < deadline:
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
        passwords = dict(re.findall(r"^\s+\w+\s+(\S+@\S+)\s+(\S+)\s*$", log.read_text(), flags=re.M))
        assert SUPERADMIN in passwords and ADMIN in passwords, log.read_text()
        yield {"base": base, "passwords": passwords, "log": log}
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    if not Path(CHROMIUM).is_file():
        missing_service(f"Chromium at {CHROMIUM} (apt-get install chromium chromium-driver)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        try:
            yield chromium
        finally:
            chromium.close()


def _wait_for_fresh_step(last_step: int | None) -> None:
    """A TOTP code is accepted once: wait for a step later than the last one used."""
    while last_step is not None and int(time.time() // 30) <= last_step:
        time.sleep(0.5)


def _enrol(page: Any) -> tuple[str, int]:
    """Type the code computed from the key shown on the enrolment page; returns (secret, step)."""
    page.wait_for_selector("#totp-key")
    assert page.locator(".qr svg").count() == 1
    secret = page.inner_text("#totp-key").replace(" ", "")
    page.fill("#code", pyotp.TOTP(secret).now())
    step = int(time.time() // 30)
    page.click("main button[type=submit] >> text=/Koppelen|Link app/")
    page.wait_for_selector("#recovery-codes")
    assert page.locator("#recovery-codes li").count() == 10
    return secret, step


def _first_login(page: Any, base: str, email: str, password: str) -> tuple[str, int]:
    """One-time password → own password → TOTP enrolment."""
    page.goto(base + "/login")
    page.fill("#email", email)
    page.fill("#password", password)
    page.click("main button[type=submit] >> text=Inloggen")
    page.wait_for_url(re.compile(r".*/password/change$"))
    page.fill("#password", "superadmin e2e password")
    page.fill("#confirm", "superadmin e2e password")
    page.click("main button[type=submit] >> text=Wachtwoord opslaan")
    page.wait_for_url(re.compile(r".*/two-factor/enrol$"))
    return _enrol(page)


def _outbox_link(page: Any, base: str, to: str) -> str:
    page.goto(base + "/admin/outbox")
    mail = page.locator("li.mail", has=page.locator(".mail-to", has_text=to)).first
    text = mail.inner_text()
    match = re.search(r"(http://127\.0\.0\.1:\d+/password/set/[A-Za-z0-9_\-]+)", text)
    assert match, text
    return match.group(1)


def test_request_password_set_it_enrol_totp_log_out_and_in_again(server: dict[str, Any], browser: Any) -> None:
    base = server["base"]
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    user = browser.new_context(viewport={"width": 1280, "height": 800}, locale="nl-NL")
    staff = browser.new_context(viewport={"width": 1280, "height": 800}, locale="nl-NL")
    page = user.new_page()
    errors: list[str] = []
    page.on("console", lambda message: errors.append(f"{page.url} {message.text} {message.location}")
            if message.type == "error" else None)

    # The login page, as in seed 000, and "vraag hier je wachtwoord aan".
    page.goto(base + "/login")
    assert page.title().startswith("Inloggen")
    page.screenshot(path=str(SCREENSHOTS / "login.png"), caret="initial")  # "hide" injects a <style>
    page.click("text=Vraag hier je wachtwoord aan")
    page.wait_for_url(re.compile(r".*/password/request$"))
    page.fill("#email", ADMIN)
    page.click("main button[type=submit]")
    page.wait_for_selector("text=Als dit e-mailadres bij ons bekend is")

    # The superadmin reads the outbox (embedded default: no SMTP).
    desk = staff.new_page()
    _first_login(desk, base, SUPERADMIN, server["passwords"][SUPERADMIN])
    link = _outbox_link(desk, base, ADMIN)

    # Set the password through the link, log in, enrol TOTP from the shown key.
    page.goto(link)
    page.fill("#password", "beheerder e2e password")
    page.fill("#confirm", "beheerder e2e password")
    page.click("main button[type=submit]")
    page.wait_for_url(re.compile(r".*/login\?notice=password-set$"))
    page.fill("#email", ADMIN)
    page.fill("#password", "beheerder e2e password")
    page.click("main button[type=submit] >> text=Inloggen")
    page.wait_for_url(re.compile(r".*/two-factor/enrol$"))
    secret, step = _enrol(page)
    page.click("text=Ik heb de codes bewaard, verder")
    page.wait_for_selector("#tile-nse")
    assert page.locator(".tile").count() >= 5
    page.screenshot(path=str(SCREENSHOTS / "start.png"), full_page=True, caret="initial")

    # Log out through the user menu (top right), log in again with a fresh TOTP code.
    page.click("details.usermenu summary")
    page.click("text=Uitloggen")
    page.wait_for_selector("text=Je bent uitgelogd")
    page.fill("#email", ADMIN)
    page.fill("#password", "beheerder e2e password")
    page.click("main button[type=submit] >> text=Inloggen")
    page.wait_for_url(re.compile(r".*/login/code$"))
    _wait_for_fresh_step(step)
    page.fill("#code", pyotp.TOTP(secret).now())
    page.click("main button[type=submit] >> text=Controleren")
    page.wait_for_selector("#tile-nse")
    assert page.locator("nav.mainnav a.brand").get_attribute("href") == "/"
    assert not [e for e in errors if "Content Security Policy" in e], errors
    user.close()
    staff.close()
