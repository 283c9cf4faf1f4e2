"""Piccolo app ``reference``: the imports of DUO's RIO/CROHO files."""

from __future__ import annotations

from pathlib import Path

from piccolo.conf.apps import AppConfig, table_finder

import rosterdesk

APP_CONFIG = AppConfig(
    app_name="reference",
    migrations_folder_path=str(Path(rosterdesk.__file__).parent / "migrations" / "reference"),
    table_classes=table_finder(modules=["rosterdesk.platform.reference.tables"], exclude_imported=True),
    migration_dependencies=["rosterdesk.platform.auth.piccolo_app"],
    commands=[],
)
