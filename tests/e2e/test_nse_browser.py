"""NSE end to end in real Chromium (issue 5, item 6): log in with a TOTP code as the demo institution's
uploader (99DU Universiteit Duinstad, the bundled DUO sample imported as reference data), upload a
file that lacks two of its RIO programmes, give a reason for each at step 5 (first forgetting one:
the message appears at that programme), confirm, see the students per programme with "< 5", run
the privacy erasure (``rosterdesk privacy erase --profile nse --ignore-date``) and see that the
counts stay while the original file is gone. Nothing asserts on time.
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pyotp
import pytest

from tests.conftest import REPO
from tests.e2e.rd_e2e import Account, login, open_page, served

EMAIL = "nse-uploader@duinstad.example"
PASSWORD = "a long e2e nse uploader password"
SECRET = pyotp.random_base32()
WAIT_MS = 120_000

pytestmark = [pytest.mark.browser, pytest.mark.slow]


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    """``rosterdesk serve`` with the DUO sample as reference data and a university that demands a second factor,
    with its uploader (TOTP enrolled)."""
    university = {"name": "Universiteit Duinstad", "kind": "HO", "brin": "99DU", "locations": ["99DU00"],
                  "profiles": ["nse"], "two_factor_required": True}
    with served(tmp_path_factory.mktemp("rd-e2e-nse"), university,
                [Account(EMAIL, PASSWORD, "NSE Uploader", role="uploader", totp_secret=SECRET)],
                reference=True) as found:
        yield found


def _variant(path: Path) -> Path:
    """The demo file without the students of two programmes (Ad Ondernemen, M Rechtsgeleerdheid)."""
    from rosterdesk.samples.make_demo_files import valid_rows, write_workbook

    rows = valid_rows()
    gone = {row["EMAILADRES"] for row in rows if row["OPLEIDINGSCODE"] in ("90103", "96102")}
    write_workbook(path, [row for row in rows if row["EMAILADRES"] not in gone])
    return path


def test_an_nse_upload_with_missing_programmes_counts_and_the_erasure(server: dict[str, Any], browser: Any,
                                                                      tmp_path: Path) -> None:
    base = server["base"]
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="nl-NL")
    errors: list[str] = []
    page = login(open_page(context, errors, WAIT_MS), base, EMAIL, PASSWORD, totp_secret=SECRET)
    page.wait_for_selector("#tile-nse")

    page.click("#tile-nse h3 a")
    page.wait_for_selector("h2:has-text('Stap 1: Bestand kiezen')")
    page.set_input_files("#file", str(_variant(tmp_path / "nse-duinstad.xlsx")))
    page.get_by_role("button", name="Uploaden en controleren").click()
    page.wait_for_selector(".verdict:has-text('De vorm van het bestand klopt:')")
    page.get_by_role("link", name="Verder", exact=True).click()
    page.get_by_role("button", name="Ja, ga verder").click()
    page.wait_for_selector(".verdict:has-text('Het bestand is goedgekeurd')")
    page.get_by_role("link", name="Verder naar bevestigen").click()
    page.wait_for_selector("h2:has-text('Stap 5: Bestand bevestigen')")
    assert page.locator("#missing-programmes tbody tr").count() == 2

    # One reason forgotten: the page comes back with the message at that programme.
    page.get_by_label("Reden voor 90103 Ad Ondernemen").select_option("no-students-yet")
    page.get_by_role("button", name="Ja, bevestigen").click()
    page.wait_for_selector("#reason-96102-error")
    assert "ontbreekt nog een reden" in page.inner_text("main")
    assert page.get_by_label("Reden voor 90103 Ad Ondernemen").input_value() == "no-students-yet"
    page.get_by_label("Reden voor 96102 M Rechtsgeleerdheid").select_option("other")
    page.get_by_label("Toelichting bij ‘Andere reden’ voor 96102").fill("Start pas in 2026")
    page.get_by_role("button", name="Ja, bevestigen").click()
    page.wait_for_selector("h2:has-text('Je bestand is succesvol geüpload')")
    page.wait_for_selector("#counts")
    counts = page.inner_text("#counts")
    assert "Aantal studenten per opleiding" in counts and "< 5" in counts
    version_url = page.url

    page.goto(base + page.url.split("/versions/")[0].replace(base, "") + "/uploads/nse/history")
    assert "Redenen voor ontbrekende opleidingen (2)" in page.inner_text("main")

    erased = subprocess.run([sys.executable, "-m", "rosterdesk.cli", "privacy", "erase", "--profile", "nse",
                             "--ignore-date"], cwd=REPO, env=server["env"], capture_output=True, text=True,
                            check=False, timeout=300)
    assert erased.returncode == 0, erased.stderr
    assert "nse: erased EMAILADRES, EMAILADRES_2: 1 file(s) deleted" in erased.stdout
    assert not any((server["data"] / "uploads").glob("[0-9a-f]*"))

    page.goto(version_url)
    page.wait_for_selector("#counts")
    assert "< 5" in page.inner_text("#counts")
    assert "@student.example.nl" not in page.content()
    unexpected = [text for text in errors if "status of 422" not in text]  # the refused confirmation is a 422
    assert unexpected == [], unexpected
