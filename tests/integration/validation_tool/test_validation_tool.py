"""The validation tool (seed 002): a green or a red bar, every error's place, the templates, and who may use it.

SQLite and PostgreSQL (the uploads' fixtures). That nothing is stored is proved in
test_validation_tool_stores_nothing.py.
"""

from __future__ import annotations

import io
import re
from html import unescape
from pathlib import Path

import pytest
from openpyxl import load_workbook
from rd_platform_helpers import Account, Browser, Site
from rd_tool_files import (
    SECRET_FIRST,
    STUDENT_HEADERS,
    TEACHER_HEADERS,
    bad_students,
    cjp_xlsx,
    good_students,
)

from rosterdesk.platform.validation_tool import services
from tests import filefactory

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CJP = ["cjp-students", "cjp-teachers"]


def _member(site: Site, role: str = "uploader", profiles: list[str] | None = None) -> tuple[int, Account, Browser]:
    institution = site.institution("Het CJP-college", profiles=CJP if profiles is None else profiles)
    account = site.user(f"{role}@cjp-college.nl", memberships=((institution, role),))
    browser = site.browser()
    browser.login(account)
    return institution, account, browser


def check(browser: Browser, institution: int, path: Path, profile: str = "cjp-students", *,
          name: str | None = None, data: dict[str, str] | None = None, htmx: bool = False) -> tuple[int, str]:
    headers = {"HX-Request": "true"} if htmx else {}
    response = browser.request("POST", f"/i/{institution}/check/{profile}",
                               data={"_csrf_token": browser.csrf, **(data or {})},
                               files={"file": (name or path.name, path.read_bytes(), XLSX)}, headers=headers)
    return response.status_code, unescape(response.text)


def _text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


@pytest.fixture(autouse=True)
def scratch(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The tool's temporary files go into a folder this test watches (it must be empty after every check)."""
    folder = tmp_path / "scratch"
    folder.mkdir()
    monkeypatch.setattr(services, "scratch_dir", lambda: str(folder))
    return folder


def test_the_page_says_nothing_is_stored_and_offers_both_cjp_templates(site: Site) -> None:
    institution, _, browser = _member(site)
    page = browser.get(f"/i/{institution}/check/cjp-students")
    assert page.status_code == 200
    html = unescape(page.text)
    assert "In deze tool worden geen gegevens opgeslagen." in html
    assert f'href="/i/{institution}/uploads/cjp-students/template"' in html
    assert f'href="/i/{institution}/uploads/cjp-teachers/template"' in html
    assert f'href="/i/{institution}/check/cjp-teachers"' in html
    assert '<label for="file"' in html and 'name="file"' in html
    assert '<label for="option-anonymous">' in html
    assert "<script>" not in html and "style=" not in html
    browser.post("/account/language", {"lang": "en", "next": "/"})
    english = unescape(browser.get(f"/i/{institution}/check/cjp-students").text)
    assert "No data is stored by this tool." in english


def test_the_start_page_tile_links_to_the_tool_for_cjp_profiles_only(site: Site) -> None:
    institution, _, browser = _member(site, profiles=["nse", *CJP])
    home = browser.get(f"/i/{institution}").text
    assert f'href="/i/{institution}/check/cjp-students"' in home
    assert f'href="/i/{institution}/check/cjp-teachers"' in home
    assert f'href="/i/{institution}/check/nse"' not in home
    assert "Bestand controleren" in home


@pytest.mark.parametrize(("slug", "headers", "sheet"), [("cjp-students", STUDENT_HEADERS, "Studenten"),
                                                         ("cjp-teachers", TEACHER_HEADERS, "Docenten")])
def test_both_templates_have_the_three_row_header(site: Site, slug: str, headers: list[str], sheet: str) -> None:
    institution, _, browser = _member(site, role="viewer")
    response = browser.get(f"/i/{institution}/uploads/{slug}/template")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith(XLSX)
    ws = load_workbook(io.BytesIO(response.content))[sheet]
    rows = [[cell.value for cell in row][:len(headers)] for row in ws.iter_rows(min_row=1, max_row=3)]
    assert rows[0] == ["Optioneel" if h == "email" else "Verplicht" for h in headers]
    assert all(rows[1]), rows[1]
    assert rows[2] == headers


def test_a_red_bar_with_every_errors_row_column_and_cell_then_a_green_bar(site: Site, tmp_path: Path) -> None:
    institution, _, browser = _member(site)
    status, html = check(browser, institution, bad_students(tmp_path / "fout.xlsx"))
    assert status == 200
    text = _text(html)
    assert 'class="alert alert-error verdict verdict-red"' in html
    assert "Je bestand is nog niet in orde: er zijn 4 fouten gevonden in 3 rijen." in text
    for row, column, cell in ((4, "leerjaar", "D4"), (5, "klasnaam", "E5"), (6, "achternaam", "B6"),
                              (6, "email", "C6")):
        assert re.search(rf"<td>{row}</td>\s*<td>{column}</td>\s*<td>{cell}</td>", html), (row, column, cell)
    status, html = check(browser, institution, good_students(tmp_path / "goed.xlsx"))
    assert status == 200
    assert 'verdict-green' in html
    assert "Je bestand is in orde: er zijn geen fouten gevonden in 3 rijen." in _text(html)
    assert f'href="/i/{institution}/uploads/cjp-students"' in html


def test_htmx_gets_only_the_answer_and_english_speakers_get_it_in_english(site: Site, tmp_path: Path) -> None:
    institution, _, browser = _member(site)
    status, html = check(browser, institution, bad_students(tmp_path / "fout.xlsx"), htmx=True)
    assert status == 200
    assert html.lstrip().startswith("{#") is False and 'id="tool-result"' in html and "<html" not in html
    browser.post("/account/language", {"lang": "en", "next": "/"})
    _, html = check(browser, institution, good_students(tmp_path / "goed.xlsx"), htmx=True)
    assert "Your file is fine: no errors were found in 3 rows." in _text(html)


def test_warnings_are_listed_but_do_not_turn_the_bar_red(site: Site, tmp_path: Path) -> None:
    """A second sheet with data is not read: a warning, and the bar stays green."""
    from openpyxl import load_workbook as open_book

    institution, _, browser = _member(site)
    path = cjp_xlsx(tmp_path / "docenten.xlsx", [["Jan", "Smit", "jan@school.nl"]], headers=TEACHER_HEADERS,
                    sheet="Docenten")
    book = open_book(path)
    book.create_sheet("Notities").append(["iets", "anders"])
    book.save(path)
    status, html = check(browser, institution, path, "cjp-teachers")
    assert status == 200
    assert "verdict-green" in html
    assert "Er zijn 1 waarschuwingen" in _text(html)
    assert "Waarschuwingen (houden het uploaden niet tegen)" in html
    assert "Fouten</h3>" not in html


def test_the_report_caps_a_type_and_the_page_says_so_with_the_count(site: Site, tmp_path: Path) -> None:
    institution, _, browser = _member(site)
    path = cjp_xlsx(tmp_path / "veel.xlsx", [["Jan", "Smit", None, 9, "1A"] for _ in range(1_005)])
    status, html = check(browser, institution, path)
    assert status == 200
    text = _text(html)
    assert "er zijn 1005 fouten gevonden in 1005 rijen" in text
    assert "Van deze soort staan de eerste 1000 hier; het bestand bevat er 1005." in text
    assert html.count("<td>leerjaar</td>") == 1_000


def test_a_hostile_file_gets_the_engines_message(site: Site, tmp_path: Path) -> None:
    institution, _, browser = _member(site)
    for hostile in (filefactory.billion_laughs_xlsx(tmp_path / "lol.xlsx"),
                    filefactory.encrypted_xlsx(tmp_path / "geheim.xlsx"),
                    filefactory.pdf(tmp_path / "leerlingen.xlsx")):
        status, html = check(browser, institution, hostile)
        assert status == 200, hostile.name
        assert "verdict-red" in html and "Je bestand kon niet worden gecontroleerd" in html, hostile.name
        assert re.search(r'<td>hele bestand</td>\s*<td></td>\s*<td></td>\s*<td>\S', html), hostile.name
        assert "Traceback" not in html


def test_no_file_and_a_bad_option_are_said_plainly(site: Site) -> None:
    institution, _, browser = _member(site)
    response = browser.post(f"/i/{institution}/check/cjp-students", {"option_anonymous": "J"})
    assert response.status_code == 422
    assert "Je hebt nog geen bestand gekozen" in unescape(response.text)


def test_a_file_over_the_limit_is_refused_before_it_is_read(site: Site, env: dict[str, str]) -> None:
    institution, _, browser = _member(site)
    limit = site.settings.uploads.max_mb * 1024 * 1024
    response = browser.request("POST", f"/i/{institution}/check/cjp-students", data={"_csrf_token": browser.csrf},
                               files={"file": ("groot.xlsx", b"x" * (limit + 200_000), XLSX)})
    assert response.status_code == 413
    assert "Er is niets gecontroleerd en niets bewaard." in unescape(response.text)


def test_a_crash_of_the_check_is_a_plain_sentence_and_the_file_is_gone(site: Site, tmp_path: Path, scratch: Path,
                                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    institution, _, browser = _member(site)
    seen: list[Path] = []

    def broken(path: Path, request: object) -> object:
        seen.append(path)
        assert path.is_file() and path.parent == scratch
        raise RuntimeError(f"boom {SECRET_FIRST}")

    monkeypatch.setattr(services, "validate_file", broken)
    status, html = check(browser, institution, good_students(tmp_path / "goed.xlsx"))
    assert status == 503
    assert "De controle kon nu niet worden uitgevoerd. Er is niets bewaard." in html
    assert SECRET_FIRST not in html and "RuntimeError" not in html
    assert seen and not seen[0].exists()
    assert list(scratch.iterdir()) == []


def test_the_temporary_file_is_deleted_when_the_request_is_cancelled(site: Site, tmp_path: Path, scratch: Path,
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    """A client that goes away cancels the handler: the check's thread finishes, then the file goes."""
    import time

    import anyio

    from rosterdesk.importers.errors import UnusableFile
    from rosterdesk.platform.auth.tables import User
    from rosterdesk.platform.tenants.tables import Institution

    institution_id, account, _ = _member(site)
    seen: list[Path] = []

    def slow(path: Path, request: object) -> object:
        seen.append(path)
        time.sleep(0.5)
        raise UnusableFile("timeout", seconds="0,5")

    monkeypatch.setattr(services, "validate_file", slow)
    data = good_students(tmp_path / "goed.xlsx").read_bytes()

    async def run() -> bool:
        institution = await Institution.objects().get(Institution.id == institution_id)
        user = await User.objects().get(User.id == account.id)
        assert institution is not None and user is not None

        async def chunks():  # type: ignore[no-untyped-def]
            yield data

        with anyio.move_on_after(0.1) as scope:
            await services.check_upload(institution, user, services_profile(), "goed.xlsx", chunks(), {})
        return scope.cancelled_caught

    assert site.run(run)
    assert seen and not seen[0].exists()
    assert list(scratch.iterdir()) == []


def services_profile():  # type: ignore[no-untyped-def]
    from rosterdesk.importers.plugins import get_profile

    return get_profile("cjp-students")


def test_viewers_and_the_helpdesk_may_use_it_other_institutions_and_profiles_are_404(site: Site,
                                                                                      tmp_path: Path) -> None:
    institution, _, viewer = _member(site, role="viewer")
    status, html = check(viewer, institution, good_students(tmp_path / "goed.xlsx"))
    assert status == 200 and "verdict-green" in html
    assert viewer.get(f"/i/{institution}/check/nse").status_code == 404  # not switched on here
    assert viewer.get(f"/i/{institution}/check/no-such-profile").status_code == 404
    other = site.institution("Ander college", profiles=CJP)
    stranger = site.user("vreemde@ander.nl", memberships=((other, "admin"),))
    browser = site.browser()
    browser.login(stranger)
    assert browser.get(f"/i/{institution}/check/cjp-students").status_code == 404
    status, html = check(browser, institution, good_students(tmp_path / "goed2.xlsx"))
    assert status == 404 and "verdict" not in html and "Het CJP-college" not in html
    assert browser.get("/i/999999/check/cjp-students").status_code == 404
    helpdesk = site.user("help@rosterdesk.example", staff="helpdesk")
    staff = site.browser()
    staff.login(helpdesk)
    status, html = check(staff, institution, bad_students(tmp_path / "fout.xlsx"))
    assert status == 200 and "verdict-red" in html
