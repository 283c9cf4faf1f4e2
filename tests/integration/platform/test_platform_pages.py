"""Mail (SMTP and outbox), audit log, start page, language, error pages, serve and the Redis session store."""

from __future__ import annotations

import argparse
import asyncio
import re
import socket
import time
from collections.abc import Iterator
from email import message_from_bytes
from pathlib import Path
from typing import Any

import pytest
from litestar.testing import TestClient
from rd_platform_helpers import Site

from rosterdesk.platform.app import create_app
from rosterdesk.platform.settings import Settings
from tests.conftest import missing_service, port_open

REPO = Path(__file__).resolve().parents[3]


class Collector:
    """aiosmtpd handler keeping every message."""

    def __init__(self) -> None:
        self.messages: list[Any] = []

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        self.messages.append(message_from_bytes(envelope.content))
        return "250 OK"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture
def smtp_server() -> Iterator[tuple[int, Collector]]:
    from aiosmtpd.controller import Controller

    collector = Collector()
    port = _free_port()
    controller = Controller(collector, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        yield port, collector
    finally:
        controller.stop()


@pytest.fixture
def smtp_env(env: dict[str, str], smtp_server: tuple[int, Collector]) -> dict[str, str]:
    env["SMTP_URL"] = f"smtp://127.0.0.1:{smtp_server[0]}"
    return env


def _delivery_of(site: Site, email: str) -> dict[str, Any]:
    """The outbox row of the last mail to ``email`` once its delivery (after the response) ended."""
    deadline = time.time() + 10
    while True:
        kept = site.mails(email)[-1]
        if kept["delivered"] or kept["error"] or time.time() > deadline:
            return kept
        time.sleep(0.05)


def test_mail_goes_through_smtp_in_production(smtp_env: dict[str, str], smtp_server: tuple[int, Collector],
                                              site: Site) -> None:
    account = site.user("smtp@school.nl")
    site.browser().post("/password/request", {"email": account.email})
    deadline = time.time() + 5
    while not smtp_server[1].messages and time.time() < deadline:
        time.sleep(0.05)
    message = smtp_server[1].messages[0]
    assert message["To"] == account.email
    assert message["Subject"] == "Stel je wachtwoord in voor rosterdesk"
    assert "http://testserver.local/password/set/" in message.get_payload(decode=True).decode()
    kept = _delivery_of(site, account.email)
    assert kept["transport"] == "smtp" and kept["delivered"] and kept["body"] == ""  # links are secrets


@pytest.fixture
def dead_smtp_env(env: dict[str, str]) -> dict[str, str]:
    env["SMTP_URL"] = f"smtp://127.0.0.1:{_free_port()}"
    return env


def test_unreachable_smtp_server_is_logged_not_shown(dead_smtp_env: dict[str, str], site: Site) -> None:
    account = site.user("nomail@school.nl")
    response = site.browser().post("/password/request", {"email": account.email})
    assert response.status_code == 200 and "Als dit e-mailadres bij ons bekend is" in response.text
    kept = _delivery_of(site, account.email)
    assert not kept["delivered"] and "Connection" in kept["error"]


def test_superadmin_reads_the_outbox_in_the_embedded_default(site: Site) -> None:
    root = site.user("root@rosterdesk.example", staff="superadmin")
    site.user("pupil@school.nl")
    site.browser().post("/password/request", {"email": "pupil@school.nl"})
    browser = site.browser()
    browser.login(root)
    page = browser.get("/admin/outbox")
    assert page.status_code == 200
    assert "pupil@school.nl" in page.text and "Stel je wachtwoord in" in page.text
    assert 'href="http://testserver.local/password/set/' in page.text


def test_mail_texts_follow_the_users_language(site: Site) -> None:
    account = site.user("english@school.nl")
    from rosterdesk.platform.auth.tables import User

    site.run(User.update({User.language: "en"}).where(User.id == account.id).run)
    site.browser().post("/password/request", {"email": account.email})
    mail = site.mails(account.email)[-1]
    assert mail["subject"] == "Set your rosterdesk password"
    assert "valid for 60 minutes" in mail["body"]


def test_audit_log_for_superadmin_with_filters(site: Site) -> None:
    a = site.institution("School A")
    root = site.user("root@rosterdesk.example", staff="superadmin")
    site.user("a@a.nl", memberships=((a, "admin"),))
    site.browser().post("/login", {"email": "a@a.nl", "password": "wrong password"})
    browser = site.browser()
    browser.login(root)
    everything = browser.get("/admin/audit")
    assert "login.failed" in everything.text and "login.succeeded" in everything.text
    failed = browser.get("/admin/audit?action=login.failed&user=a%40a.nl")
    assert "login.failed" in failed.text and "<code>login.succeeded</code>" not in failed.text
    partial = browser.get("/admin/audit?action=login.failed", headers={"HX-Request": "true"})
    assert partial.text.lstrip().startswith('<div id="audit-results"')
    future = browser.get("/admin/audit?since=2999-01-01")
    assert "Geen gebeurtenissen gevonden" in future.text
    today = time.strftime("%Y-%m-%d", time.gmtime())
    assert "login.failed" in browser.get(f"/admin/audit?since={today}&until={today}").text


def test_audit_log_pages_through_older_events_keeping_the_filters(site: Site) -> None:
    from rosterdesk.platform.audit.services import PAGE_SIZE
    from rosterdesk.platform.audit.tables import AuditEvent

    root = site.user("root@rosterdesk.example", staff="superadmin")
    total = PAGE_SIZE + 30
    site.run(AuditEvent.insert(*[AuditEvent(action="login.failed", actor_email=f"p{n:03}@school.nl",
                                            target="") for n in range(total)]).run)
    browser = site.browser()
    browser.login(root)
    first = browser.get("/admin/audit?action=login.failed")
    assert first.text.count("<code>login.failed</code>") == PAGE_SIZE
    assert f"p{total - 1:03}@school.nl" in first.text and "p000@school.nl" not in first.text
    older = re.search(r'href="(/admin/audit\?[^"]*before=\d+[^"]*)" rel="next"', first.text)
    assert older, "no link to older events"
    second = browser.get(older.group(1).replace("&amp;", "&"))
    assert "action=login.failed" in older.group(1)
    shown = re.findall(r"p(\d{3})@school\.nl", second.text)
    assert sorted(map(int, shown)) == list(range(total - PAGE_SIZE))  # the rest, each once
    assert 'rel="next"' not in second.text and "Nieuwste" in second.text


def test_institution_admin_sees_only_their_own_institutions_events(site: Site) -> None:
    a = site.institution("School A")
    b = site.institution("School B")
    admin_a = site.user("admin@a.nl", memberships=((a, "admin"),))
    admin_b = site.user("admin@b.nl", memberships=((b, "admin"),))
    browser_b = site.browser()
    browser_b.login(admin_b)
    browser_b.post(f"/i/{b}/members", {"email": "secret-b@b.nl", "role": "viewer"})
    browser_a = site.browser()
    browser_a.login(admin_a)
    browser_a.post(f"/i/{a}/members", {"email": "visible-a@a.nl", "role": "viewer"})
    page = browser_a.get(f"/i/{a}/audit")
    assert "visible-a@a.nl" in page.text and "secret-b@b.nl" not in page.text


def test_start_page_has_a_tile_per_enabled_profile_and_a_way_home(site: Site) -> None:
    school = site.institution(profiles=["nse", "intergrip"])
    account = site.user("tiles@school.nl", memberships=((school, "uploader"),))
    browser = site.browser()
    browser.login(account)
    home = browser.get("/")
    assert 'id="tile-nse"' in home.text and 'id="tile-intergrip"' in home.text
    assert 'id="tile-cjp-students"' not in home.text
    assert "Studentgegevens uploaden" in home.text and "Leerlingen aanleveren" in home.text
    for path in ("/account", "/account/password", "/account/recovery-codes"):
        page = browser.get(path).text
        assert '<a class="brand" href="/">' in page and 'aria-label="Hoofdnavigatie"' in page
        assert "<main" in page and "<header" in page and "<footer" in page
        assert 'aria-label="Gebruikersmenu: Tiles"' in page


def test_language_switch_is_remembered_per_user(site: Site) -> None:
    school = site.institution(profiles=["nse"])
    account = site.user("lang@school.nl", memberships=((school, "viewer"),))
    browser = site.browser()
    browser.login(account)
    switched = browser.post("/account/language", {"lang": "en", "next": "/account"})
    assert switched.headers["location"] == "/account"
    assert "Upload student data" in browser.get("/").text
    browser.post("/logout")
    again = site.browser()
    again.login(account)
    home = again.get("/")
    assert 'lang="en"' in home.text and "Upload student data" in home.text


def test_language_switch_refuses_foreign_redirects(site: Site) -> None:
    browser = site.browser()
    response = browser.post("/account/language", {"lang": "en", "next": "//evil.example/x"})
    assert response.headers["location"] == "/"
    assert 'lang="en"' in browser.get("/login").text


def test_unexpected_errors_show_a_friendly_page_without_a_trace(site: Site, monkeypatch: pytest.MonkeyPatch) -> None:
    from rosterdesk.platform.web import controllers

    def boom(*args: Any, **kwargs: Any) -> Any:
        raise RuntimeError("secret internal detail")

    monkeypatch.setattr(controllers, "tiles", boom)
    school = site.institution()
    account = site.user("boom@school.nl", memberships=((school, "viewer"),))
    browser = site.browser()
    browser.login(account)
    page = browser.get("/")
    assert page.status_code == 500
    assert "Er ging bij ons iets mis" in page.text
    assert "secret internal detail" not in page.text and "Traceback" not in page.text


def test_not_found_page_is_friendly(site: Site) -> None:
    page = site.browser().get("/no/such/page")
    assert page.status_code == 404 and "Ga terug naar de startpagina" in page.text


def test_serve_command_is_registered_for_the_main_cli() -> None:
    from rosterdesk.platform.cli import add_platform_commands

    parser = argparse.ArgumentParser()
    add_platform_commands(parser.add_subparsers(dest="command"))
    args = parser.parse_args(["serve", "--port", "8123"])
    assert args.command == "serve" and args.port == 8123 and callable(args.func)
    assert parser.parse_args(["migrate"]).command == "migrate"


def test_prepare_migrates_and_seeds_an_empty_database_once(settings: Settings, monkeypatch: pytest.MonkeyPatch,
                                                           site: Site) -> None:
    from rosterdesk.platform import cli
    from rosterdesk.platform import settings as settings_module

    monkeypatch.setattr(settings_module, "get_settings", lambda: settings)
    first = site.run(cli.prepare, True)
    assert {account.role for account in first} == {"superadmin", "helpdesk", "admin"}
    assert site.run(cli.prepare, True) == []
    browser = site.browser()
    admin = next(account for account in first if account.role == "admin")
    step = browser.post("/login", {"email": admin.email, "password": admin.password})
    assert step.headers["location"] == "/password/change"


@pytest.mark.services
def test_sessions_live_in_redis_in_production(env: dict[str, str], fake_clock: Any) -> None:
    if not port_open("127.0.0.1", 6379):
        missing_service("Redis at 127.0.0.1:6379")
    import redis.asyncio as redis

    settings = Settings.from_env({**env, "REDIS_URL": "redis://127.0.0.1:6379/15"})
    app = create_app(settings)
    with TestClient(app, base_url="http://testserver.local") as client:
        site = Site(app=app, client=client, settings=settings, clock=fake_clock)
        site.run(site.empty_tables)
        account = site.user("redis@school.nl")
        browser = site.browser()
        browser.login(account)
        session_id = browser.session_id
        assert session_id

        async def keys() -> list[bytes]:
            client = redis.Redis.from_url("redis://127.0.0.1:6379/15")
            try:
                return list(await client.keys(f"*{session_id}*"))
            finally:
                await client.aclose()

        assert asyncio.run(keys())
        browser.post("/logout")
        assert asyncio.run(keys()) == []


def test_every_audited_action_can_be_filtered_on() -> None:
    from rosterdesk.platform.audit.services import ACTIONS

    source = "\n".join(path.read_text(encoding="utf-8") for path in (REPO / "rosterdesk").rglob("*.py"))
    recorded = set(re.findall(r"\brecord\([^,()]*(?:\([^()]*\))?[^,()]*,\s*\"([a-z.\-]+)\"", source))
    assert recorded, "the pattern finds no record() calls any more"
    assert recorded <= set(ACTIONS), sorted(recorded - set(ACTIONS))


def test_serve_on_another_port_builds_links_for_that_port(monkeypatch: pytest.MonkeyPatch) -> None:
    from rosterdesk.platform import cli as platform_cli
    from rosterdesk.platform.settings import get_settings

    seen: dict[str, Any] = {}
    monkeypatch.delenv("RD_BASE_URL", raising=False)
    monkeypatch.setattr(platform_cli, "prepare", lambda seed: asyncio.sleep(0, result=[]))
    monkeypatch.setattr("uvicorn.run", lambda app, **options: seen.update(options))
    get_settings.cache_clear()
    try:
        args = argparse.Namespace(host=None, port=8123, no_seed=True)
        assert platform_cli.cmd_serve(args) == 0
        assert seen["port"] == 8123 and get_settings().base_url == "http://127.0.0.1:8123"
    finally:
        monkeypatch.delenv("RD_BASE_URL", raising=False)
        get_settings.cache_clear()
