"""Upload periods: the superadmin's page, the audit trail, and period_state for the wizard."""

from __future__ import annotations

import datetime as dt

from rd_platform_helpers import Browser, Site

from rosterdesk.platform.periods.services import PeriodState, period_state, retention_date

UTC = dt.UTC


def _superadmin(site: Site) -> Browser:
    root = site.user("root@rosterdesk.example", staff="superadmin")
    browser = site.browser()
    browser.login(root)
    return browser


def _state(site: Site, when: dt.datetime, profile: str = "nse") -> PeriodState:
    return site.run(period_state, profile, when)


def test_without_a_period_uploads_are_always_open(site: Site) -> None:
    state = _state(site, dt.datetime(2030, 1, 1, tzinfo=UTC))
    assert state.open and state.state == "always-open"
    assert "geen uploadperiode" in state.message("nl")


def test_period_is_not_yet_open_then_open_then_closed_in_dutch_time(site: Site) -> None:
    browser = _superadmin(site)
    saved = browser.post("/admin/periods/nse", {"opens_on": "2025-02-01", "closes_on": "2025-03-31",
                                                "retention_on": "2025-10-14"})
    assert saved.status_code == 200 and "is opgeslagen" in saved.text
    before = _state(site, dt.datetime(2025, 1, 31, 22, 59, tzinfo=UTC))  # 23:59 on 31 January in Amsterdam
    assert not before.open and before.state == "not-yet-open" and before.opens_on == dt.date(2025, 2, 1)
    assert before.message("nl") == "De uploadperiode is nog niet begonnen. Je kunt uploaden vanaf 1 februari 2025."
    assert before.message("en") == "The upload period has not started yet. You can upload from 1 February 2025."
    first = _state(site, dt.datetime(2025, 1, 31, 23, 0, tzinfo=UTC))  # 00:00 on 1 February in Amsterdam
    assert first.open and first.state == "open"
    assert "open tot en met 31 maart 2025" in first.message("nl")
    last = _state(site, dt.datetime(2025, 3, 31, 21, 59, tzinfo=UTC))  # 23:59 summer time
    assert last.open
    after = _state(site, dt.datetime(2025, 3, 31, 22, 0, tzinfo=UTC))
    assert not after.open and after.state == "closed" and after.closes_on == dt.date(2025, 3, 31)
    assert "gesloten sinds het einde van 31 maart 2025" in after.message("nl")
    assert "closed at the end of 31 March 2025" in after.message("en")
    assert _state(site, dt.datetime(2025, 3, 1, tzinfo=UTC), "cjp-students").state == "always-open"
    assert site.run(retention_date, "nse") == dt.date(2025, 10, 14)
    page = browser.get("/admin/periods")
    assert 'value="2025-02-01"' in page.text and 'value="2025-10-14"' in page.text


def test_period_with_only_an_end_and_clearing_it_again(site: Site) -> None:
    browser = _superadmin(site)
    browser.post("/admin/periods/nse", {"opens_on": "", "closes_on": "2025-03-31", "retention_on": ""})
    assert _state(site, dt.datetime(2020, 1, 1, tzinfo=UTC)).open
    assert not _state(site, dt.datetime(2025, 4, 2, tzinfo=UTC)).open
    browser.post("/admin/periods/nse", {"opens_on": "", "closes_on": "", "retention_on": ""})
    assert _state(site, dt.datetime(2025, 4, 2, tzinfo=UTC)).state == "always-open"


def test_every_change_is_audited_and_an_unchanged_save_is_not(site: Site) -> None:
    browser = _superadmin(site)
    values = {"opens_on": "2025-02-01", "closes_on": "2025-03-31", "retention_on": ""}
    browser.post("/admin/periods/nse", values)
    again = browser.post("/admin/periods/nse", values)
    assert "Er was niets veranderd" in again.text
    browser.post("/admin/periods/nse", {**values, "closes_on": "2025-04-30"})
    events = site.audit("period.changed")
    assert len(events) == 2 and all(event["target"] == "nse" for event in events)
    assert '"2025-04-30"' in str(events[-1]["details"]) or "2025-04-30" in str(events[-1]["details"])


def test_wrong_dates_are_refused_with_what_to_fix(site: Site) -> None:
    browser = _superadmin(site)
    backwards = browser.post("/admin/periods/nse", {"opens_on": "2025-04-01", "closes_on": "2025-03-01"})
    assert backwards.status_code == 422 and "sluit voordat hij opent" in backwards.text
    early = browser.post("/admin/periods/nse", {"closes_on": "2025-03-01", "retention_on": "2025-02-01"})
    assert early.status_code == 422 and "Kies een wisdatum na de einddatum" in early.text
    garbage = browser.post("/admin/periods/nse", {"opens_on": "1 april"})
    assert garbage.status_code == 422 and "JJJJ-MM-DD" in garbage.text and 'value="1 april"' in garbage.text
    assert browser.post("/admin/periods/no-such-profile", {}).status_code == 404
    assert site.audit("period.changed") == []


def test_only_the_superadmin_changes_periods(site: Site) -> None:
    school = site.institution()
    helpdesk = site.user("help@rosterdesk.example", staff="helpdesk")
    admin = site.user("admin@school.nl", memberships=((school, "admin"),))
    browser = site.browser()
    browser.login(helpdesk)
    assert browser.get("/admin/periods").status_code == 200
    assert browser.post("/admin/periods/nse", {"closes_on": "2025-03-01"}).status_code == 403
    browser = site.browser()
    browser.login(admin)
    assert browser.get("/admin/periods").status_code == 403
    assert _state(site, dt.datetime(2030, 1, 1, tzinfo=UTC)).state == "always-open"


def test_the_wizard_refuses_uploads_outside_the_period_and_says_why(site: Site) -> None:
    from rosterdesk.platform.uploads.tables import Version
    from rosterdesk.samples import NSE_DEMO_VALID

    school = site.institution("Universiteit Duinstad", profiles=["nse"], kind="HO")
    uploader = site.user("uploader@duinstad.nl", memberships=((school, "uploader"),))
    root = _superadmin(site)
    today = dt.datetime.fromtimestamp(site.clock.now, UTC).date()
    root.post("/admin/periods/nse", {"opens_on": (today + dt.timedelta(days=10)).isoformat()})
    browser = site.browser()
    browser.login(uploader)
    start = browser.get(f"/i/{school}/uploads/nse")
    assert start.status_code == 200 and "De uploadperiode is nog niet begonnen" in start.text
    assert 'name="file"' not in start.text  # no file chooser
    xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    sent = browser.request("POST", f"/i/{school}/uploads/nse/file", data={"_csrf_token": browser.csrf},
                           files={"file": ("studenten.xlsx", NSE_DEMO_VALID.read_bytes(), xlsx)})
    assert sent.status_code == 422 and "De uploadperiode is nog niet begonnen" in sent.text
    root.post("/admin/periods/nse", {"opens_on": "2020-01-01", "closes_on": (today - dt.timedelta(days=1)).isoformat()})
    closed = browser.get(f"/i/{school}/uploads/nse")
    assert "De uploadperiode is gesloten" in closed.text and 'name="file"' not in closed.text
    assert site.run(Version.count().run) == 0
    root.post("/admin/periods/nse", {"opens_on": "", "closes_on": ""})
    assert 'name="file"' in browser.get(f"/i/{school}/uploads/nse").text
