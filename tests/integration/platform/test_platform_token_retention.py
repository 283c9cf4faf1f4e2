"""Used and expired password links are removed after a day (SECURITY.md A2, docs/privacy.md), on SQLite and
PostgreSQL, with the platform's fake clock."""

from __future__ import annotations

import asyncio
import contextlib

from rd_platform_helpers import Site

from rosterdesk.platform import clock
from rosterdesk.platform.auth.retention import KEEP, purge_tokens
from rosterdesk.platform.auth.tables import PasswordToken
from rosterdesk.platform.auth.tokens import token_hash
from rosterdesk.platform.privacy.erase import run_privacy_job

GONE = "al gebruikt of verlopen"


def request_link(site: Site, email: str) -> str:
    """A reset link for a new user ``email``, through the page, as a person asks for one."""
    account = site.user(email)
    browser = site.browser()
    browser.post("/password/request", {"email": account.email})
    return str(browser.link_from_mail(account.email))


def use_link(site: Site, link: str) -> None:
    response = site.browser().post(link, {"password": "a fresh new password", "confirm": "a fresh new password"})
    assert response.status_code == 303


def stored(site: Site, *links: str) -> set[str]:
    """The links among ``links`` that still have a row."""
    hashes = {token_hash(link.rsplit("/", 1)[-1]): link for link in links}
    rows = site.run(PasswordToken.select(PasswordToken.token_hash).run)
    return {hashes[row["token_hash"]] for row in rows if row["token_hash"] in hashes}


def old_and_new_links(site: Site) -> tuple[str, str, str, str]:
    """(expired, long used, fresh, recently used): the first two more than ``KEEP`` ago."""
    expired = request_link(site, "expired@school.nl")
    long_used = request_link(site, "longused@school.nl")
    use_link(site, long_used)
    site.clock.advance(site.settings.security.reset_minutes * 60 + KEEP.total_seconds() + 60)
    recent = request_link(site, "recent@school.nl")
    use_link(site, recent)
    site.clock.advance(KEEP.total_seconds() - 600)  # 'recent' was used almost a day ago
    fresh = request_link(site, "fresh@school.nl")
    return expired, long_used, fresh, recent


def test_expired_and_long_used_links_go_fresh_and_recently_used_ones_stay(site: Site) -> None:
    expired, long_used, fresh, recent = old_and_new_links(site)
    assert stored(site, expired, long_used, fresh, recent) == {expired, long_used, fresh, recent}
    before = site.browser().get(long_used)
    assert GONE in before.text

    assert site.run(purge_tokens, clock.now()) == 2

    assert stored(site, expired, long_used, fresh, recent) == {fresh, recent}
    after = site.browser().get(long_used)  # a second click on a removed link: the same friendly answer
    assert after.status_code == before.status_code
    assert GONE in after.text
    assert GONE in site.browser().get(recent).text
    use_link(site, fresh)  # the fresh one still works


def test_the_privacy_job_removes_them(site: Site) -> None:
    """The web app's privacy job (every 10 minutes) runs the removal, also when no new link is requested."""
    expired, long_used, fresh, recent = old_and_new_links(site)

    async def one_pass() -> None:
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(run_privacy_job(site.settings), timeout=2)

    site.run(one_pass)
    assert stored(site, expired, long_used, fresh, recent) == {fresh, recent}
