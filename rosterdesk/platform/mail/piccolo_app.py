"""Piccolo app ``mail``: the outbox."""

from __future__ import annotations

from pathlib import Path

from piccolo.conf.apps import AppConfig, table_finder

import rosterdesk

APP_CONFIG = AppConfig(
    app_name="mail",
    migrations_folder_path=str(Path(rosterdesk.__file__).parent / "migrations" / "mail"),
    table_classes=table_finder(modules=["rosterdesk.platform.mail.tables"], exclude_imported=True),
    migration_dependencies=[],
    commands=[],
)
