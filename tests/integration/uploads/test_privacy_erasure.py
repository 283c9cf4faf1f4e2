"""The privacy erasure (seed 001, SECURITY.md A15): on NSE's retention date no student address is left.

Every table's every row and every file in the data folder (gzip and zip members unpacked: the
uploaded .xlsx files are zips, the records files gzip) are searched for the students' addresses,
masked ones too ("m***@student.example.nl"): found before the erasure (the search works), none
after it. Counts stay. Runs on SQLite and PostgreSQL.
"""

from __future__ import annotations

import datetime as dt
import gzip
import importlib
import io
import re
import subprocess
import sys
import zipfile
from pathlib import Path
from typing import Any

from rd_nse_files import counted
from rd_uploads_helpers import REPO, Uploads, env_of
from rd_wizard_helpers import Wizard, logged_in, with_reference

from rosterdesk.platform.db.engine import APPS
from rosterdesk.platform.periods.tables import UploadPeriod
from rosterdesk.platform.privacy.erase import run_due, scrub_report
from rosterdesk.platform.privacy.tables import Erasure
from rosterdesk.platform.uploads import services
from rosterdesk.platform.uploads.tables import Completeness
from rosterdesk.samples import NSE_DEMO_INVALID

STUDENT = re.compile(rb"@(student[.,]example\.nl|mail\.example\.com)", re.I)
"""The students' domains in the test files; staff addresses (school.example, rosterdesk.example) differ."""
SPEC = {("90101", "00"): 9, ("90101", "02"): 3, ("90102", "00"): 7, ("96103", "00"): 6, ("96104", "00"): 2}


async def _database_hits() -> list[str]:
    """Table and column of every value in the database that holds a student's address."""
    hits = []
    for module in APPS:
        config = importlib.import_module(module).APP_CONFIG
        for table in config.table_classes:
            for row in await table.select().run():
                for name, value in row.items():
                    if STUDENT.search(str(value).encode()):
                        hits.append(f"{table._meta.tablename}.{name}")
    return hits


def _file_hits(folder: Path) -> list[str]:
    hits = []
    for path in folder.rglob("*"):
        if not path.is_file():
            continue
        data = path.read_bytes()
        for name, content in _contents(path.name, data):
            if STUDENT.search(content):
                hits.append(name)
    return hits


def _contents(name: str, data: bytes) -> list[tuple[str, bytes]]:
    if data[:2] == b"\x1f\x8b":
        return [(name, gzip.decompress(data))]
    if data[:4] == b"PK\x03\x04":
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return [(f"{name}!{member}", archive.read(member)) for member in archive.namelist()]
    return [(name, data)]


def _hits(uploads: Uploads) -> tuple[list[str], list[str]]:
    return uploads.site.run(_database_hits), _file_hits(uploads.site.settings.app.data_dir)


def _clean_up(uploads: Uploads) -> None:
    uploads.site.run(UploadPeriod.delete().where(UploadPeriod.profile == "nse").run)
    uploads.site.run(Erasure.delete(force=True).run)


def test_after_the_retention_date_no_address_is_left_anywhere_and_counts_stay(uploads: Uploads, tmp_path: Path
                                                                             ) -> None:
    _clean_up(uploads)
    try:
        with_reference(uploads.site)
        tenant = uploads.tenant()
        wizard = Wizard(uploads.site, logged_in(uploads.site, tenant.admin), tenant.institution_id)
        path, _ = counted(tmp_path / "nse.xlsx", SPEC)
        confirmed = wizard.upload_version(path)
        wizard.post(confirmed, "check")
        wizard.wait_for_result(confirmed)
        reasons = {f"reason_{code}": "no-students-yet" for code in ("90103", "90104", "96101", "96102")}
        assert wizard.browser.post(wizard.url(confirmed, "/confirm"), reasons).status_code == 303
        assert uploads.get(confirmed).state == "confirmed"
        wizard.browser.get(f"{wizard.start_url}/history")
        invalid = wizard.upload_version(NSE_DEMO_INVALID)  # masked addresses in its messages, a raw one in a formula
        wizard.post(invalid, "check")
        wizard.wait_for_result(invalid)
        assert uploads.get(invalid).state == "invalid"
        before_report = services.report_of(uploads.get(invalid))
        tables, files = _hits(uploads)
        assert "rd_upload_version.report" in tables and files, (tables, files)  # the search finds them

        today = dt.datetime.now(dt.UTC).date()
        uploads.site.run(UploadPeriod.insert(UploadPeriod(profile="nse", closes_on=today - dt.timedelta(days=5),
                                                          retention_on=today - dt.timedelta(days=1))).run)
        results = uploads.site.run(run_due, uploads.site.settings, dt.datetime.now(dt.UTC))
        assert [result.profile for result in results] == ["nse"]
        result = results[0]
        assert result.fields == ["EMAILADRES", "EMAILADRES_2"]
        assert result.files == 2 and result.discarded == 1 and result.issues >= 4

        tables, files = _hits(uploads)
        assert tables == [] and files == [], (tables, files)
        assert uploads.files() == []

        # What stays: states, row counts, the report's counts and positions, step 5's counts.
        kept = uploads.get(confirmed)
        assert kept.state == "confirmed" and kept.file_id is None and kept.row_count == sum(SPEC.values())
        old = uploads.get(invalid)
        assert old.state == "discarded" and old.file_id is None
        after_report = services.report_of(old)
        assert after_report.counts == before_report.counts and after_report.stats == before_report.stats
        assert after_report.flatten(["row", "column", "type"]) == before_report.flatten(["row", "column", "type"])
        assert any("***" in issue.message("nl") for issue in after_report.issues)
        counts = uploads.site.run(Completeness.select(Completeness.counts).where(
            Completeness.version == confirmed).first().run)
        assert counts is not None
        page = wizard.page(confirmed)
        assert "Aantal studenten per opleiding" in page.text and "&lt; 5" in page.text
        overview = wizard.page(confirmed, "/download/overview")
        assert overview.status_code == 200 and not STUDENT.search(overview.content)

        events = uploads.site.audit("privacy.erased")
        assert len(events) == 1 and "nse" in events[0]["target"]
        # once per retention date: the job finds nothing more to do
        assert uploads.site.run(run_due, uploads.site.settings, dt.datetime.now(dt.UTC)) == []
    finally:
        _clean_up(uploads)


def test_before_the_retention_date_nothing_is_erased(uploads: Uploads) -> None:
    _clean_up(uploads)
    try:
        today = dt.datetime.now(dt.UTC).date()
        uploads.site.run(UploadPeriod.insert(UploadPeriod(profile="nse", retention_on=today + dt.timedelta(days=2))
                                             ).run)
        assert uploads.site.run(run_due, uploads.site.settings, dt.datetime.now(dt.UTC)) == []
        assert uploads.site.audit("privacy.erased") == []
    finally:
        _clean_up(uploads)


def test_the_cli_counts_with_dry_run_and_erases_with_ignore_date(uploads: Uploads, env: dict[str, str]) -> None:
    _clean_up(uploads)
    try:
        tenant = uploads.tenant()
        version = uploads.receive(tenant, NSE_DEMO_INVALID)
        assert version.file_id in uploads.files()

        def cli(*args: str) -> subprocess.CompletedProcess[str]:
            return subprocess.run([sys.executable, "-m", "rosterdesk.cli", "privacy", "erase", *args],
                                  env=env_of(env), cwd=REPO, capture_output=True, text=True, timeout=300, check=False)

        early = cli("--profile", "nse")
        assert early.returncode == 1 and "has not come" in early.stdout
        dry = cli("--profile", "nse", "--ignore-date", "--dry-run")
        assert dry.returncode == 0, dry.stderr
        assert "nse: would erase EMAILADRES, EMAILADRES_2: 1 file(s) deleted" in dry.stdout
        assert version.file_id in uploads.files()
        run = cli("--profile", "nse", "--ignore-date")
        assert run.returncode == 0, run.stderr
        assert "nse: erased EMAILADRES, EMAILADRES_2: 1 file(s) deleted" in run.stdout
        assert uploads.files() == [] and uploads.get(version.id).state == "discarded"
        assert [event["details"] for event in uploads.site.audit("privacy.erased")]
    finally:
        _clean_up(uploads)


def test_scrubbing_a_report_keeps_counts_and_positions() -> None:
    report: dict[str, Any] = {
        "profile": "nse", "stage": "content", "stats": {"rows": 3, "errors": 2}, "counts": {"invalid-email": 1},
        "issues": [
            {"type": "invalid-email", "severity": "error", "row": 2, "column": "EMAILADRES", "cell": "K2",
             "value": "s***@student,example.nl", "params": {}},
            {"type": "formula", "severity": "error", "row": 3, "column": "EMAILADRES_2", "cell": "O3", "value": None,
             "params": {"formula": '=LOWER("a.b@mail.example.com")'}},
            {"type": "invalid-choice", "severity": "error", "row": 3, "column": "NIVEAU", "cell": "H3",
             "value": "MBO", "params": {}},
        ]}
    clean, changed = scrub_report(report, ["EMAILADRES", "EMAILADRES_2"])
    assert changed == 2
    assert clean["counts"] == report["counts"] and clean["stats"] == report["stats"]
    assert [issue["value"] for issue in clean["issues"]] == ["***", None, "MBO"]
    assert clean["issues"][1]["params"] == {"formula": "***"}
    assert [issue["cell"] for issue in clean["issues"]] == ["K2", "O3", "H3"]
