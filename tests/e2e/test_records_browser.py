"""A manual add in real Chromium against ``rosterdesk serve`` (issue 6, item 6): an Intergrip learner typed
with an invalid BSN gets the message beside the field as the field is left, is corrected to a valid BSN,
and is saved; the record page shows the BSN masked. The server's database is prepared before it starts
(a VO school with the Intergrip profile and an admin without a second factor). Waits only bound a
broken run; nothing asserts on time.
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

import pytest
from stdnum.nl import bsn

from tests.conftest import REPO, missing_service

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-background-networking", "--disable-gpu", "--no-first-run",
        "--disable-component-update", "--disable-sync"]
EMAIL = "beheer@vo-school.example"
PASSWORD = "a long e2e records password"
WAIT_MS = 60_000
VALID_BSN = "111222333"
INVALID_BSN = "123456789"

pytestmark = [pytest.mark.browser, pytest.mark.slow]

PREPARE = """
import asyncio, sys
from rosterdesk.platform.cli import prepare
from rosterdesk.platform.auth.passwords import hash_password
from rosterdesk.platform.auth.tables import User
from rosterdesk.platform.tenants.tables import Institution, Membership


async def main() -> None:
    await prepare(seed=False)
    institution = Institution(name="Scholengemeenschap De Duinen", kind="VO", brin="12AB", locations=["12AB00"],
                              profiles=["intergrip", "roster-csv"], two_factor_required=False)
    await institution.save().run()
    user = User(email=sys.argv[1], name="Beheer De Duinen", password_hash=await hash_password(sys.argv[2]))
    await user.save().run()
    await Membership.insert(Membership(user=user.id, institution=institution.id, role="admin")).run()
    print(institution.id)

asyncio.run(main())
"""


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    """``rosterdesk serve`` on a free loopback port with a prepared data folder."""
    port = _free_port()
    data = tmp_path_factory.mktemp("rd-e2e-records")
    log = data / "serve.log"
    env = {key: value for key, value in os.environ.items()
           if key not in ("DATABASE_URL", "SMTP_URL", "REDIS_URL", "BROKER_URL")}
    env.update({"RD_DATA_DIR": str(data / "data"), "RD_BASE_URL": f"http://127.0.0.1:{port}",
                "PYTHONUNBUFFERED": "1", "RD_SEED_DEMO": "0"})
    prepared = subprocess.run([sys.executable, "-c", PREPARE, EMAIL, PASSWORD], cwd=REPO, env=env,
                              capture_output=True, text=True, check=False)
    assert prepared.returncode == 0, prepared.stderr
    institution_id = int(prepared.stdout.strip().splitlines()[-1])
    with log.open("w") as out:
        process = subprocess.Popen([sys.executable, "-m", "rosterdesk.platform.cli", "serve", "--port", str(port),
                                    "--no-seed"], cwd=REPO, env=env, stdout=out, stderr=subprocess.STDOUT)
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
        yield {"base": base, "log": log, "institution": institution_id}
    finally:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    if not Path(CHROMIUM).is_file():
        missing_service(f"Chromium at {CHROMIUM} (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        try:
            yield chromium
        finally:
            chromium.close()


def test_a_manual_add_with_an_invalid_bsn_corrected_to_a_valid_one(server: dict[str, Any], browser: Any) -> None:
    assert not bsn.is_valid(INVALID_BSN) and bsn.is_valid(VALID_BSN)
    base, institution = server["base"], server["institution"]
    context = browser.new_context(locale="nl-NL")
    errors: list[str] = []
    page = context.new_page()
    page.set_default_timeout(WAIT_MS)
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.goto(base + "/login")
    page.fill("#email", EMAIL)
    page.fill("#password", PASSWORD)
    page.click("main button[type=submit] >> text=Inloggen")
    page.wait_for_url(re.compile(r".*/$"))

    page.goto(f"{base}/i/{institution}/records/intergrip")
    page.click("text=Nieuw record toevoegen")
    page.wait_for_selector("#in-leerlingnummer")
    assert page.input_value("#option-school_type") == "VO"  # filled in from the school (seed 003)
    page.select_option("#option-learner_kind", "potentiele-overstapper")
    page.fill("#in-leerlingnummer", "200001")
    page.fill("#in-bsn", INVALID_BSN)
    page.keyboard.press("Tab")  # leaving the field checks it with the whole row
    page.wait_for_selector("#err-bsn .error-text")
    assert "geen geldig burgerservicenummer" in page.inner_text("#err-bsn")
    assert page.get_attribute("#in-bsn", "aria-invalid") == "true"

    page.fill("#in-bsn", VALID_BSN)
    page.keyboard.press("Tab")
    page.wait_for_function("() => !document.querySelector('#err-bsn .error-text')")
    assert page.get_attribute("#in-bsn", "aria-invalid") is None
    for field, value in (("voorletters", "J.P."), ("voornaam", "Jan"), ("tussenvoegsel", "van der"),
                         ("achternaam", "Berg"), ("geboortedatum", "2011-03-14"), ("klas", "4H2")):
        page.fill(f"#in-{field}", value)
    page.select_option("#in-leerjaar", "4")
    page.select_option("#in-niveau", "HAVO")
    page.click("main button[type=submit] >> text=Opslaan")
    page.wait_for_selector("text=Opgeslagen.")
    assert re.search(r"/records/intergrip/\d+", page.url)
    content = page.inner_text("main")
    assert "*****2333" in content and VALID_BSN not in page.content()
    assert "met de hand" in content and "Berg" in content
    page.goto(f"{base}/i/{institution}/records/intergrip")
    assert "1 record(s)" in page.inner_text("#records-results")
    assert errors == [], errors  # no CSP violation, no script error
    context.close()
