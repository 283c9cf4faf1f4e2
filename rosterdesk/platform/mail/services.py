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
        error = ""
        try:
            await asyncio.to_thread(self._smtp_send, to, subject, body)
        except (OSError, smtplib.SMTPException) as exc:
            error = f"{type(exc).__name__}: {exc}"
            log.error("mail %s to %s failed: %s", kind, to, error)
        await OutboxMail.insert(OutboxMail(recipient=to, subject=subject, body="", kind=kind, transport="smtp",
                                           delivered=not error, error=error)).run()

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
