"""The upload wizard's pages with a good file: steps 1-5 over HTTP, as seed 000 describes them.

Runs on SQLite and PostgreSQL (the platform's ``database`` fixture) with the embedded worker.
The demo NSE file belongs to institution 99DU of the bundled DUO sample, so the tenant here has
BRIN 99DU (``Uploads.tenant``).
"""

from __future__ import annotations

import re

import pytest
from rd_uploads_helpers import Uploads
from rd_wizard_helpers import HX, XLSX, Wizard, logged_in, with_reference

from rosterdesk.importers.plugins import get_profile
from rosterdesk.samples import NSE_DEMO_VALID


def _wizard(uploads: Uploads, profile: str = "nse") -> Wizard:
    with_reference(uploads.site)
    tenant = uploads.tenant()
    return Wizard(uploads.site, logged_in(uploads.site, tenant.admin), tenant.institution_id, profile)


def test_a_good_nse_file_walks_every_step_to_the_confirmed_version(uploads: Uploads) -> None:
    wizard = _wizard(uploads)
    profile = get_profile("nse")

    # Step 1: the profile, its instructions, its columns, the template and the file chooser.
    start = wizard.browser.get(wizard.start_url)
    assert start.status_code == 200
    assert profile.title_nl in start.text and "Voorbeeldbestand downloaden" in start.text
    assert "Kies bestand" in start.text and 'enctype="multipart/form-data"' in start.text
    assert all(header in start.text for header in profile.headers)
    assert 'aria-current="step"' in start.text and "Bestand kiezen" in start.text
    template = wizard.browser.get(f"{wizard.start_url}/template")
    assert template.status_code == 200 and template.content[:2] == b"PK"
    assert template.headers["content-type"].startswith(XLSX)
    assert template.headers["content-disposition"].startswith("attachment;")

    # Step 2 at once: the structure check passed.
    version_id = wizard.upload_version(NSE_DEMO_VALID)
    step2 = wizard.page(version_id)
    assert step2.status_code == 200
    assert "De vorm van het bestand klopt" in step2.text and "Verder" in step2.text
    assert "nse-demo-valid.xlsx" in step2.text and "Versie 1" in step2.text

    # Step 3: ten random rows in their columns, and the two buttons of the seed.
    step3 = wizard.page(version_id, "/preview")
    assert step3.status_code == 200
    body = step3.text.split("<tbody>", 1)[1].split("</tbody>", 1)[0]
    assert body.count("<tr>") == 10
    assert "Ja, ga verder" in step3.text and "Nee, opnieuw beginnen" in step3.text
    assert 'class="scroll-x preview"' in step3.text
    assert all(f"<th scope=\"col\">{header}</th>" in step3.text for header in profile.headers)

    # Step 4: the check runs in the worker; the page polls a partial and reloads when it is done.
    asked = wizard.post(version_id, "check")
    assert asked.status_code == 303 and asked.headers["location"] == wizard.url(version_id)
    result = wizard.wait_for_result(version_id)
    assert "Het bestand is goedgekeurd" in result.text and "30 rijen" in result.text
    assert "Overzicht downloaden" in result.text

    # Step 5 (NSE declares a completeness step), then "Ja, bevestigen".
    assert "Verder naar bevestigen" in result.text
    step5 = wizard.page(version_id, "/complete")
    assert step5.status_code == 200 and "Ja, bevestigen" in step5.text and "Nee, opnieuw beginnen" in step5.text
    confirmed = wizard.post(version_id, "confirm")
    assert confirmed.status_code == 303
    assert wizard.post(version_id, "confirm").status_code == 303  # a second click changes nothing
    late = wizard.post(version_id, "discard")  # "start again" from an old tab: too late, and said so
    assert late.status_code == 409 and "Dit kan nu niet: versie 1 heeft de status" in late.text
    done = wizard.page(version_id)
    assert "Je bestand is succesvol geüpload" in done.text and "Nieuw bestand uploaden" in done.text
    assert uploads.get(version_id).state == "confirmed"

    # The history lists it with who, when and counts.
    history = wizard.browser.get(f"{wizard.start_url}/history")
    assert history.status_code == 200
    assert "v1" in history.text and "bevestigd (actief)" in history.text and wizard.browser.site is uploads.site
    assert any(event["action"] == "upload.confirmed" for event in uploads.site.audit())


def test_a_profile_without_completeness_confirms_on_the_result_page(uploads: Uploads) -> None:
    from rosterdesk.importers.template import template_bytes

    wizard = _wizard(uploads, "cjp-students")  # no completeness step, no review, no import modes
    version_id = wizard.upload_version(template_bytes(get_profile("cjp-students")), "studenten.xlsx")
    assert wizard.page(version_id).status_code == 200
    wizard.post(version_id, "check")
    result = wizard.wait_for_result(version_id)
    assert "Het bestand is goedgekeurd" in result.text, result.text
    assert "Ja, bevestigen" in result.text and "/complete" not in result.text
    assert wizard.page(version_id, "/complete").status_code == 303  # no step 5 for this profile
    assert wizard.post(version_id, "confirm").status_code == 303
    assert uploads.get(version_id).state == "confirmed"


def test_the_roster_csv_labels_its_columns_then_confirms_at_step_5_with_a_mode(uploads: Uploads) -> None:
    wizard = _wizard(uploads, "roster-csv")
    csv = "code\troepnaam\tachternaam\temail\tklas\ttype\n1001\tSanne\tJansen\ts@school.nl\t1A\tleerling\n"
    version_id = wizard.upload_version(csv.encode(), "klas.csv")
    # the roster CSV labels its columns first (tests/integration/mapping): the headers are the field names here
    assert wizard.page(version_id).headers["location"] == wizard.url(version_id, "/columns")
    labels = {f"column-{index}": name for index, name in enumerate(csv.split("\n", maxsplit=1)[0].split("\t"))}
    assert wizard.browser.post(wizard.url(version_id, "/columns"),
                               {"delimiter": "tab", "read_with": "tab", **labels}).status_code == 303
    result = wizard.wait_for_result(version_id)
    assert "Het bestand is goedgekeurd" in result.text, result.text
    assert "Verder naar bevestigen" in result.text and 'id="confirm-form"' not in result.text
    step5 = wizard.page(version_id, "/complete")  # the modes and every row's fate (platform.roster)
    assert step5.status_code == 200 and "Synchroniseren" in step5.text and 'id="confirm-form"' in step5.text
    assert wizard.browser.post(wizard.url(version_id, "/confirm"), {"mode": "new"}).status_code == 303
    assert uploads.get(version_id).state == "confirmed"


def test_leaving_during_the_check_and_logging_in_again_brings_the_user_back(uploads: Uploads) -> None:
    tenant = uploads.tenant()
    wizard = Wizard(uploads.site, logged_in(uploads.site, tenant.admin), tenant.institution_id)
    version_id = wizard.upload_version(NSE_DEMO_VALID)
    wizard.post(version_id, "check")
    # A new browser (the old one closed), logged in again: step 1 sends it to the version.
    again = Wizard(uploads.site, logged_in(uploads.site, tenant.admin), tenant.institution_id)
    home = again.browser.get(f"/i/{tenant.institution_id}")  # the start page's tile leads straight back
    assert f'href="{again.url(version_id)}"' in home.text and "Verder met versie 1" in home.text
    back = again.browser.get(again.start_url)
    assert back.status_code == 303 and back.headers["location"] == again.url(version_id)
    page = again.wait_for_result(version_id)
    assert "Het bestand is goedgekeurd" in page.text
    # Still unfinished (valid, not confirmed): step 1 keeps bringing the user back to it.
    assert again.browser.get(again.start_url).headers["location"] == again.url(version_id)


def test_the_progress_partial_is_htmx_only_and_the_page_polls_it(uploads: Uploads) -> None:
    wizard = _wizard(uploads)
    version_id = wizard.upload_version(NSE_DEMO_VALID)
    wizard.post(version_id, "check")
    plain = wizard.page(version_id, "/progress")
    assert plain.status_code == 303 and plain.headers["location"] == wizard.url(version_id)
    page = wizard.page(version_id)
    if 'id="progress"' in page.text:  # still checking: the partial polls itself every second
        assert re.search(r'hx-trigger="every 1s"', page.text)
    wizard.wait_for_result(version_id)
    partial = wizard.browser.get(wizard.url(version_id, "/progress"), headers=HX)
    assert partial.headers.get("HX-Refresh") == "true" and partial.text == ""


def test_pages_are_english_for_an_english_user(uploads: Uploads) -> None:
    from rosterdesk.platform.auth.tables import User

    tenant = uploads.tenant()
    uploads.site.run(User.update({User.language: "en"}).where(User.id == tenant.admin.id).run)
    wizard = Wizard(uploads.site, logged_in(uploads.site, tenant.admin), tenant.institution_id)
    start = wizard.browser.get(wizard.start_url)
    assert "Download the example file" in start.text and "Choose file" in start.text
    version_id = wizard.upload_version(NSE_DEMO_VALID)
    assert "The layout of the file is right" in wizard.page(version_id).text
    assert "Yes, continue" in wizard.page(version_id, "/preview").text


def test_the_start_page_tiles_lead_to_the_wizard_and_the_history(uploads: Uploads) -> None:
    tenant = uploads.tenant()
    browser = logged_in(uploads.site, tenant.admin)
    home = browser.get(f"/i/{tenant.institution_id}")
    assert f'href="/i/{tenant.institution_id}/uploads/nse"' in home.text
    assert f'href="/i/{tenant.institution_id}/uploads/nse/history"' in home.text


def test_the_history_compares_two_versions_record_by_record(uploads: Uploads) -> None:
    from rosterdesk.samples import NSE_DEMO_INVALID

    wizard = _wizard(uploads)
    first = wizard.upload_version(NSE_DEMO_VALID)
    wizard.post(first, "check")
    wizard.wait_for_result(first)
    wizard.post(first, "confirm")
    second = wizard.upload_version(NSE_DEMO_INVALID)
    wizard.post(second, "check")
    wizard.wait_for_result(second)
    history = wizard.browser.get(f"{wizard.start_url}/history")
    assert f'<option value="{first}" selected>' in history.text  # the newest two are preselected
    page = wizard.browser.get(f"{wizard.start_url}/history?a={first}&b={second}")
    assert "Verschil tussen versie 1 en versie 2" in page.text
    assert "1 toegevoegd, 2 verwijderd, 2 gewijzigd, 26 ongewijzigd." in page.text
    assert "Den Bosch" in page.text and "HOOFDOPLEIDING" in page.text
    assert "@student.example.nl" in page.text and "***" in page.text  # e-mail addresses masked
    partial = wizard.browser.get(f"{wizard.start_url}/compare?a={second}&b={first}", headers=HX)  # either order
    assert partial.text.lstrip().startswith('<div id="diff"') and "versie 1 en versie 2" in partial.text
    plain = wizard.browser.get(f"{wizard.start_url}/compare?a={first}&b={second}")
    assert plain.status_code == 303 and "/history?a=" in plain.headers["location"]
    same = wizard.browser.get(f"{wizard.start_url}/compare?a={first}&b={first}", headers=HX)
    assert "Kies twee verschillende versies" in same.text
    leftovers = [name for name in uploads.files() if not name.isalnum()]
    assert leftovers == []  # the records were made in a temporary folder that is gone again


def test_a_version_without_its_file_cannot_be_compared_and_says_so(uploads: Uploads) -> None:
    wizard = _wizard(uploads)
    gone = wizard.upload_version(NSE_DEMO_VALID)
    wizard.post(gone, "discard")
    kept = wizard.upload_version(NSE_DEMO_VALID)
    answer = wizard.browser.get(f"{wizard.start_url}/compare?a={gone}&b={kept}", headers=HX)
    assert answer.status_code == 200 and "Versie 1 kan niet worden vergeleken" in answer.text


def test_a_broker_that_is_down_shows_check_delayed_and_keeps_the_file(uploads: Uploads,
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    """R4 on the page: the version stays queued without a message; the user reads "controle vertraagd"."""
    from rosterdesk.platform.uploads.runtime import current

    def broker_down(version_id: int) -> None:
        raise ConnectionError("broker down")

    wizard = _wizard(uploads)
    version_id = wizard.upload_version(NSE_DEMO_VALID)
    monkeypatch.setattr(current().dispatcher, "send", broker_down)
    assert wizard.post(version_id, "check").status_code == 303
    page = wizard.page(version_id)
    assert page.status_code == 200 and "De controle is vertraagd" in page.text
    assert "Je bestand is bewaard" in page.text and 'hx-trigger="every 1s"' in page.text
    version = uploads.get(version_id)
    assert version.state == "previewed" and version.file_id in uploads.files()


def test_every_download_link_bypasses_htmx_boost() -> None:
    """A boosted link would fetch a file with XHR and swap it into the page instead of saving it."""
    from rosterdesk.platform.web.templating import TEMPLATES

    for path in (TEMPLATES / "uploads").glob("*.html"):
        for tag in re.findall(r"<a\b[^>]*\bdownload\b[^>]*>", path.read_text(encoding="utf-8")):
            assert 'hx-boost="false"' in tag, (path.name, tag)
