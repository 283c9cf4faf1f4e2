"""Sending mail: SMTP through SMTP_URL, or only the outbox table in the embedded default."""

from __future__ import annotations

import asyncio
import logging
import smtplib
import ssl
from email.message import EmailMessage
from email.utils import formatdate, make_msgid
from urllib.parse import parse_qs, unquote, urlsplit

from rosterdesk.platform.mail.tables import OutboxMail
from rosterdesk.platform.mail.texts import render
from rosterdesk.platform.settings import Settings

log = logging.getLogger(__name__)

# Deliveries still running; kept so they are not garbage-collected and can be awaited at shutdown.
_PENDING: set[asyncio.Task[None]] = set()


async def drain_mail(timeout: float = 20.0) -> None:
    """Wait (at most ``timeout`` seconds) for mails still being delivered, e.g. at shutdown."""
    if _PENDING:
        await asyncio.wait(set(_PENDING), timeout=timeout)


class Mailer:
    """Sends the platform's mails and keeps a row per mail."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings

    async def send(self, to: str, kind: str, lang: str, **params: object) -> None:
        subject, body = render(kind, lang, base_url=self.settings.base_url, **params)
        if self.settings.embedded_mail:
            await OutboxMail.insert(OutboxMail(recipient=to, subject=subject, body=body, kind=kind,
                                               transport="outbox", delivered=True)).run()
            log.info("mail %s to %s kept in the outbox", kind, to)
            return
        # The row first, the delivery after the response: a slow SMTP server must not make a
        # password request for a known address take longer than one for an unknown address (A1).
        rows = await OutboxMail.insert(OutboxMail(recipient=to, subject=subject, body="", kind=kind,
                                                  transport="smtp", delivered=False)).run()
        task = asyncio.create_task(self._deliver(int(rows[0]["id"]), to, subject, body, kind))
        _PENDING.add(task)
        task.add_done_callback(_PENDING.discard)

    async def _deliver(self, mail_id: int, to: str, subject: str, body: str, kind: str) -> None:
        error = ""
        try:
            await asyncio.to_thread(self._smtp_send, to, subject, body)
        except (OSError, smtplib.SMTPException) as exc:
            error = f"{type(exc).__name__}: {exc}"
            log.error("mail %s to %s failed: %s", kind, to, error)
        try:
            await OutboxMail.update({OutboxMail.delivered: not error, OutboxMail.error: error}).where(
                OutboxMail.id == mail_id).run()
        except Exception:  # the database may be gone at shutdown; the log above has the outcome
            log.exception("could not record the delivery of mail %s", mail_id)

    def _smtp_send(self, to: str, subject: str, body: str) -> None:
        url = urlsplit(self.settings.mail.smtp_url)
        options = {k: v[-1] for k, v in parse_qs(url.query).items()}
        message = EmailMessage()
        message["From"] = self.settings.mail.sender
        message["To"] = to
        message["Subject"] = subject
        message["Date"] = formatdate(localtime=False)
        message["Message-ID"] = make_msgid(domain="rosterdesk")
        message.set_content(body)
        host = url.hostname or "localhost"
        timeout = 20
        if url.scheme == "smtps":
            client: smtplib.SMTP = smtplib.SMTP_SSL(host, url.port or 465, timeout=timeout,
                                                    context=ssl.create_default_context())
        else:
            client = smtplib.SMTP(host, url.port or 25, timeout=timeout)
        with client:
            if url.scheme == "smtp" and options.get("starttls") in ("1", "true", "yes"):
                client.starttls(context=ssl.create_default_context())
            if url.username:
                client.login(unquote(url.username), unquote(url.password or ""))
            client.send_message(message)
