"""The Piccolo engine for the configured database, and running the migrations.

Piccolo finds its engine through the ``piccolo_conf`` module; ``use_engine`` points that module
and every table at one engine, so tests can switch between SQLite and PostgreSQL in one process.
"""

from __future__ import annotations

import contextlib
import importlib
import io
import logging
import os
from typing import Any
from urllib.parse import urlsplit

from piccolo.apps.migrations.commands.forwards import run_forwards
from piccolo.apps.migrations.tables import Migration
from piccolo.engine.base import Engine
from piccolo.engine.postgres import PostgresEngine
from piccolo.engine.sqlite import SQLiteEngine
from piccolo.table import Table

from rosterdesk.platform.settings import Settings

log = logging.getLogger(__name__)

PICCOLO_CONF = "rosterdesk.platform.db.piccolo_conf"
APPS: tuple[str, ...] = (
    "rosterdesk.platform.auth.piccolo_app",
    "rosterdesk.platform.tenants.piccolo_app",
    "rosterdesk.platform.mail.piccolo_app",
    "rosterdesk.platform.audit.piccolo_app",
    "rosterdesk.platform.uploads.piccolo_app",
    "rosterdesk.platform.reference.piccolo_app",
    "rosterdesk.platform.periods.piccolo_app",
    "rosterdesk.platform.records.piccolo_app",
    "rosterdesk.platform.privacy.piccolo_app",
    "rosterdesk.platform.review.piccolo_app",
    "rosterdesk.platform.submission.piccolo_app",
    "rosterdesk.platform.roster.mapping_app",
    "rosterdesk.platform.cjp.piccolo_app",
)


def engine_for(settings: Settings) -> Engine[Any]:
    """PostgreSQL when DATABASE_URL is set, otherwise SQLite in the data folder. Opens nothing."""
    if settings.database.url:
        return PostgresEngine(config={"dsn": settings.database.url})
    path = settings.app.data_dir / "rosterdesk.sqlite"
    return SQLiteEngine(path=str(path), timeout=30)


def all_tables() -> list[type[Table]]:
    tables: list[type[Table]] = []
    for module_name in APPS:
        tables.extend(importlib.import_module(module_name).APP_CONFIG.table_classes)
    return tables


def use_engine(engine: Engine[Any]) -> None:
    """Make ``engine`` the one Piccolo uses everywhere: piccolo_conf, the tables, the migration table."""
    os.environ["PICCOLO_CONF"] = PICCOLO_CONF
    conf = importlib.import_module(PICCOLO_CONF)
    setattr(conf, "DB", engine)  # noqa: B010 (the module is found by name at run time)
    tables: list[type[Table]] = [*all_tables(), Migration]
    for table in tables:
        table._meta.db = engine


def describe(engine: Engine[Any]) -> str:
    """Where the engine points, without passwords (for the log and the serve banner)."""
    if isinstance(engine, SQLiteEngine):
        return f"SQLite {engine.path}"
    dsn = str(getattr(engine, "config", {}).get("dsn", ""))
    parts = urlsplit(dsn)
    return f"PostgreSQL {parts.hostname}:{parts.port or 5432}{parts.path}"


async def migrate(engine: Engine[Any]) -> None:
    """Run every migration that has not run yet (both databases, same files)."""
    use_engine(engine)
    if isinstance(engine, SQLiteEngine):
        os.makedirs(os.path.dirname(os.path.abspath(engine.path)), exist_ok=True)
    output = io.StringIO()
    with contextlib.redirect_stdout(output):  # Piccolo prints progress with emoji; keep it for the log only
        result = await run_forwards(app_name="all")
    log.debug("migrations: %s", output.getvalue())
    if not result.success:
        raise RuntimeError(f"migrations failed: {result.message}")


async def start(engine: Engine[Any]) -> None:
    if isinstance(engine, PostgresEngine):
        await engine.start_connection_pool()


async def stop(engine: Engine[Any]) -> None:
    if isinstance(engine, PostgresEngine):
        await engine.close_connection_pool()


def engine_kind(engine: Any) -> str:
    return "sqlite" if isinstance(engine, SQLiteEngine) else "postgres"
