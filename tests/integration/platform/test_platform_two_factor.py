"""TOTP and recovery codes (SECURITY.md A3, A4, A5, A6), on SQLite and PostgreSQL."""

from __future__ import annotations

import asyncio
import re

import pyotp
import pytest
from rd_platform_helpers import Browser, Site

from rosterdesk.platform.auth import totp
from rosterdesk.platform.auth.tables import RecoveryCode, User


def _at_code_step(site: Site, browser: Browser, email: str, password: str) -> None:
    response = browser.post("/login", {"email": email, "password": password})
    assert response.headers["location"] == "/login/code"


def test_same_code_twice_is_refused(site: Site) -> None:
    """A3: a code that was accepted once never works again, not even in another browser."""
    account = site.user("replay@school.nl")
    first, second = site.browser(), site.browser()
    _at_code_step(site, first, account.email, account.password)
    _at_code_step(site, second, account.email, account.password)
    site.next_step()
    code = site.code(account.secret)
    assert first.post("/login/code", {"code": code}).status_code == 303
    refused = second.post("/login/code", {"code": code})
    assert refused.status_code == 422
    assert "al gebruikt" in refused.text


def test_same_code_from_two_browsers_at_once_passes_once(site: Site) -> None:
    """A3: the stored last step is claimed with one conditional UPDATE."""
    account = site.user("race@school.nl")
    site.next_step()
    step = totp.current_step(site.clock.now)

    async def race() -> list[bool]:
        return list(await asyncio.gather(*[totp.claim_step(account.id, step) for _ in range(8)]))

    results = site.run(race)
    assert results.count(True) == 1
    stored = site.run(User.select(User.totp_last_step).where(User.id == account.id).first().run)
    assert stored["totp_last_step"] == step


@pytest.mark.parametrize(("offset", "accepted"), [(0, True), (-30, True), (-90, False), (60, False), (30, False)])
def test_only_the_current_and_previous_step_pass(site: Site, offset: int, accepted: bool) -> None:
    """A4: codes from 30 s ago pass; from 90 s ago or from the future do not."""
    account = site.user("window@school.nl")
    browser = site.browser()
    _at_code_step(site, browser, account.email, account.password)
    site.clock.advance(600)
    response = browser.post("/login/code", {"code": site.code(account.secret, offset)})
    assert (response.status_code == 303) is accepted


def test_code_guessing_is_throttled(site: Site) -> None:
    """A5 for the second factor: per account, with back-off."""
    account = site.user("guess@school.nl")
    browser = site.browser()
    _at_code_step(site, browser, account.email, account.password)
    for attempt in range(site.settings.security.free_attempts):
        wrong = f"{(int(site.code(account.secret)) + 1 + attempt) % 1_000_000:06d}"
        assert browser.post("/login/code", {"code": wrong},
                            headers={"X-Forwarded-For": f"10.1.1.{attempt}"}).status_code == 422
    assert browser.post("/login/code", {"code": site.code(account.secret)}).status_code == 429


def _enrol(site: Site, browser: Browser, action: str, extra: dict[str, str] | None = None) -> list[str]:
    page = browser.get(action)
    assert page.status_code == 200
    assert "<svg" in page.text
    key = re.search(r'id="totp-key">([^<]+)<', page.text)
    assert key
    secret = key.group(1).replace(" ", "")
    site.next_step()
    done = browser.post(action, {"code": pyotp.TOTP(secret).at(site.clock.now), **(extra or {})})
    assert done.status_code == 200, done.text
    codes = re.findall(r"<code>([a-z0-9]{5}-[a-z0-9]{5})</code>", done.text)
    assert len(codes) == 10
    return codes


def test_enrolment_shows_qr_and_key_and_ten_recovery_codes_once(site: Site) -> None:
    account = site.user("enrol@school.nl", totp=False)
    browser = site.browser()
    assert browser.password_step(account).headers["location"] == "/two-factor/enrol"
    codes = _enrol(site, browser, "/two-factor/enrol")
    assert browser.get("/").status_code == 200
    stored = site.run(RecoveryCode.select(RecoveryCode.code_hash).run)
    assert len(stored) == 10
    assert not {row["code_hash"] for row in stored} & set(codes)
    assert site.mails(account.email)[-1]["kind"] == "two-factor-enrolled"


def test_recovery_code_works_once_and_tells_the_user(site: Site) -> None:
    """A6: single use; the user gets an e-mail."""
    account = site.user("recover@school.nl", totp=False)
    browser = site.browser()
    browser.password_step(account)
    codes = _enrol(site, browser, "/two-factor/enrol")
    browser.post("/logout")
    for expected in (303, 422):
        other = site.browser()
        other.password_step(account)
        assert other.post("/login/code", {"code": codes[0].upper()}).status_code == expected
    assert any(mail["kind"] == "recovery-code-used" for mail in site.mails(account.email))


def test_regenerated_codes_replace_the_old_ones(site: Site) -> None:
    """A6: after regenerating, old codes are dead; the user is told by e-mail."""
    account = site.user("regen@school.nl", totp=False)
    browser = site.browser()
    browser.password_step(account)
    old_codes = _enrol(site, browser, "/two-factor/enrol")
    wrong = browser.post("/account/recovery-codes", {"password": "not my password"})
    assert wrong.status_code == 422
    page = browser.post("/account/recovery-codes", {"password": account.password})
    new_codes = re.findall(r"<code>([a-z0-9]{5}-[a-z0-9]{5})</code>", page.text)
    assert len(new_codes) == 10 and not set(new_codes) & set(old_codes)
    assert site.mails(account.email)[-1]["kind"] == "recovery-codes-regenerated"
    other = site.browser()
    other.password_step(account)
    assert other.post("/login/code", {"code": old_codes[1]}).status_code == 422
    assert other.post("/login/code", {"code": new_codes[1]}).status_code == 303


def test_re_enrolment_from_the_user_menu_needs_the_password_and_mails_the_user(site: Site) -> None:
    account = site.user("relink@school.nl")
    browser = site.browser()
    browser.login(account)
    page = browser.get("/account/two-factor")
    secret = re.search(r'id="totp-key">([^<]+)<', page.text).group(1).replace(" ", "")  # type: ignore[union-attr]
    site.next_step()
    refused = browser.post("/account/two-factor", {"code": pyotp.TOTP(secret).at(site.clock.now), "password": "no"})
    assert refused.status_code == 422
    _enrol(site, browser, "/account/two-factor", {"password": account.password})
    assert site.mails(account.email)[-1]["kind"] == "two-factor-enrolled"
    old = site.browser()
    old.password_step(account)
    site.next_step()
    assert old.post("/login/code", {"code": site.code(account.secret)}).status_code == 422


def test_password_change_from_the_user_menu_mails_the_user_and_ends_other_sessions(site: Site) -> None:
    account = site.user("change@school.nl")
    here, elsewhere = site.browser(), site.browser()
    here.login(account)
    elsewhere.login(account)
    wrong = here.post("/account/password", {"current": "wrong", "password": "a new long password",
                                             "confirm": "a new long password"})
    assert wrong.status_code == 422 and "huidige wachtwoord klopt niet" in wrong.text
    ok = here.post("/account/password", {"current": account.password, "password": "a new long password",
                                          "confirm": "a new long password"})
    assert ok.status_code == 200
    assert site.mails(account.email)[-1]["kind"] == "password-changed"
    assert here.get("/account").status_code == 200
    assert elsewhere.get("/account").status_code == 303


def test_institution_without_mandatory_two_factor_lets_users_in_with_a_password(site: Site) -> None:
    school = site.institution(two_factor=False)
    account = site.user("relaxed@school.nl", totp=False, memberships=((school, "viewer"),))
    browser = site.browser()
    assert browser.password_step(account).headers["location"] == "/"
    assert browser.get("/").status_code == 200


def test_staff_always_need_two_factor(site: Site) -> None:
    account = site.user("staff@rosterdesk.example", totp=False, staff="helpdesk")
    assert site.browser().password_step(account).headers["location"] == "/two-factor/enrol"
