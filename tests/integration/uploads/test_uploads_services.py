"""The uploads' services on SQLite and PostgreSQL, with the embedded worker (no BROKER_URL).

Steps 1-5 of the wizard through the API the pages use: receive, structure check, preview, the
background content check with progress, confirm (superseding), discard, history, exports, the
audit trail, and isolation between institutions (A10).
"""

from __future__ import annotations

import pytest
from litestar.exceptions import NotFoundException
from rd_uploads_helpers import Uploads, roster_csv_bytes

from rosterdesk.importers.plugins import get_profile
from rosterdesk.platform.uploads import services
from rosterdesk.platform.uploads.errors import UploadRefused, WrongState
from rosterdesk.samples import NSE_DEMO_INVALID, NSE_DEMO_VALID
from tests import filefactory


def test_a_valid_nse_file_goes_through_every_step_to_confirmed(uploads: Uploads) -> None:
    tenant = uploads.tenant()
    version = uploads.receive(tenant, NSE_DEMO_VALID)
    assert (version.state, version.number, version.original_name) == ("received", 1, "nse-demo-valid.xlsx")
    assert version.file_id and version.file_id in uploads.files() and version.file_id not in version.original_name
    assert len(version.sha256) == 64 and version.size == NSE_DEMO_VALID.stat().st_size
    assert services.report_of(version).stage == "structure"

    preview = uploads.site.run(services.preview_rows, version)
    assert preview.headers == list(get_profile("nse").headers)
    assert len(preview.rows) == 10 and preview.total == 30
    assert [n for n, _ in preview.rows] == sorted(n for n, _ in preview.rows) and preview.rows[0][0] >= 2
    assert all(len(cells) == len(preview.headers) for _, cells in preview.rows)

    uploads.start(tenant, version)
    done = uploads.wait(version.id, "valid", "invalid", "failed")
    assert done.state == "valid", services.report_of(done).to_dict()
    assert (done.row_count, done.progress_done, done.progress_total, done.attempts) == (30, 30, 30, 1)
    progress = uploads.site.run(services.progress, done.id)
    assert progress.finished and progress.percent == 100 and not progress.delayed

    user = uploads.user(tenant)
    confirmed = uploads.site.run(services.confirm, done, user)
    assert confirmed.state == "confirmed" and confirmed.confirmed_by == tenant.admin.id

    second = uploads.receive(tenant, NSE_DEMO_VALID, name="v2.xlsx")
    uploads.start(tenant, second)
    uploads.site.run(services.confirm, uploads.wait(second.id, "valid"), user)
    assert uploads.get(version.id).state == "superseded"
    assert uploads.get(second.id).state == "confirmed"

    institution = uploads.institution(tenant)
    entries = uploads.site.run(services.history, institution, "nse")
    assert [(e.number, e.state, e.uploader_email, e.errors) for e in entries] == [
        (2, "confirmed", tenant.admin.email, 0), (1, "superseded", tenant.admin.email, 0)]
    actions = [event["action"] for event in uploads.site.audit() if event["action"].startswith("upload.")]
    assert actions.count("upload.received") == 2 and actions.count("upload.confirmed") == 2


def test_an_invalid_file_gets_its_report_and_every_download_is_audited(uploads: Uploads) -> None:
    tenant = uploads.tenant()
    version = uploads.receive(tenant, NSE_DEMO_INVALID)
    uploads.start(tenant, version)
    done = uploads.wait(version.id, "invalid", "valid", "failed")
    assert done.state == "invalid"
    report = services.report_of(done)
    assert not report.valid and report.stats["errors"] > 0
    user = uploads.user(tenant)
    with pytest.raises(WrongState):
        uploads.site.run(services.confirm, done, user)
    for kind, suffix, media in (("overview", ".txt", "text/plain"), ("csv", ".csv", "text/csv"),
                                ("xlsx", ".xlsx", "spreadsheetml"), ("annotated", ".xlsx", "spreadsheetml")):
        content, name, media_type = uploads.site.run(services.export, done, kind, "nl", user)
        assert content and name.startswith("nse-v1-") and name.endswith(suffix) and media in media_type
    english, name, _ = uploads.site.run(services.export, done, "overview", "en", user)
    assert name == "nse-v1-overview.txt" and b"Errors" in english
    downloads = uploads.site.audit("upload.downloaded")
    assert all("kind" in str(event["details"]) for event in downloads)  # which version, which kind
    assert len(downloads) == 5 and all(event["actor"] == tenant.admin.id for event in downloads)


def test_wrong_headers_and_unusable_files_end_as_structure_failed_with_a_message(uploads: Uploads, tmp_path) -> None:
    tenant = uploads.tenant()
    wrong = uploads.receive(tenant, roster_csv_bytes(5), name="leerlingen.csv")
    assert wrong.state == "structure-failed"
    assert services.failure_message(wrong, "en")  # format-not-accepted: NSE takes xlsx only
    headers = filefactory.simple_xlsx(tmp_path / "headers.xlsx", [["OIE_CODE", "Locatie"], ["99DU", "x"]])
    bad = uploads.receive(tenant, headers)
    assert bad.state == "structure-failed" and services.report_of(bad).stage == "structure"
    assert services.report_of(bad).errors()
    pdf = uploads.receive(tenant, filefactory.pdf(tmp_path / "x.pdf"), name="studenten.xlsx")
    assert pdf.state == "structure-failed" and pdf.failure == "not-a-spreadsheet"
    nl, en = services.failure_message(pdf, "nl"), services.failure_message(pdf, "en")
    assert nl and en and nl != en and "PDF" in en
    assert services.report_of(pdf).stage == "intake"
    # each upload discarded the unfinished one before it, and its file with it
    assert [uploads.get(v.id).state for v in (wrong, bad, pdf)] == ["discarded", "discarded", "structure-failed"]
    assert uploads.files() == [pdf.file_id]


def test_starting_again_discards_the_unfinished_version_and_its_file(uploads: Uploads) -> None:
    tenant = uploads.tenant()
    first = uploads.receive(tenant, NSE_DEMO_VALID)
    institution = uploads.institution(tenant)
    assert uploads.site.run(services.open_version, institution, "nse").id == first.id
    uploads.site.run(services.discard, first, uploads.user(tenant))
    gone = uploads.get(first.id)
    assert gone.state == "discarded" and gone.file_id is None and uploads.files() == []
    assert uploads.site.run(services.open_version, institution, "nse") is None
    again = uploads.receive(tenant, NSE_DEMO_VALID)
    assert again.number == 2  # numbers are never reused
    assert [e["action"] for e in uploads.site.audit("upload.discarded")] == ["upload.discarded"]


def test_another_institutions_version_is_not_found_like_a_missing_one(uploads: Uploads) -> None:
    mine, theirs = uploads.tenant("99DU"), uploads.tenant("98XY", name="Andere School")
    version = uploads.receive(theirs, NSE_DEMO_VALID)
    institution = uploads.institution(mine)
    with pytest.raises(NotFoundException):
        uploads.site.run(services.get_version, institution, version.id)
    with pytest.raises(NotFoundException):
        uploads.site.run(services.get_version, institution, version.id + 1000)
    assert uploads.site.run(services.get_version, uploads.institution(theirs), version.id).id == version.id
    assert uploads.site.run(services.open_version, institution, "nse") is None
    assert uploads.site.run(services.history, institution, "nse") == []


def test_a_profile_the_institution_may_not_use_is_not_found(uploads: Uploads) -> None:
    tenant = uploads.tenant(profiles=["roster-csv"])
    with pytest.raises(NotFoundException):
        uploads.receive(tenant, NSE_DEMO_VALID)
    assert uploads.files() == []


def test_a_file_over_the_size_limit_is_refused_while_streaming_and_leaves_nothing(uploads: Uploads) -> None:
    tenant = uploads.tenant()
    limit = uploads.site.settings.uploads.max_mb * 1024 * 1024
    served = 0

    async def body():  # a client that would send 4 MB more than allowed
        nonlocal served
        chunk = b"x" * (1024 * 1024)
        for _ in range(limit // len(chunk) + 4):
            served += len(chunk)
            yield chunk

    institution, user = uploads.institution(tenant), uploads.user(tenant)
    with pytest.raises(UploadRefused) as refused:
        uploads.site.run(services.receive, institution, user, get_profile("nse"), "big.xlsx", body(), {})
    assert refused.value.type == "upload-too-large"
    assert "50 MB" in refused.value.message("nl") and "50 MB" in refused.value.message("en")
    assert served <= limit + 1024 * 1024  # reading stopped at the limit
    assert uploads.files() == []
    assert uploads.site.run(services.history, institution, "nse") == []


def test_a_bad_option_is_refused_before_anything_is_stored(uploads: Uploads) -> None:
    tenant = uploads.tenant()
    with pytest.raises(UploadRefused) as refused:
        uploads.receive(tenant, NSE_DEMO_VALID, options={"nonsense": "1"})
    assert refused.value.type == "bad-option" and uploads.files() == []


def test_a13_a_check_message_for_an_unknown_or_finished_version_changes_nothing(uploads: Uploads) -> None:
    from rosterdesk.platform.uploads.tasks import claim

    settings = uploads.site.settings
    assert uploads.site.run(claim, 987654, settings) is None  # no such version: refused, nothing read
    tenant = uploads.tenant()
    version = uploads.receive(tenant, NSE_DEMO_VALID)
    assert uploads.site.run(claim, version.id, settings) is None  # not asked for yet (received)
    uploads.start(tenant, version)
    done = uploads.wait(version.id, "valid")
    assert uploads.site.run(claim, version.id, settings) is None  # already checked: a late copy does nothing
    assert uploads.get(version.id).attempts == done.attempts == 1
