"""Step 5 of the roster CSV in real Chromium against ``rosterdesk serve`` (issue 7, item 3): a first list
confirmed with the preselected mode "Alleen nieuwe importeren", a second one previewed, switched to
"Synchroniseren" (htmx swaps the preview: the counts and the row to be removed appear) and confirmed;
the confirmed page shows the counts of the preview. Then department participations with an unknown
student: the error row and no confirm button. Waits only bound a broken run; nothing asserts on time.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.e2e.rd_e2e import Account, login, open_page, served, shot

EMAIL = "rooster@vo-school.example"
PASSWORD = "a long e2e roster password"
WAIT_MS = 90_000
HEADER = "code;roepnaam;achternaam;email;klas;type\n"
OTHERS = "".join(f"{2001 + n};Sanne;de Vries;s{n}@school.nl;3C;leerling\n" for n in range(9))
FIRST = HEADER + "1001;Jan;Jansen;j@school.nl;1A;leerling\n1002;Piet;Bakker;p@school.nl;1A;leerling\n" \
    "1003;Kees;Visser;k@school.nl;1B;leerling\n" + OTHERS
SECOND = HEADER + "1001;Jan;Jansen;j@school.nl;2A;leerling\n1002;Piet;Bakker;p@school.nl;1A;leerling\n" \
    "1004;Anna;Smit;a@school.nl;1C;leerling\n" + OTHERS
DEPARTMENTS = "leerlingcode;afdeling;prognose\n1001;h4;100\n9999;v5;80\n"

pytestmark = [pytest.mark.browser, pytest.mark.slow]


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    """``rosterdesk serve`` with a VO school that has both roster profiles and an admin."""
    school = {"name": "Scholengemeenschap De Duinen", "kind": "VO", "brin": "12AB", "locations": ["12AB00"],
              "profiles": ["roster-csv", "roster-departments"], "two_factor_required": False}
    with served(tmp_path_factory.mktemp("rd-e2e-roster"), school,
                [Account(EMAIL, PASSWORD, "Roosteraar", role="admin")]) as found:
        yield found


def _counts(page: Any) -> dict[str, int]:
    return {item.get_attribute("id").removeprefix("count-"): int(item.locator("strong").inner_text())
            for item in page.locator(".fate-counts li").all()}


def _upload_and_check(page: Any, base: str, institution: int, slug: str, path: Path) -> None:
    """Step 1, the column labels (suggested from the headers), the check; ends on the result page."""
    page.goto(f"{base}/i/{institution}/uploads/{slug}")
    page.set_input_files("#file", str(path))
    page.get_by_role("button", name="Uploaden en controleren").click()
    page.get_by_role("button", name="Koppeling opslaan en controleren").click()
    page.wait_for_selector(".verdict:has-text('Het bestand is goedgekeurd')")


def test_step_5_previews_every_row_switches_mode_and_applies_what_it_showed(server: dict[str, Any], browser: Any,
                                                                          tmp_path: Path) -> None:
    base, institution = server["base"], server["institution"]
    context = browser.new_context(viewport={"width": 1280, "height": 1000}, locale="nl-NL")
    errors: list[str] = []
    page = login(open_page(context, errors, WAIT_MS), base, EMAIL, PASSWORD)
    assert page.locator("#tile-roster-departments").count() == 1  # a tile like the others

    first = tmp_path / "rooster.csv"
    first.write_text(FIRST, encoding="utf-8")
    _upload_and_check(page, base, institution, "roster-csv", first)
    page.get_by_role("link", name="Verder naar bevestigen").click()
    page.wait_for_selector("#fates")
    assert page.is_checked("#mode-new") and _counts(page) == {"new": 12, "skipped": 0, "error": 0}
    page.get_by_role("button", name="Ja, bevestigen").click()
    page.wait_for_selector("h2:has-text('Je bestand is succesvol geüpload')")
    assert "nieuw: 12" in page.inner_text("#applied-counts")

    second = tmp_path / "rooster-2.csv"
    second.write_text(SECOND, encoding="utf-8")
    _upload_and_check(page, base, institution, "roster-csv", second)
    page.get_by_role("link", name="Verder naar bevestigen").click()
    page.wait_for_selector("#fates")
    assert _counts(page) == {"new": 1, "skipped": 11, "error": 0}
    page.get_by_text("Synchroniseren", exact=True).click()  # the label of the radio: htmx asks for the preview
    page.wait_for_selector("#fates[data-mode='sync']")
    assert _counts(page) == {"new": 1, "changed": 1, "unchanged": 10, "removed": 1, "error": 0}
    table = page.inner_text(".fate-table")
    assert "wordt verwijderd" in table and "1003" in table and re.search(r"klas: 1A\s*→\s*2A", table)
    shot(page, "roster-fates.png")
    page.get_by_role("button", name="Ja, bevestigen").click()
    page.wait_for_selector("h2:has-text('Je bestand is succesvol geüpload')")
    applied = page.inner_text("#applied-counts")
    assert "Synchroniseren" in applied and "wordt verwijderd: 1" in applied and "gewijzigd: 1" in applied

    participations = tmp_path / "afdelingen.csv"
    participations.write_text(DEPARTMENTS, encoding="utf-8")
    _upload_and_check(page, base, institution, "roster-departments", participations)
    page.get_by_role("link", name="Verder naar bevestigen").click()
    page.wait_for_selector("#fates-blocked")
    assert _counts(page) == {"new": 1, "skipped": 0, "error": 1}
    assert "Leerling 9999 bestaat niet in de roosterimport" in page.inner_text(".fate-table")
    assert page.get_by_role("button", name="Ja, bevestigen").count() == 0
    assert not [e for e in errors if "Content Security Policy" in e], errors
    context.close()
