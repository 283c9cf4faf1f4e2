"""Importing DUO's reference files: the page, the command line, refusals that leave the previous import in force."""

from __future__ import annotations

import argparse
import io
import zipfile
from pathlib import Path
from typing import Any

import httpx
import pytest
from rd_platform_helpers import Browser, Site

from rosterdesk.importers.duo import OPTIONAL_FILES, REQUIRED_FILES
from rosterdesk.importers.reference import Reference
from rosterdesk.platform.reference import services
from rosterdesk.platform.reference.tables import ReferenceImport
from rosterdesk.samples import DEMO_INSTITUTION, DUO_SAMPLE_DIR

ALL_FILES = (*REQUIRED_FILES, *OPTIONAL_FILES)


def _superadmin(site: Site) -> Browser:
    root = site.user("root@rosterdesk.example", staff="superadmin")
    browser = site.browser()
    browser.login(root)
    return browser


def _files(folder: Path, names: tuple[str, ...] = ALL_FILES, **replaced: bytes) -> list[tuple[str, Any]]:
    """Multipart parts 'files' for ``names`` read from ``folder``; ``replaced`` swaps a file's bytes."""
    parts = []
    for name in names:
        data = replaced.get(name.replace(".", "_"))
        parts.append(("files", (name, data if data is not None else (folder / name).read_bytes(),
                                "application/octet-stream")))
    return parts


def _upload(browser: Browser, parts: list[tuple[str, Any]]) -> httpx.Response:
    return browser.request("POST", "/admin/reference", data={"_csrf_token": browser.csrf}, files=parts)


def _rows(site: Site) -> list[dict[str, Any]]:
    return site.run(ReferenceImport.select().order_by(ReferenceImport.id).output(load_json=True).run)


def _current(site: Site) -> Reference | None:
    return site.run(services.current_reference, site.settings.app.data_dir)


def _lines(path: Path) -> int:
    return path.read_bytes().count(b"\r\n")


def test_superadmin_imports_duos_real_files_and_the_counts_are_kept(site: Site, duo_dir: Path) -> None:
    browser = _superadmin(site)
    response = _upload(browser, _files(duo_dir))
    assert response.status_code == 200, response.text
    assert "is in gebruik" in response.text
    (row,) = _rows(site)
    assert row["complete"] and row["origin"] == "upload" and row["actor_email"] == "root@rosterdesk.example"
    assert row["counts"] == {name: _lines(duo_dir / name) for name in ALL_FILES}
    assert row["counts"]["Croho.asc"] == 9184 and row["counts"]["Dec_instellingscode.asc"] == 19273
    reference = _current(site)
    assert reference is not None
    assert reference.institutions["21PL"].name == "Vrije Universiteit Amsterdam"
    assert row["programmes"] == len(reference.programmes) and row["institutions"] == 19273
    kept = site.settings.app.data_dir / "reference" / str(row["id"])
    assert sorted(path.name for path in kept.iterdir()) == sorted(ALL_FILES)
    assert [path.name for path in kept.parent.iterdir()] == [str(row["id"])]  # no staging left behind
    page = browser.get("/admin/reference")
    assert "Croho.asc: 9184" in page.text and "root@rosterdesk.example" in page.text
    assert [event["target"] for event in site.audit("reference.imported")] == [f"reference:{row['id']}"]


def test_a_zip_with_the_files_in_a_folder_is_accepted_and_other_members_skipped(site: Site) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name in ALL_FILES:
            archive.writestr(f"DUO/{name.lower()}", (DUO_SAMPLE_DIR / name).read_bytes())
        archive.writestr("DUO/Bestandsbeschrijving.txt", "uitleg")
    browser = _superadmin(site)
    response = _upload(browser, [("files", ("duo-2025.zip", buffer.getvalue(), "application/zip"))])
    assert response.status_code == 200, response.text
    reference = _current(site)
    assert reference is not None and DEMO_INSTITUTION in reference.institutions


def test_a_truncated_file_refuses_the_whole_set_and_the_previous_import_stays(site: Site, duo_dir: Path) -> None:
    site.run(services.import_directory, site.settings.app.data_dir, DUO_SAMPLE_DIR, actor=None, origin="seed")
    browser = _superadmin(site)
    croho = (duo_dir / "Croho.asc").read_bytes()
    cut = croho[: len(croho) // 2 + 7]  # in the middle of a line, as a broken download would end
    response = _upload(browser, _files(duo_dir, Croho_asc=cut))
    assert response.status_code == 422
    text = response.text
    last_line = cut.count(b"\r\n") + 1
    assert f"Croho.asc, regel {last_line}:" in text and "afgekapt" in text, text
    assert "de vorige referentiegegevens blijven in gebruik" in text
    assert len(_rows(site)) == 1
    reference = _current(site)
    assert reference is not None and DEMO_INSTITUTION in reference.institutions and "21PL" not in reference.institutions
    assert [path.name for path in (site.settings.app.data_dir / "reference").iterdir()] == [str(_rows(site)[0]["id"])]
    refused = site.audit("reference.refused")
    assert refused and refused[-1]["target"] == "Croho.asc"


def test_a_corrupt_line_is_named_with_its_file_line_and_what_is_wrong_in_both_languages(site: Site,
                                                                                        duo_dir: Path) -> None:
    lines = (duo_dir / "Croho_vest.asc").read_bytes().split(b"\r\n")
    lines[9] = b"21PLX" + lines[9][5:]  # line 10: the opleidingscode no longer 5 digits
    browser = _superadmin(site)
    response = _upload(browser, _files(duo_dir, Croho_vest_asc=b"\r\n".join(lines)))
    assert response.status_code == 422
    assert "Croho_vest.asc, regel 10: opleidingscode (positie 5-9) is" in response.text, response.text
    assert _rows(site) == [] and _current(site) is None
    browser.post("/account/language", {"lang": "en", "next": "/admin/reference"})
    english = _upload(browser, _files(duo_dir, Croho_vest_asc=b"\r\n".join(lines)))
    assert "Croho_vest.asc, line 10: opleidingscode (position 5-9) is" in english.text
    assert "Nothing was changed" in english.text


def test_an_incomplete_set_is_refused_naming_the_missing_file(site: Site) -> None:
    browser = _superadmin(site)
    response = _upload(browser, _files(DUO_SAMPLE_DIR, tuple(n for n in ALL_FILES if n != "Dec_vest_ho.asc")))
    assert response.status_code == 422
    assert "Dec_vest_ho.asc ontbreekt" in response.text
    assert _rows(site) == []


@pytest.mark.parametrize(("name", "data", "expected"), [
    ("studenten.xlsx", b"PK\x05\x06" + b"\0" * 18, "studenten.xlsx is geen referentiebestand van DUO"),
    ("broken.zip", b"PK\x03\x04 not really a zip", "broken.zip is geen bruikbare zip"),
    ("Croho.asc", "Croho.asc opnieuw opgeslagen als UTF-8: é\r\n".encode(), "Croho.asc, regel 1"),
])
def test_anything_but_duos_files_or_a_zip_is_refused_with_its_name(site: Site, name: str, data: bytes,
                                                                   expected: str) -> None:
    browser = _superadmin(site)
    others = [] if name.endswith(".zip") else [part for part in _files(DUO_SAMPLE_DIR) if part[1][0] != name]
    parts = [*others, ("files", (name, data, "text/plain"))]
    response = _upload(browser, parts)
    assert response.status_code == 422
    assert expected in response.text, response.text
    assert _rows(site) == []


def test_only_the_superadmin_imports(site: Site) -> None:
    school = site.institution()
    helpdesk = site.user("help@rosterdesk.example", staff="helpdesk")
    admin = site.user("admin@school.nl", memberships=((school, "admin"),))
    for account, status in ((helpdesk, 403), (admin, 403)):
        browser = site.browser()
        browser.login(account)
        assert _upload(browser, _files(DUO_SAMPLE_DIR)).status_code == status
    assert _rows(site) == []
    browser = site.browser()
    browser.login(helpdesk)
    assert browser.get("/admin/reference").status_code == 200  # the helpdesk may look
    browser = site.browser()
    browser.login(admin)
    assert browser.get("/admin/reference").status_code == 403


def test_reference_import_command_imports_a_folder_and_refuses_a_bad_one(
        site: Site, duo_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    from rosterdesk.cli import build_parser
    from rosterdesk.platform import settings as settings_module
    from rosterdesk.platform.reference import cli

    args = build_parser().parse_args(["reference", "import", str(duo_dir)])
    assert args.func is cli.cmd_import and args.directory == duo_dir
    monkeypatch.setattr(settings_module, "get_settings", lambda: site.settings)
    assert site.run(cli.run_import, duo_dir) == 0
    assert "Croho.asc" in capsys.readouterr().out
    (row,) = _rows(site)
    assert row["origin"] == "cli" and row["counts"]["Croho_vest.asc"] == 10641
    bad = tmp_path / "duo"
    bad.mkdir()
    for name in REQUIRED_FILES:
        (bad / name).write_bytes((duo_dir / name).read_bytes())
    (bad / "Dec_opleidingscode.asc").write_bytes(b"1234 kapot\r\n")
    assert site.run(cli.run_import, bad, "en") == 1
    error = capsys.readouterr().err
    assert "Dec_opleidingscode.asc, line 1" in error and "Nothing was changed" in error
    assert len(_rows(site)) == 1
    reference = _current(site)
    assert reference is not None and "21PL" in reference.institutions
    assert site.run(cli.run_list) == 0
    assert "(in use)" in capsys.readouterr().out
    assert isinstance(build_parser().parse_args(["reference", "list"]), argparse.Namespace)


def test_upload_checks_use_the_newest_import_and_none_before_the_first(
        site: Site, duo_dir: Path, caplog: pytest.LogCaptureFixture) -> None:
    from rosterdesk.platform.uploads import runtime as uploads_runtime

    runtime = uploads_runtime.current()  # installed by the app's lifespan; reference() runs in worker threads
    with caplog.at_level("WARNING", logger="rosterdesk.uploads"):
        assert runtime.reference() is None  # the engine then skips the RIO checks with a warning
    assert "RIO checks are skipped" in caplog.text
    site.run(services.import_directory, site.settings.app.data_dir, duo_dir, actor=None, origin="cli")
    newest = runtime.reference()
    assert newest is not None
    assert "21PL" in newest.institutions and DEMO_INSTITUTION not in newest.institutions
    assert runtime.reference() is newest  # parsed once per import and process
    site.run(services.import_directory, site.settings.app.data_dir, DUO_SAMPLE_DIR, actor=None, origin="cli")
    latest = runtime.reference()
    assert latest is not None and DEMO_INSTITUTION in latest.institutions
