"""The real server in real Chromium: request a password, set it through the link in the outbox,
enrol TOTP from the shown key, log out, log in again with TOTP. Saves screenshots for the README.
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterator
from typing import Any

import pyotp
import pytest

from tests.e2e.rd_e2e import open_page, served, shot, submit_login

ADMIN = "beheer@duinstad.example"
SUPERADMIN = "superadmin@rosterdesk.example"

pytestmark = [pytest.mark.browser, pytest.mark.slow]


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    """``rosterdesk serve`` with a fresh data folder and the demo seed; its demo accounts."""
    with served(tmp_path_factory.mktemp("rd-e2e")) as found:
        assert SUPERADMIN in found["passwords"] and ADMIN in found["passwords"], found["log"].read_text()
        yield found


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
    submit_login(page, base, email, password)
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
    user = browser.new_context(viewport={"width": 1280, "height": 800}, locale="nl-NL")
    staff = browser.new_context(viewport={"width": 1280, "height": 800}, locale="nl-NL")
    errors: list[str] = []
    page = open_page(user, errors)

    # The login page, as in seed 000, and "vraag hier je wachtwoord aan".
    page.goto(base + "/login")
    assert page.title().startswith("Inloggen")
    shot(page, "login.png", full_page=False)
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
    shot(page, "start.png")

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
