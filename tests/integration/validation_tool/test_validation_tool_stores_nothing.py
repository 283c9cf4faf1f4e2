"""Proof that the validation tool stores nothing (seed 002: "In deze tool worden geen gegevens opgeslagen").

Before and after several checks (a good file, a bad one, a hostile one, a crash, all named after a
person): every table's row count, the whole data folder (file names and sizes; the database and
session files may change size, but their bytes may not hold a value of the file), the tool's
temporary folder, and every log record at DEBUG. The only new thing allowed is one audit row per
check, ``validation-tool.used`` with the profile and the counts. SQLite and PostgreSQL.
"""

from __future__ import annotations

import logging
import tempfile
from pathlib import Path
from typing import Any

import pytest
from rd_platform_helpers import Site
from rd_tool_files import SECRET_NAME, SECRETS, bad_students, good_students
from test_validation_tool import _member, check

from rosterdesk.platform.audit.tables import AuditEvent
from rosterdesk.platform.validation_tool import services
from tests import filefactory

DETAILS = {"profile", "valid", "usable", "rows", "errors", "warnings"}
CHANGING = ("rosterdesk.sqlite", "rosterdesk.sqlite-wal", "rosterdesk.sqlite-shm", "rosterdesk.sqlite-journal")
"""Files whose size may change with the audit row and the session (their bytes are searched instead)."""


async def _tables() -> list[str]:
    engine = AuditEvent._meta.db
    if engine.engine_type == "sqlite":
        rows = await AuditEvent.raw("SELECT name FROM sqlite_master WHERE type = 'table' "
                                    "AND name NOT LIKE 'sqlite_%'").run()
        return sorted(str(row["name"]) for row in rows)
    rows = await AuditEvent.raw("SELECT tablename FROM pg_tables WHERE schemaname = 'public'").run()
    return sorted(str(row["tablename"]) for row in rows)


async def _counts() -> dict[str, int]:
    counts = {}
    for name in await _tables():
        rows = await AuditEvent.raw(f'SELECT COUNT(*) AS n FROM "{name}"').run()  # noqa: S608 - names from the catalog
        counts[name] = int(rows[0]["n"])
    return counts


async def _dump() -> str:
    """Every row of every table as text."""
    parts = []
    for name in await _tables():
        rows = await AuditEvent.raw(f'SELECT * FROM "{name}"').run()  # noqa: S608 - names from the catalog
        parts.append(f"{name}: {rows!r}")
    return "\n".join(parts)


def _folder(root: Path) -> dict[str, int]:
    return {str(path.relative_to(root)): path.stat().st_size for path in sorted(root.rglob("*")) if path.is_file()}


def _system_temp() -> set[str]:
    return {path.name for path in Path(tempfile.gettempdir()).glob(f"{services.PREFIX}*")}


def _leaks(text: str) -> list[str]:
    return [secret for secret in SECRETS if secret.lower() in text.lower()]


def test_several_checks_leave_nothing_behind_but_one_audit_row_each(site: Site, tmp_path: Path,
                                                                     caplog: pytest.LogCaptureFixture,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    scratch = tmp_path / "scratch"
    scratch.mkdir()
    monkeypatch.setattr(services, "scratch_dir", lambda: str(scratch))
    institution, _, browser = _member(site)
    assert browser.get(f"/i/{institution}/check/cjp-students").status_code == 200
    data_dir = site.settings.app.data_dir
    counts_before = site.run(_counts)
    folder_before = _folder(data_dir)
    temp_before = _system_temp()
    caplog.set_level(logging.DEBUG)
    caplog.clear()

    files = [good_students(tmp_path / "goed.xlsx"), bad_students(tmp_path / "fout.xlsx"),
             filefactory.billion_laughs_xlsx(tmp_path / "vijandig.xlsx")]
    verdicts = []
    for path in files:
        status, html = check(browser, institution, path, name=SECRET_NAME)
        assert status == 200
        verdicts.append("verdict-green" in html)
        assert SECRET_NAME in html  # the user sees which file was checked; nothing else does
    status, _ = check(browser, institution, files[0], "cjp-students", name=SECRET_NAME,
                      data={"option_anonymous": "J"}, htmx=True)
    assert status == 200
    assert verdicts == [True, False, False]

    # The database: one audit row per check, with the counts only; no other table changed.
    counts_after = site.run(_counts)
    audit_table = AuditEvent._meta.tablename
    assert counts_after[audit_table] == counts_before[audit_table] + 4
    assert {k: v for k, v in counts_after.items() if k != audit_table} == \
        {k: v for k, v in counts_before.items() if k != audit_table}
    events = site.audit(services.ACTION)
    assert len(events) == 4
    for event in events:
        assert set(_details(event)) == DETAILS
        assert event["institution"] == institution and event["target"] == "profile:cjp-students"
    assert [_details(e)["errors"] for e in events][:2] == [0, 4]
    dump = site.run(_dump)
    assert _leaks(dump) == [] and SECRET_NAME not in dump

    # The data folder: no new file, no file grew except the database's and the sessions'; no value in any byte.
    folder_after = _folder(data_dir)
    assert set(folder_after) == set(folder_before), set(folder_after) ^ set(folder_before)
    changed = {name for name in folder_after if folder_after[name] != folder_before[name]}
    assert all(name in CHANGING or name.startswith("sessions/") for name in changed), changed
    for path in data_dir.rglob("*"):
        if path.is_file():
            raw = path.read_bytes()
            for secret in (*SECRETS, SECRET_NAME):
                assert secret.encode() not in raw and secret.encode("utf-16-le") not in raw, (path, secret)

    # The temporary files are gone.
    assert list(scratch.iterdir()) == []
    assert _system_temp() <= temp_before

    # The log: records were written (the audit's own line), none with a value or the file's name.
    assert caplog.records
    for record in caplog.records:
        text = record.getMessage() + repr(record.args) + (record.exc_text or "")
        assert _leaks(text) == [] and SECRET_NAME not in text, record.getMessage()


def _details(event: dict[str, Any]) -> dict[str, Any]:
    import json

    value = event["details"]
    return value if isinstance(value, dict) else dict(json.loads(value))


def test_a_crashing_check_logs_no_value_either(site: Site, tmp_path: Path, caplog: pytest.LogCaptureFixture,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    scratch = tmp_path / "scratch"
    scratch.mkdir()
    monkeypatch.setattr(services, "scratch_dir", lambda: str(scratch))

    def broken(path: Path, request: object) -> object:
        raise ValueError(f"cannot read {SECRETS[0]} in {SECRET_NAME}")

    monkeypatch.setattr(services, "validate_file", broken)
    institution, _, browser = _member(site)
    caplog.set_level(logging.DEBUG)
    status, html = check(browser, institution, good_students(tmp_path / "goed.xlsx"), name=SECRET_NAME)
    assert status == 503 and SECRETS[0] not in html
    assert any("validation tool" in r.getMessage() for r in caplog.records)
    for record in caplog.records:
        text = record.getMessage() + repr(record.args) + (record.exc_text or "")
        assert _leaks(text) == [] and SECRET_NAME not in text, record.getMessage()
    assert list(scratch.iterdir()) == []
    assert site.audit(services.ACTION) == []
