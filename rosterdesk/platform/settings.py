"""Settings: one dataclass tree read from the environment.

Every field carries its environment variable, its default and a sentence of documentation in
``metadata``; ``docs/configuration.md`` is generated from that (``configuration_table()``) and a
test keeps the two in step. Nothing is read at import time: call ``Settings.from_env()`` or the
cached ``get_settings()``.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from functools import lru_cache
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

BROKER_SCHEMES = ("redis", "rediss", "amqp", "amqps")


def _setting(env: str, default: Any, doc: str) -> Any:
    return field(default=default, metadata={"env": env, "doc": doc})


@dataclass(frozen=True)
class AppSettings:
    """Where the app lives and how it presents itself."""

    data_dir: Path = _setting("RD_DATA_DIR", Path("data"),  # noqa: RUF009 (a Path is immutable)
                              "Folder for the embedded SQLite database, the session files, the generated "
                              "secret key, the uploaded files and the imported reference data (`reference/`; "
                              "see docs/reference-data.md).")
    secret_key: str = _setting("RD_SECRET_KEY", "",
                               "Secret for CSRF tokens and keyed hashes (at least 32 characters). Unset: a random key "
                               "is generated once and kept in `RD_DATA_DIR/secret_key`. Set it in production.")
    base_url: str = _setting("RD_BASE_URL", "http://127.0.0.1:8000",
                             "Public address of the site. Links in e-mails are built from it (never from the Host "
                             "header); `https://` turns on Secure cookies and HSTS.")
    host: str = _setting("RD_HOST", "127.0.0.1", "Interface `rosterdesk serve` listens on.")
    port: int = _setting("RD_PORT", 8000, "Port `rosterdesk serve` listens on.")
    language: str = _setting("RD_LANG", "nl", "Default language of pages and e-mails (`nl` or `en`).")
    debug: bool = _setting("RD_DEBUG", False, "Development only: more logging. Users never see tracebacks.")
    seed_demo: bool = _setting("RD_SEED_DEMO", True,
                               "`rosterdesk serve` creates a demo institution and demo users when the database is "
                               "empty.")

    @property
    def https(self) -> bool:
        return urlsplit(self.base_url).scheme == "https"


@dataclass(frozen=True)
class DatabaseSettings:
    """The database: embedded SQLite unless DATABASE_URL names PostgreSQL."""

    url: str = _setting("DATABASE_URL", "",
                        "PostgreSQL in production, e.g. `postgres://user:pass@host:5432/rosterdesk`. Unset: SQLite "
                        "at `RD_DATA_DIR/rosterdesk.sqlite`.")


@dataclass(frozen=True)
class SessionSettings:
    """Server-side sessions."""

    redis_url: str = _setting("REDIS_URL", "",
                              "Redis for the session store in production, e.g. `redis://127.0.0.1:6379/0`. Unset: "
                              "session files in `RD_DATA_DIR/sessions`.")
    idle_minutes: int = _setting("RD_SESSION_IDLE_MINUTES", 30, "A session ends after this many idle minutes.")


@dataclass(frozen=True)
class MailSettings:
    """Outgoing mail."""

    smtp_url: str = _setting("SMTP_URL", "",
                             "SMTP server, e.g. `smtp://user:pass@mail.example.nl:587?starttls=1` or `smtps://...`. "
                             "Unset: mails go to the outbox page, which the superadmin reads in the browser.")
    sender: str = _setting("RD_MAIL_FROM", "rosterdesk <noreply@rosterdesk.example>",
                           "From address of every mail.")
    cjp_activate_url: str = _setting("RD_CJP_ACTIVATE_URL", "https://www.cjp.nl/activeren",
                                     "Where a CJP invitation mail sends a student or teacher to enter the activation "
                                     "code (CJP's activation page; the default is an assumption to check with CJP).")


@dataclass(frozen=True)
class SecuritySettings:
    """Limits for logins, links and codes."""

    free_attempts: int = _setting("RD_LOGIN_FREE_ATTEMPTS", 5,
                                  "Failed logins (or codes) per account before a waiting time starts.")
    max_backoff_seconds: int = _setting("RD_LOGIN_MAX_BACKOFF_SECONDS", 900,
                                        "The waiting time doubles per failure up to this ceiling, so nobody can lock "
                                        "an account for good.")
    reset_minutes: int = _setting("RD_RESET_MINUTES", 60, "How long a 'request your password' link stays valid.")
    invite_hours: int = _setting("RD_INVITE_HOURS", 72, "How long an invitation link stays valid.")
    reset_mails_per_hour: int = _setting("RD_RESET_MAILS_PER_HOUR", 3,
                                         "At most this many password mails per address per hour; more requests get "
                                         "the same answer but no mail.")


@dataclass(frozen=True)
class UploadSettings:
    """Uploaded files and the checks of their content."""

    max_mb: int = _setting("RD_UPLOAD_MAX_MB", 50,
                           "Largest upload in MB. Enforced while the file streams in, before anything is buffered.")
    check_seconds: int = _setting("RD_CHECK_SECONDS", 120,
                                  "Wall-clock limit of one check (the parser's child process is killed after it).")
    check_memory_mb: int = _setting("RD_CHECK_MEMORY_MB", 2048,
                                    "Address-space limit of the parser's child process in MB.")
    check_attempts: int = _setting("RD_CHECK_ATTEMPTS", 3,
                                   "A check that crashed, ran out of memory or time this many times makes the version "
                                   "`failed` ('could not be processed') instead of being tried again.")
    review_change_share: int = _setting("RD_REVIEW_CHANGE_SHARE", 20,
                                        "A confirmation that would remove or change more than this percentage of the "
                                        "records in force is held for the helpdesk instead of being applied (see "
                                        "docs/review.md). A first version is never held; `100` switches it off.")


@dataclass(frozen=True)
class WorkerSettings:
    """Background work: the content checks of uploads."""

    broker_url: str = _setting("BROKER_URL", "",
                               "Redis (`redis://...`) or RabbitMQ (`amqp://...`) broker for `rosterdesk worker` "
                               "processes. Unset: a worker thread inside the web process.")
    queue: str = _setting("RD_QUEUE", "rosterdesk-checks",
                          "Name of the broker queue; deployments that share one broker need their own.")
    threads: int = _setting("RD_WORKER_THREADS", 2,
                            "Checks one worker process (or the embedded worker) runs at the same time.")
    sweep_seconds: int = _setting("RD_SWEEP_SECONDS", 60,
                                  "How often the sweeper looks for checks that were never queued or whose worker "
                                  "died, and queues them again.")
    stale_seconds: int = _setting("RD_CHECK_STALE_SECONDS", 60,
                                  "A running check whose worker gave no sign of life for this long (or a queued one "
                                  "not started for this long) is queued again by the sweeper.")


@dataclass(frozen=True)
class Settings:
    """All settings of the platform."""

    app: AppSettings = field(default_factory=AppSettings)
    database: DatabaseSettings = field(default_factory=DatabaseSettings)
    session: SessionSettings = field(default_factory=SessionSettings)
    mail: MailSettings = field(default_factory=MailSettings)
    security: SecuritySettings = field(default_factory=SecuritySettings)
    uploads: UploadSettings = field(default_factory=UploadSettings)
    worker: WorkerSettings = field(default_factory=WorkerSettings)

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> Settings:
        """Read every setting from ``environ`` (default ``os.environ``); unset ones keep their default."""
        env = os.environ if environ is None else environ
        groups: dict[str, Any] = {}
        for name, group_type in GROUPS.items():
            values: dict[str, Any] = {}
            for item in fields(group_type):
                raw = env.get(item.metadata["env"])
                if raw is not None and raw != "":
                    values[item.name] = _convert(raw, item.default, item.metadata["env"])
            groups[name] = group_type(**values)
        settings = cls(**groups)
        settings.validate()
        return settings

    def validate(self) -> None:
        if self.app.language not in ("nl", "en"):
            raise ValueError("RD_LANG must be nl or en")
        if urlsplit(self.app.base_url).scheme not in ("http", "https"):
            raise ValueError("RD_BASE_URL must start with http:// or https://")
        if self.app.secret_key and len(self.app.secret_key) < 32:
            raise ValueError("RD_SECRET_KEY must be at least 32 characters long")
        if self.database.url and urlsplit(self.database.url).scheme not in ("postgres", "postgresql"):
            raise ValueError("DATABASE_URL must be a postgres:// URL (unset it for the embedded SQLite database)")
        if self.worker.broker_url and urlsplit(self.worker.broker_url).scheme not in BROKER_SCHEMES:
            raise ValueError("BROKER_URL must be a redis:// or amqp:// URL (unset it for the in-process worker)")
        if not 0 <= self.uploads.review_change_share <= 100:
            raise ValueError("RD_REVIEW_CHANGE_SHARE must be a percentage from 0 to 100")
        for name, value in (("RD_UPLOAD_MAX_MB", self.uploads.max_mb), ("RD_CHECK_SECONDS", self.uploads.check_seconds),
                            ("RD_CHECK_ATTEMPTS", self.uploads.check_attempts),
                            ("RD_WORKER_THREADS", self.worker.threads), ("RD_SWEEP_SECONDS", self.worker.sweep_seconds),
                            ("RD_CHECK_STALE_SECONDS", self.worker.stale_seconds)):
            if value < 1:
                raise ValueError(f"{name} must be at least 1")

    @property
    def base_url(self) -> str:
        return self.app.base_url.rstrip("/")

    @property
    def embedded_mail(self) -> bool:
        """Mails are kept in the outbox page instead of being sent."""
        return not self.mail.smtp_url

    def secret(self) -> str:
        """The secret key: RD_SECRET_KEY, or one generated once in the data folder."""
        if self.app.secret_key:
            return self.app.secret_key
        path = self.app.data_dir / "secret_key"
        if not path.exists():
            self.app.data_dir.mkdir(parents=True, exist_ok=True)
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with os.fdopen(fd, "w") as handle:
                handle.write(secrets.token_urlsafe(48))
        return path.read_text().strip()


GROUPS: dict[str, Any] = {"app": AppSettings, "database": DatabaseSettings, "session": SessionSettings,
                          "mail": MailSettings, "security": SecuritySettings, "uploads": UploadSettings,
                          "worker": WorkerSettings}


def _convert(raw: str, default: Any, env: str) -> Any:
    if isinstance(default, bool):
        if raw.lower() in ("1", "true", "yes", "on"):
            return True
        if raw.lower() in ("0", "false", "no", "off"):
            return False
        raise ValueError(f"{env} must be 1 or 0")
    if isinstance(default, int):
        try:
            return int(raw)
        except ValueError:
            raise ValueError(f"{env} must be a whole number") from None
    if isinstance(default, Path):
        return Path(raw)
    return raw


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    """The settings of this process, read from the environment once."""
    return Settings.from_env()


def configuration_rows() -> list[tuple[str, str, str]]:
    """(variable, default, description) for every setting, in declaration order."""
    rows: list[tuple[str, str, str]] = []
    for group_type in GROUPS.values():
        for item in fields(group_type):
            default = item.default
            shown = "(unset)" if default == "" else str(default).lower() if isinstance(default, bool) else str(default)
            rows.append((item.metadata["env"], shown, item.metadata["doc"]))
    return rows


def configuration_table() -> str:
    """The Markdown table of docs/configuration.md."""
    lines = ["| variable | default | what it does |", "| --- | --- | --- |"]
    lines += [f"| `{env}` | `{default}` | {doc} |" for env, default, doc in configuration_rows()]
    return "\n".join(lines) + "\n"
