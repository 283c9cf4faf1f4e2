"""Login, password links and throttles (SECURITY.md A1, A2, A5), on SQLite and PostgreSQL."""

from __future__ import annotations

import re
from typing import Any

import pytest
from rd_platform_helpers import PASSWORD, Site

from rosterdesk.platform.auth import passwords


def test_login_page_offers_request_your_password_link_in_dutch_by_default(site: Site) -> None:
    page = site.browser().get("/login")
    assert page.status_code == 200
    assert 'lang="nl"' in page.text
    assert "Vraag hier je wachtwoord aan" in page.text
    assert 'href="/password/request"' in page.text
    assert '<label for="email">' in page.text and '<label for="password">' in page.text


def test_full_login_with_totp_reaches_the_start_page(site: Site) -> None:
    school = site.institution()
    account = site.user("anna@school.nl", memberships=((school, "uploader"),))
    browser = site.browser()
    browser.login(account)
    home = browser.get("/")
    assert home.status_code == 200
    assert "Studentgegevens uploaden" in home.text
    assert site.audit("login.succeeded")


@pytest.mark.parametrize("case", ["unknown", "wrong-password", "disabled", "no-password-yet"])
def test_login_failures_look_identical(site: Site, case: str) -> None:
    """A1: the same message and status whether the account exists, is disabled or the password is wrong."""
    site.user("known@school.nl")
    site.user("disabled@school.nl", active=False)
    site.user("new@school.nl", password="")
    email, password = {
        "unknown": ("nobody@school.nl", PASSWORD),
        "wrong-password": ("known@school.nl", "not the password at all"),
        "disabled": ("disabled@school.nl", PASSWORD),
        "no-password-yet": ("new@school.nl", ""),
    }[case]
    response = site.browser().post("/login", {"email": email, "password": password})
    reference = site.browser().post("/login", {"email": "someone-else@school.nl", "password": "x"})
    assert response.status_code == reference.status_code == 422
    assert "klopt niet, of het account is niet actief" in response.text
    pages = [re.sub(r"[0-9a-f]{64,}", "", r.text.replace(email, "").replace("someone-else@school.nl", ""))
             for r in (response, reference)]
    assert pages[0] == pages[1]


def test_unknown_user_costs_a_real_argon2_verification(site: Site, monkeypatch: pytest.MonkeyPatch) -> None:
    """A1 timing: unknown e-mail addresses are checked against a dummy argon2 hash, like known ones."""
    calls: list[str] = []
    original = passwords._verify

    def spy(stored: str, password: str) -> bool:
        calls.append(stored)
        return original(stored, password)

    monkeypatch.setattr(passwords, "_verify", spy)
    site.browser().post("/login", {"email": "ghost@school.nl", "password": "whatever"})
    assert calls == [""]  # empty stored hash: _verify checks the dummy hash instead
    assert passwords.dummy_hash().startswith("$argon2id$")


def test_passwords_are_stored_as_argon2_hashes(site: Site) -> None:
    site.user("hash@school.nl")
    from rosterdesk.platform.auth.tables import User

    rows = site.run(User.select(User.password_hash).run)
    assert rows[0]["password_hash"].startswith("$argon2id$")
    assert PASSWORD not in rows[0]["password_hash"]


def test_request_password_answers_the_same_for_known_and_unknown(site: Site) -> None:
    site.user("known@school.nl")
    browser = site.browser()
    known = browser.post("/password/request", {"email": "known@school.nl"})
    unknown = browser.post("/password/request", {"email": "unknown@school.nl"})
    assert known.status_code == unknown.status_code == 200
    assert known.text == unknown.text
    assert len(site.mails("known@school.nl")) == 1
    assert site.mails("unknown@school.nl") == []


def test_first_time_user_sets_password_through_the_link_then_enrols_totp(site: Site) -> None:
    school = site.institution()
    account = site.user("first@school.nl", password="", totp=False, memberships=((school, "viewer"),))
    browser = site.browser()
    browser.post("/password/request", {"email": account.email})
    link = browser.link_from_mail(account.email)
    assert browser.get(link).status_code == 200
    done = browser.post(link, {"password": "my new long password", "confirm": "my new long password"})
    assert done.status_code == 303 and done.headers["location"] == "/login?notice=password-set"
    step = browser.post("/login", {"email": account.email, "password": "my new long password"})
    assert step.headers["location"] == "/two-factor/enrol"


def test_reset_link_is_single_use(site: Site) -> None:
    account = site.user("once@school.nl")
    browser = site.browser()
    browser.post("/password/request", {"email": account.email})
    link = browser.link_from_mail(account.email)
    assert browser.post(link, {"password": "first new password", "confirm": "first new password"}).status_code == 303
    again = browser.post(link, {"password": "second new password", "confirm": "second new password"})
    assert again.status_code == 422
    assert "al gebruikt of verlopen" in again.text
    assert "al gebruikt of verlopen" in browser.get(link).text


def test_reset_link_expires_after_an_hour(site: Site) -> None:
    account = site.user("late@school.nl")
    browser = site.browser()
    browser.post("/password/request", {"email": account.email})
    link = browser.link_from_mail(account.email)
    site.clock.advance(61 * 60)
    response = browser.post(link, {"password": "too late password", "confirm": "too late password"})
    assert response.status_code == 422


def test_reset_link_ignores_forged_host_headers(site: Site) -> None:
    """A2: links come from RD_BASE_URL, never from Host or X-Forwarded-Host."""
    account = site.user("host@school.nl")
    site.browser().post("/password/request", {"email": account.email},
                        headers={"Host": "evil.example", "X-Forwarded-Host": "evil.example"})
    body = site.mails(account.email)[-1]["body"]
    assert "evil.example" not in body
    assert "http://testserver.local/password/set/" in body


def test_reset_token_is_stored_hashed(site: Site) -> None:
    account = site.user("hashed@school.nl")
    browser = site.browser()
    browser.post("/password/request", {"email": account.email})
    token = browser.link_from_mail(account.email).rsplit("/", 1)[-1]
    from rosterdesk.platform.auth.tables import PasswordToken

    rows = site.run(PasswordToken.select(PasswordToken.token_hash).run)
    assert rows and all(token not in row["token_hash"] for row in rows)


def test_reset_ends_other_sessions_and_still_needs_totp(site: Site) -> None:
    """A2: after a reset, a session opened before it is dead, and logging in still asks for the code."""
    account = site.user("reset@school.nl")
    old = site.browser()
    old.login(account)
    assert old.get("/account").status_code == 200
    fresh = site.browser()
    fresh.post("/password/request", {"email": account.email})
    fresh.post(fresh.link_from_mail(account.email), {"password": "brand new password", "confirm": "brand new password"})
    assert old.get("/account").status_code == 303
    step = fresh.post("/login", {"email": account.email, "password": "brand new password"})
    assert step.headers["location"] == "/login/code"


def test_new_password_rules_tell_what_to_do(site: Site) -> None:
    account = site.user("rules@school.nl")
    browser = site.browser()
    browser.post("/password/request", {"email": account.email})
    link = browser.link_from_mail(account.email)
    short = browser.post(link, {"password": "short", "confirm": "short"})
    assert short.status_code == 422 and "Gebruik minstens 10 tekens" in short.text
    differ = browser.post(link, {"password": "long enough one", "confirm": "long enough two"})
    assert "Typ hetzelfde wachtwoord twee keer" in differ.text


def _fail(site: Site, email: str, times: int, forwarded: bool = True) -> Any:
    response = None
    for attempt in range(times):
        headers = {"X-Forwarded-For": f"10.0.{attempt}.{attempt}"} if forwarded else {}
        response = site.browser().post("/login", {"email": email, "password": f"guess {attempt}"}, headers=headers)
    return response


def test_password_guessing_is_throttled_per_account_despite_rotating_addresses(site: Site) -> None:
    """A5: X-Forwarded-For changes nothing; after the free attempts even the right password waits."""
    account = site.user("target@school.nl")
    assert _fail(site, account.email, site.settings.security.free_attempts).status_code == 422
    last = _fail(site, account.email, 1)
    assert last.status_code == 429
    assert "Wacht" in last.text
    blocked = site.browser().password_step(account)
    assert blocked.status_code == 429


def test_throttle_ends_so_a_stranger_cannot_lock_someone_out_for_good(site: Site) -> None:
    """A5: the waiting time is capped and ends; then the owner logs in."""
    account = site.user("victim@school.nl")
    for _ in range(12):
        _fail(site, account.email, 1)
        site.clock.advance(site.settings.security.max_backoff_seconds + 1)
    site.clock.advance(site.settings.security.max_backoff_seconds + 1)
    assert site.browser().password_step(account).status_code == 303


def test_throttle_looks_the_same_for_unknown_accounts(site: Site) -> None:
    unknown = _fail(site, "nobody@school.nl", site.settings.security.free_attempts + 1)
    site.user("somebody@school.nl")
    known = _fail(site, "somebody@school.nl", site.settings.security.free_attempts + 1)
    assert unknown.status_code == known.status_code == 429


def test_password_link_clears_the_throttle(site: Site) -> None:
    account = site.user("owner@school.nl")
    _fail(site, account.email, site.settings.security.free_attempts)
    browser = site.browser()
    browser.post("/password/request", {"email": account.email})
    browser.post(browser.link_from_mail(account.email), {"password": "owner new password",
                                                         "confirm": "owner new password"})
    assert browser.post("/login", {"email": account.email, "password": "owner new password"}).status_code == 303


def test_reset_mails_are_limited_per_address(site: Site) -> None:
    account = site.user("spam@school.nl")
    browser = site.browser()
    for _ in range(10):
        assert browser.post("/password/request", {"email": account.email}).status_code == 200
    assert len(site.mails(account.email)) == site.settings.security.reset_mails_per_hour


def test_one_time_password_must_be_replaced_before_anything_else(site: Site) -> None:
    from rosterdesk.platform.auth.tables import User

    account = site.user("demo@school.nl", totp=False)
    site.run(User.update({User.must_change_password: True}).where(User.id == account.id).run)
    browser = site.browser()
    assert browser.password_step(account).headers["location"] == "/password/change"
    assert browser.get("/").status_code == 303
    done = browser.post("/password/change", {"password": "my own password", "confirm": "my own password"})
    assert done.headers["location"] == "/two-factor/enrol"
