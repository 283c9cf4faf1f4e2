"""The CJP validation tool (seed 002) in real Chromium against ``rosterdesk serve``: from the start page's
tile to the tool, the students' template downloaded, a file with errors (red bar, every error's place),
then the corrected file (green bar). Saves docs/screenshots/validation-tool-red.png and -green.png.

The server's database is prepared before it starts (one institution with the CJP profiles and one
uploader without a second factor). Nothing here asserts on time; waits only bound a broken run.
"""

from __future__ import annotations

import io
import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook, load_workbook

from tests.conftest import REPO, missing_service

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-background-networking", "--disable-gpu", "--no-first-run",
        "--disable-component-update", "--disable-sync"]
SCREENSHOTS = REPO / "docs" / "screenshots"
EMAIL = "uploader@cjp-college.example"
PASSWORD = "a long e2e validation password"
WAIT_MS = 120_000
PROFILES = ["cjp-students", "cjp-teachers"]

pytestmark = [pytest.mark.browser, pytest.mark.slow]

PREPARE = """
import asyncio, sys
from rosterdesk.platform.cli import prepare
from rosterdesk.platform.auth.passwords import hash_password
from rosterdesk.platform.auth.tables import User
from rosterdesk.platform.tenants.tables import Institution, Membership

async def main() -> None:
    await prepare(seed=False)
    institution = Institution(name="Het CJP-college", kind="MBO", brin="98CJ", locations=["98CJ00"],
                              profiles=sys.argv[3].split(","), two_factor_required=False)
    await institution.save().run()
    user = User(email=sys.argv[1], name="Uploader CJP", password_hash=await hash_password(sys.argv[2]))
    await user.save().run()
    await Membership.insert(Membership(user=user.id, institution=institution.id, role="uploader")).run()
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
    data = tmp_path_factory.mktemp("rd-e2e-tool")
    log = data / "serve.log"
    env = {key: value for key, value in os.environ.items()
           if key not in ("DATABASE_URL", "SMTP_URL", "REDIS_URL", "BROKER_URL")}
    env.update({"RD_DATA_DIR": str(data / "data"), "RD_BASE_URL": f"http://127.0.0.1:{port}",
                "PYTHONUNBUFFERED": "1", "RD_SEED_DEMO": "0"})
    prepared = subprocess.run([sys.executable, "-c", PREPARE, EMAIL, PASSWORD, ",".join(PROFILES)], cwd=REPO, env=env,
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
        yield {"base": base, "log": log, "institution": institution_id, "data": data / "data"}
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


def _students(path: Path, rows: Sequence[Sequence[Any]]) -> Path:
    """A students file in the seed's layout: Verplicht/Optioneel, the hints, the header on row 3."""
    book = Workbook()
    ws = book.active
    assert ws is not None
    ws.title = "Studenten"
    ws.append(["Verplicht", "Verplicht", "Optioneel", "Verplicht", "Verplicht"])
    ws.append(["Vrije invoer", "Vrije invoer", "Geldig e-mail formaat (@ en punt)", "1,2,3,4,5 of 6", "Vrije invoer"])
    ws.append(["voornaam", "achternaam", "email", "leerjaar", "klasnaam"])
    for row in rows:
        ws.append(list(row))
    book.save(path)
    return path


def _shot(page: Any, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / name), full_page=True, caret="initial")


def test_the_cjp_validation_tool_with_a_red_then_a_green_file(server: dict[str, Any], browser: Any,
                                                               tmp_path: Path) -> None:
    base = server["base"]
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="nl-NL", accept_downloads=True)
    page = context.new_page()
    page.set_default_timeout(WAIT_MS)
    errors: list[str] = []
    page.on("console", lambda message: errors.append(f"{page.url} {message.text}")
            if message.type == "error" else None)
    page.goto(base + "/login")
    page.fill("#email", EMAIL)
    page.fill("#password", PASSWORD)
    page.click("main button[type=submit] >> text=Inloggen")
    page.wait_for_selector("#tile-cjp-students")

    # From the tile to the tool: the seed's promise, both templates.
    page.click("#tile-cjp-students a:has-text('Bestand controleren')")
    page.wait_for_selector("#nothing-stored")
    assert "In deze tool worden geen gegevens opgeslagen." in page.inner_text("#nothing-stored")
    with page.expect_download() as download:
        page.click("#template-cjp-students a:has-text('Download sjabloon')")
    template = load_workbook(io.BytesIO(Path(download.value.path()).read_bytes()))["Studenten"]
    assert [c.value for c in template[3]][:5] == ["voornaam", "achternaam", "email", "leerjaar", "klasnaam"]
    assert page.locator("#template-cjp-teachers a:has-text('Download sjabloon')").count() == 1

    # A file with errors: the red bar and every error's row, column and cell.
    bad = _students(tmp_path / "studenten.xlsx", [["Sanne", "de Vries", "sanne@school.nl", 9, "3B"],
                                                  ["Jan", "Smit", "jan-at-school", 3, None]])
    page.set_input_files("#file", str(bad))
    page.wait_for_selector("[data-chosen]:not([hidden])")
    page.get_by_role("button", name="Bestand controleren").click()
    page.wait_for_selector(".verdict-red")
    assert "er zijn 3 fouten gevonden in 2 rijen" in page.inner_text(".verdict-red")
    cells = page.locator(".issue-table tbody tr td:nth-child(3)").all_inner_texts()
    assert sorted(cells) == ["C5", "D4", "E5"]
    _shot(page, "validation-tool-red.png")

    # Fixed: the green bar, and the way to the upload.
    good = _students(tmp_path / "studenten.xlsx", [["Sanne", "de Vries", "sanne@school.nl", 4, "3B"],
                                                   ["Jan", "Smit", "jan@school.nl", 3, "3B"]])
    page.set_input_files("#file", str(good))
    page.get_by_role("button", name="Bestand controleren").click()
    page.wait_for_selector(".verdict-green")
    assert "Je bestand is in orde" in page.inner_text(".verdict-green")
    assert page.locator(".verdict-red").count() == 0
    assert page.locator("#tool-result a:has-text('Naar uploaden')").count() == 1
    _shot(page, "validation-tool-green.png")

    # Nothing was kept on the server's disk: no upload, no file of ours.
    uploads = server["data"] / "uploads"
    assert not uploads.exists() or not any(uploads.iterdir())
    assert errors == [], errors
    context.close()
