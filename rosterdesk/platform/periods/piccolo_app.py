"""Piccolo app ``periods``: the upload period of each profile."""

from __future__ import annotations

from pathlib import Path

from piccolo.conf.apps import AppConfig, table_finder

import rosterdesk

APP_CONFIG = AppConfig(
    app_name="periods",
    migrations_folder_path=str(Path(rosterdesk.__file__).parent / "migrations" / "periods"),
    table_classes=table_finder(modules=["rosterdesk.platform.periods.tables"], exclude_imported=True),
    migration_dependencies=["rosterdesk.platform.auth.piccolo_app"],
    commands=[],
)
