"""The helpdesk review in real Chromium against ``rosterdesk serve`` (seed 003, issue 6): an Intergrip list
submitted by a school, approved by the helpdesk and visible as records; another one rejected, with its
e-mail in the outbox. Waits only bound a broken run; nothing asserts on time."""

from __future__ import annotations

import os
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
from tests.e2e.test_upload_wizard import ARGS, CHROMIUM, _free_port


def intergrip_csv(count: int) -> bytes:
    """A valid Intergrip list of ``count`` learners (VO, HAVO), semicolon-separated."""
    from stdnum.nl import bsn

    from rosterdesk.importers.plugins import get_profile

    numbers = [f"{n:09d}" for n in range(111_222_000, 111_232_000) if bsn.is_valid(f"{n:09d}")][:count]
    lines = [";".join(get_profile("intergrip").headers)]
    for n, number in enumerate(numbers):
        values = {"Leerlingnummer": str(200001 + n), "BSN": number, "Voorletters": "J.", "Voornaam": f"Jan{n}",
                  "Achternaam": "Berg", "Geboortedatum": "14-03-2011", "Klas": "4H2", "Leerjaar": "4",
                  "Niveau": "HAVO"}
        lines.append(";".join(values.get(header, "") for header in get_profile("intergrip").headers))
    return ("\n".join(lines) + "\n").encode("utf-8")

pytestmark = [pytest.mark.browser, pytest.mark.slow]
WAIT_MS = 120_000
SCHOOL = ("school@duinstad.example", "a long e2e school password")
HELPDESK = ("help@rosterdesk.example", "a long e2e helpdesk password")
ROOT = ("root@rosterdesk.example", "a long e2e root password")
SECRET = pyotp.random_base32()

PREPARE = """
import asyncio, sys
from rosterdesk.platform.cli import prepare
from rosterdesk.platform.auth.passwords import hash_password
from rosterdesk.platform.auth.tables import User
from rosterdesk.platform.tenants.tables import Institution, Membership

async def main() -> None:
    await prepare(seed=False)
    institution = Institution(name="Lyceum Duinstad", kind="VO", brin="99DU", locations=["99DU00"],
                              profiles=["intergrip"], two_factor_required=False)
    await institution.save().run()
    school = User(email=sys.argv[1], name="Beheer Lyceum", password_hash=await hash_password(sys.argv[2]))
    await school.save().run()
    await Membership.insert(Membership(user=school.id, institution=institution.id, role="admin")).run()
    for email, password, role in ((sys.argv[3], sys.argv[4], "helpdesk"), (sys.argv[5], sys.argv[6], "superadmin")):
        await User(email=email, name=role.title(), staff_role=role, totp_secret=sys.argv[7],
                   password_hash=await hash_password(password)).save().run()
    print(institution.id)

asyncio.run(main())
"""


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    port = _free_port()
    data = tmp_path_factory.mktemp("rd-e2e-review")
    log = data / "serve.log"
    env = {key: value for key, value in os.environ.items()
           if key not in ("DATABASE_URL", "SMTP_URL", "REDIS_URL", "BROKER_URL")}
    env.update({"RD_DATA_DIR": str(data / "data"), "RD_BASE_URL": f"http://127.0.0.1:{port}",
                "PYTHONUNBUFFERED": "1", "RD_SEED_DEMO": "0"})
    prepared = subprocess.run([sys.executable, "-c", PREPARE, *SCHOOL, *HELPDESK, *ROOT, SECRET], cwd=REPO, env=env,
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
        yield {"base": base, "institution": institution_id, "log": log}
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


_last_code: dict[str, str] = {}


def _login(browser: Any, base: str, account: tuple[str, str], errors: list[str], *, totp: bool = False) -> Any:
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="nl-NL")
    page = context.new_page()
    page.set_default_timeout(WAIT_MS)
    page.on("console", lambda message: errors.append(f"{page.url} {message.text}")
            if message.type == "error" else None)
    page.goto(base + "/login")
    page.fill("#email", account[0])
    page.fill("#password", account[1])
    page.click("main button[type=submit] >> text=Inloggen")
    if totp:
        page.wait_for_selector("#code")
        code = pyotp.TOTP(SECRET).now()
        while _last_code.get("code") == code:  # a code is used once: wait for the next one
            time.sleep(1)
            code = pyotp.TOTP(SECRET).now()
        _last_code["code"] = code
        page.fill("#code", code)
        page.click("main button[type=submit]")
    # The login page has an h1 too: wait until the browser has really left it (the session
    # cookie is set by then), or the next goto races the login and lands on "log in first".
    page.wait_for_url(lambda url: "/login" not in url)
    page.wait_for_selector("main h1")
    return page


def _submit(page: Any, base: str, institution: int, tmp_path: Path, *, name: str, count: int, remark: str) -> str:
    """The school's wizard up to "Opsturen"; the version page's address."""
    path = tmp_path / name
    path.write_bytes(intergrip_csv(count))
    page.goto(f"{base}/i/{institution}/uploads/intergrip")
    # Lyceum Duinstad is a VO school: the school type is filled in and fixed (seed 003).
    assert "VO" in page.inner_text("#option-school_type")
    page.set_input_files("#file", str(path))
    page.get_by_role("button", name="Uploaden en controleren").click()
    page.get_by_role("link", name="Verder", exact=True).click()
    page.wait_for_selector(".preview-table")
    page.get_by_role("button", name="Ja, ga verder").click()
    page.wait_for_selector("#review-remark")
    page.fill("#review-remark", remark)
    page.get_by_role("button", name="Opsturen").click()
    page.wait_for_selector("#review-status:has-text('Lijst succesvol opgestuurd')")
    return str(page.url)


def test_an_intergrip_list_submitted_approved_by_the_helpdesk_and_visible_as_records(
        server: dict[str, Any], browser: Any, tmp_path: Path) -> None:
    base, institution = server["base"], server["institution"]
    errors: list[str] = []
    school = _login(browser, base, SCHOOL, errors)
    version_url = _submit(school, base, institution, tmp_path, name="leerlingen.csv", count=12,
                          remark="Graag voor vrijdag")
    version_id = version_url.rstrip("/").rsplit("/", 1)[-1]

    desk = _login(browser, base, HELPDESK, errors, totp=True)
    desk.click("nav >> text=Te controleren lijsten")
    desk.wait_for_selector("#review-queue")
    row = desk.locator("#review-queue tbody tr", has_text="Lyceum Duinstad")
    assert "12" in row.inner_text() and SCHOOL[0] in row.inner_text()
    row.get_by_role("link").click()
    desk.wait_for_selector("#decide")
    assert "Graag voor vrijdag" in desk.inner_text("main")
    assert desk.locator("#sample tbody tr").count() == 10
    desk.get_by_role("button", name="Goedkeuren en inladen").click()
    desk.wait_for_selector("#review-notice:has-text('Goedgekeurd en ingeladen')")

    school.goto(version_url)
    assert "bevestigd" in school.inner_text(".version-line")
    school.goto(f"{base}/i/{institution}/records/intergrip")
    school.wait_for_selector("main h1")
    text = school.inner_text("main")
    assert "200001" in text and "200012" in text, text[:500]  # the learners are records now
    assert "111222" not in text or "*****" in text  # a BSN never shown in full in the list
    assert f"/admin/reviews/{version_id}" not in school.content()
    assert not errors, errors


def test_a_rejection_with_its_email_in_the_outbox(server: dict[str, Any], browser: Any, tmp_path: Path) -> None:
    base, institution = server["base"], server["institution"]
    errors: list[str] = []
    school = _login(browser, base, SCHOOL, errors)
    version_url = _submit(school, base, institution, tmp_path, name="tweede.csv", count=5, remark="")
    desk = _login(browser, base, HELPDESK, errors, totp=True)
    desk.goto(base + "/admin/reviews")
    desk.locator("#review-queue tbody tr", has_text="Lyceum Duinstad").get_by_role("link").click()
    desk.wait_for_selector("#decide")
    desk.get_by_role("button", name="Afkeuren").click()  # without a reason: asked for one
    desk.wait_for_selector("#reason-error")
    desk.fill("#reject-reason", "Klas 4H2 bestaat niet meer; gebruik 4H3.")
    desk.get_by_role("button", name="Afkeuren").click()
    desk.wait_for_selector("#review-notice:has-text('Afgekeurd')")

    school.goto(version_url)
    assert "Klas 4H2 bestaat niet meer" in school.inner_text("#review-status")
    root = _login(browser, base, ROOT, errors, totp=True)
    root.goto(base + "/admin/outbox")
    outbox = root.inner_text("main")
    assert "Lijst afgekeurd" in outbox and SCHOOL[0] in outbox
    assert "Klas 4H2 bestaat niet meer; gebruik 4H3." in outbox
    # The refused decision without a reason answers 422 on purpose (the form comes back with its
    # message); Chromium logs every 4xx page load as a console error.
    assert not [e for e in errors if "status of 422" not in e], errors
