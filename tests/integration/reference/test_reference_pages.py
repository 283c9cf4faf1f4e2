"""Creating an institution from RIO, an institution's programmes and locations as RIO has them, and the demo seed."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from rd_platform_helpers import Browser, Site

from rosterdesk.platform.reference import services
from rosterdesk.platform.settings import Settings
from rosterdesk.platform.tenants.tables import Institution
from rosterdesk.samples import DEMO_INSTITUTION, DUO_SAMPLE_DIR


def _import(site: Site, folder: Path) -> None:
    site.run(services.import_directory, site.settings.app.data_dir, folder, actor=None, origin="cli")


def _login(site: Site, email: str, **kwargs: object) -> Browser:
    account = site.user(email, **kwargs)  # type: ignore[arg-type]
    browser = site.browser()
    browser.login(account)
    return browser


def _value(html: str, field: str) -> str:
    match = re.search(rf'id="{field}" name="{field}"[^>]*value="([^"]*)"', html)
    assert match, field
    return match.group(1)


def test_superadmin_creates_an_institution_from_the_rio_list(site: Site, duo_dir: Path) -> None:
    _import(site, duo_dir)
    browser = _login(site, "root@rosterdesk.example", staff="superadmin")
    found = browser.get("/admin/rio?q=vrije universiteit")
    assert found.status_code == 200
    assert "21PL" in found.text and 'href="/admin/institutions/new?rio=21PL"' in found.text
    assert "21PL" in browser.get("/admin/rio?q=21pl").text  # by code, any case
    form = browser.get("/admin/institutions/new?rio=21PL")
    assert form.status_code == 200 and "Ingevuld uit RIO (21PL)" in form.text
    assert _value(form.text, "name") == "Vrije Universiteit Amsterdam"
    assert _value(form.text, "brin") == "21PL"
    assert _value(form.text, "locations") == "21PL00, 21PL02, 21PL03"
    created = browser.post("/admin/institutions/new", {"name": _value(form.text, "name"), "kind": "HO", "brin": "21PL",
                                                       "locations": _value(form.text, "locations"), "profiles": "nse"})
    assert created.status_code == 303
    row = site.run(Institution.objects().get(Institution.brin == "21PL").run)
    assert row is not None and row.name == "Vrije Universiteit Amsterdam" and row.location_codes()[0] == "21PL00"
    again = browser.get("/admin/rio?q=21PL")
    assert f'href="/admin/institutions/{row.id}"' in again.text and "bestaat al" in again.text
    assert browser.get("/admin/institutions/new?rio=99QQ").status_code == 404
    assert "Niets gevonden" in browser.get("/admin/rio?q=qqqqqq").text


def test_rio_search_says_when_nothing_was_imported_and_is_for_the_superadmin_only(site: Site) -> None:
    browser = _login(site, "root@rosterdesk.example", staff="superadmin")
    assert "nog geen referentiegegevens" in browser.get("/admin/rio?q=duinstad").text
    helpdesk = _login(site, "help@rosterdesk.example", staff="helpdesk")
    assert helpdesk.get("/admin/rio?q=duinstad").status_code == 403


def test_institution_admin_sees_the_programmes_and_locations_rio_has(site: Site, duo_dir: Path) -> None:
    _import(site, duo_dir)
    vu = site.institution("Vrije Universiteit Amsterdam", kind="HO")
    site.run(Institution.update({Institution.brin: "21PL"}).where(Institution.id == vu).run)
    other = site.institution("School B")
    admin = _login(site, "admin@vu.nl", memberships=((vu, "admin"),))
    page = admin.get(f"/i/{vu}/rio")
    assert page.status_code == 200
    assert "Opleidingen (390)" in page.text
    assert "06001" in page.text and "Algemene taalwetenschap" in page.text
    assert "21PL02" in page.text and "&#39;S-GRAVENHAGE" in page.text
    stranger = _login(site, "admin@b.nl", memberships=((other, "admin"),))
    assert stranger.get(f"/i/{vu}/rio").status_code == 404
    assert stranger.get("/i/999999/rio").status_code == 404
    uploader = _login(site, "uploader@vu.nl", memberships=((vu, "uploader"),))
    assert uploader.get(f"/i/{vu}/rio").status_code == 403
    helpdesk = _login(site, "help@rosterdesk.example", staff="helpdesk")
    assert helpdesk.get(f"/i/{vu}/rio").status_code == 200
    assert [event["target"] for event in site.audit("tenant.access-denied")] == [f"institution:{vu}"]


def test_institution_page_says_when_its_code_is_not_in_rio(site: Site) -> None:
    _import(site, DUO_SAMPLE_DIR)
    school = site.institution("Het Testcollege")  # BRIN 12AB: not in the sample
    admin = _login(site, "admin@school.nl", memberships=((school, "admin"),))
    assert "12AB staat niet in de referentiegegevens" in admin.get(f"/i/{school}/rio").text


def test_demo_seed_imports_the_sample_and_its_institution_matches_it(settings: Settings, site: Site,
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    from rosterdesk.platform import cli
    from rosterdesk.platform import settings as settings_module

    monkeypatch.setattr(settings_module, "get_settings", lambda: settings)
    accounts = site.run(cli.prepare, True)
    assert {account.role for account in accounts} == {"superadmin", "helpdesk", "admin"}
    rows = site.run(services.imports)
    assert len(rows) == 1 and rows[0]["origin"] == "seed"
    reference = site.run(services.current_reference, settings.app.data_dir)
    assert reference is not None
    demo = site.run(Institution.objects().get(Institution.brin == DEMO_INSTITUTION).run)
    assert demo is not None and demo.name == reference.institutions[DEMO_INSTITUTION].name
    assert demo.location_codes() == [DEMO_INSTITUTION + loc.number for loc in reference.locations_of(DEMO_INSTITUTION)]
    assert "nse" in demo.profile_slugs()
