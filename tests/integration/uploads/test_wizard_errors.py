"""The upload wizard's pages with wrong files and wrong requests: every message says what, where, how.

A text file renamed .xlsx, misspelled headers, the invalid NSE demo file, no file, a missing
option, a file over the size limit, a viewer, a POST without CSRF token, and the downloads.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook
from rd_uploads_helpers import Uploads
from rd_wizard_helpers import HX, XLSX, Wizard, logged_in, with_reference

from rosterdesk.importers.plugins import get_profile
from rosterdesk.platform.settings import Settings
from rosterdesk.samples import NSE_DEMO_INVALID


def _wizard(uploads: Uploads, profile: str = "nse") -> Wizard:
    with_reference(uploads.site)
    tenant = uploads.tenant()
    return Wizard(uploads.site, logged_in(uploads.site, tenant.admin), tenant.institution_id, profile)


def _nse_with_headers(headers: list[str]) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Studentgegevens"
    sheet.append(headers)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def test_a_text_file_renamed_xlsx_gets_the_engines_message_and_a_way_back(uploads: Uploads) -> None:
    wizard = _wizard(uploads)
    version_id = wizard.upload_version(b"naam;email\nJan;jan@example.nl\n", "studenten.xlsx")
    step2 = wizard.page(version_id)
    assert step2.status_code == 200
    assert "De vorm van het bestand klopt niet" in step2.text
    assert "tekstbestand met scheidingstekens" in step2.text and "Opslaan als" in step2.text  # what and how
    assert "studenten.xlsx" in step2.text
    assert "Overzicht downloaden" in step2.text and "Opnieuw beginnen" in step2.text
    overview = wizard.page(version_id, "/download/overview")
    assert overview.status_code == 200 and overview.headers["content-type"].startswith("text/plain")
    assert "tekstbestand" in overview.text
    assert overview.headers["content-disposition"].startswith("attachment;")
    assert wizard.page(version_id, "/preview").status_code == 303  # no step 3 for a file with the wrong layout

    # "Opnieuw beginnen": the version and its file go, and step 1 is shown again.
    file_id = uploads.get(version_id).file_id
    restart = wizard.post(version_id, "discard")
    assert restart.status_code == 303 and restart.headers["location"] == wizard.start_url
    assert uploads.get(version_id).state == "discarded" and file_id not in uploads.files()
    assert wizard.browser.get(wizard.start_url).status_code == 200


def test_misspelled_and_missing_headers_are_listed_with_a_did_you_mean_hint(uploads: Uploads) -> None:
    wizard = _wizard(uploads)
    headers = list(get_profile("nse").headers)
    wrong = headers[0]
    headers[0] = wrong.lower() + " "
    version_id = wizard.upload_version(_nse_with_headers(headers[:-1]), "koppen.xlsx")
    page = wizard.page(version_id)
    assert "De vorm van het bestand klopt niet" in page.text
    assert wrong in page.text  # the expected spelling is named
    assert headers[-1] in page.text  # the missing column is named
    assert "Let vooral op de spelling" in page.text


def test_an_invalid_file_shows_errors_by_type_with_filters_and_every_download(uploads: Uploads) -> None:
    wizard = _wizard(uploads)
    version_id = wizard.upload_version(NSE_DEMO_INVALID)
    wizard.post(version_id, "check")
    result = wizard.wait_for_result(version_id)
    assert uploads.get(version_id).state == "invalid"
    assert "Het bestand bevat 6 fouten in 30 rijen" in result.text
    assert "Meldingen per soort" in result.text and "Ja, bevestigen" not in result.text
    assert "Opnieuw beginnen" in result.text
    for value in ("90109", "Den Bosch"):  # the value, with its row and column
        assert value in result.text
    assert "LOCATIE" in result.text and "C14" in result.text

    # Filter by type (htmx partial): only that type remains.
    only = wizard.browser.get(wizard.url(version_id, "/issues?type=unknown-programme"), headers=HX)
    assert only.status_code == 200 and only.text.lstrip().startswith('<div id="issues"')
    assert "90109" in only.text and "Den Bosch" not in only.text
    # Filter by column.
    column = wizard.browser.get(wizard.url(version_id, "/issues?column=LOCATIE"), headers=HX)
    assert "Den Bosch" in column.text and "90109" not in column.text
    # An unknown filter value narrows nothing and shows nothing foreign.
    anything = wizard.browser.get(wizard.url(version_id, "/issues?type=<script>&column=x"), headers=HX)
    assert anything.status_code == 200 and "<script>" not in anything.text and "90109" in anything.text
    # Without htmx the filter lands on the page with the filter applied.
    plain = wizard.page(version_id, "/issues?type=unknown-programme")
    assert plain.status_code == 303 and plain.headers["location"].startswith(wizard.url(version_id) + "?type=")
    filtered_page = wizard.browser.get(plain.headers["location"].split("#")[0])
    assert "90109" in filtered_page.text

    # Downloads: text overview, CSV, XLSX and the annotated original.
    overview = wizard.page(version_id, "/download/overview")
    assert overview.status_code == 200 and "90109" in overview.text
    listed = wizard.page(version_id, "/download/csv")
    assert listed.status_code == 200 and listed.headers["content-type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(listed.content.decode("utf-8-sig")), delimiter=";"))
    assert len(rows) == 1 + 6
    table = wizard.page(version_id, "/download/xlsx")
    assert table.status_code == 200 and table.headers["content-type"].startswith(XLSX)
    assert load_workbook(io.BytesIO(table.content)).sheetnames
    annotated = wizard.page(version_id, "/download/annotated")
    assert annotated.status_code == 200 and annotated.content[:2] == b"PK"
    assert "Meldingen" in load_workbook(io.BytesIO(annotated.content)).sheetnames
    assert wizard.page(version_id, "/download/original").status_code == 404
    downloads = [e for e in uploads.site.audit() if e["action"] == "upload.downloaded"]
    assert len(downloads) >= 4
    refused = wizard.post(version_id, "confirm")  # errors block
    assert refused.status_code == 409 and "Deze versie kan niet worden bevestigd" in refused.text
    assert "het bestand bevat nog fouten" in refused.text and "Meldingen per soort" in refused.text
    assert uploads.get(version_id).state == "invalid"


def test_no_file_and_a_missing_option_get_a_message_on_step_1(uploads: Uploads) -> None:
    wizard = _wizard(uploads, "intergrip")
    form = {"_csrf_token": wizard.browser.csrf}
    nothing = wizard.browser.request("POST", f"{wizard.start_url}/file", data=form,
                                     files={"file": ("", b"", "application/octet-stream")})
    assert nothing.status_code == 422 and "Je hebt nog geen bestand gekozen" in nothing.text
    missing = wizard.upload(b"x", "leerlingen.xlsx")
    assert missing.status_code == 422 and "Schooltype van de aanleverende school" in missing.text
    assert "Kies bij" in missing.text
    assert uploads.files() == []
    page = wizard.browser.get(wizard.start_url)
    assert '<select id="option-school_type" name="option_school_type" required>' in page.text


@pytest.fixture
def small_limit(env: dict[str, str]) -> dict[str, str]:
    env["RD_UPLOAD_MAX_MB"] = "1"
    return env


def test_a_file_over_the_size_limit_is_refused_with_a_message_and_nothing_is_kept(small_limit: dict[str, str],
                                                                                     uploads: Uploads) -> None:
    wizard = _wizard(uploads)
    settings: Settings = uploads.site.settings
    assert settings.uploads.max_mb == 1
    response = wizard.upload(b"x" * (2 * 1024 * 1024), "groot.xlsx")
    assert response.status_code == 413
    assert "groter dan de toegestane 1 MB" in response.text
    assert f'href="{wizard.start_url}"' in response.text
    assert uploads.files() == []


def test_a_viewer_sees_the_pages_but_cannot_upload_or_act(uploads: Uploads, tmp_path: Path) -> None:
    tenant = uploads.tenant()
    admin = Wizard(uploads.site, logged_in(uploads.site, tenant.admin), tenant.institution_id)
    version_id = admin.upload_version(NSE_DEMO_INVALID)
    viewer_account = uploads.site.user("kijker@school.example", totp=False,
                                       memberships=((tenant.institution_id, "viewer"),))
    viewer = Wizard(uploads.site, logged_in(uploads.site, viewer_account), tenant.institution_id)
    page = viewer.page(version_id)
    assert page.status_code == 200 and "Opnieuw beginnen" not in page.text
    start = viewer.browser.get(f"{viewer.start_url}/history")
    assert start.status_code == 200 and "nse-demo-invalid.xlsx" in start.text
    assert viewer.upload(NSE_DEMO_INVALID).status_code == 403
    for action in ("check", "confirm", "discard"):
        assert viewer.post(version_id, action).status_code == 403, action
    assert uploads.get(version_id).state == "received"


def test_every_post_needs_the_csrf_token(uploads: Uploads) -> None:
    wizard = _wizard(uploads)
    assert wizard.upload(NSE_DEMO_INVALID, csrf=False).status_code == 403
    version_id = wizard.upload_version(NSE_DEMO_INVALID)
    for action in ("check", "discard"):
        refused = wizard.browser.post(wizard.url(version_id, f"/{action}"), csrf=False)
        assert refused.status_code == 403, action
        other = wizard.browser.post(wizard.url(version_id, f"/{action}"), {"_csrf_token": "forged"}, csrf=False)
        assert other.status_code == 403, action
    assert uploads.get(version_id).state == "received"
    # htmx sends the token in a header instead (hx-headers on <body>).
    by_header = wizard.browser.request("POST", wizard.url(version_id, "/discard"),
                                       headers={"X-CSRFToken": wizard.browser.csrf, **HX})
    assert by_header.status_code == 303


def test_a_file_name_with_bidi_and_markup_is_shown_harmlessly(uploads: Uploads) -> None:
    """F2: the name is escaped, and a right-to-left override cannot disguise the extension."""
    wizard = _wizard(uploads)
    version_id = wizard.upload_version(b"not a workbook", "<img src=x onerror=alert(1)>\u202eslx.exe")
    page = wizard.page(version_id)
    assert "<img src=x" not in page.text and "&lt;img src=x onerror=alert(1)&gt;" in page.text
    assert "\u202e" not in page.text
    history = wizard.browser.get(f"{wizard.start_url}/history")
    assert "<img src=x" not in history.text and "\u202e" not in history.text


def test_a_viewer_gets_step_1_without_a_file_chooser_and_is_told_why(uploads: Uploads) -> None:
    tenant = uploads.tenant()
    viewer_account = uploads.site.user("kijker@school.example", totp=False,
                                       memberships=((tenant.institution_id, "viewer"),))
    viewer = Wizard(uploads.site, logged_in(uploads.site, viewer_account), tenant.institution_id, "roster-csv")
    page = viewer.browser.get(viewer.start_url)
    assert page.status_code == 200 and 'type="file"' not in page.text
    assert "de rol uploader of beheerder nodig" in page.text
    assert viewer.browser.get(f"{viewer.start_url}/template").status_code == 200


def test_a_version_that_could_not_be_processed_says_so_and_offers_a_new_start(uploads: Uploads) -> None:
    """R2 on the page: after the allowed attempts the version is ``failed`` with a message, never a trace."""
    from rosterdesk.platform.uploads.tables import Version

    wizard = _wizard(uploads)
    version_id = wizard.upload_version(NSE_DEMO_INVALID)
    uploads.site.run(Version.update({Version.state: "failed", Version.failure: "check-failed",
                                     Version.failure_params: {"attempts": 3}}).where(Version.id == version_id).run)
    page = wizard.page(version_id)
    assert page.status_code == 200
    assert "Het bestand kon niet worden verwerkt" in page.text and "3 keer mislukt" in page.text
    assert "Opnieuw beginnen" in page.text and "Traceback" not in page.text
    assert wizard.browser.get(wizard.start_url).headers["location"] == wizard.url(version_id)
    assert wizard.post(version_id, "discard").status_code == 303
