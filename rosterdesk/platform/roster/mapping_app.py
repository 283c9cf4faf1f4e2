"""Piccolo app ``roster_mapping``: the column mappings of versions and the ones institutions remember."""

from __future__ import annotations

from pathlib import Path

from piccolo.conf.apps import AppConfig, table_finder

import rosterdesk

APP_CONFIG = AppConfig(
    app_name="roster_mapping",
    migrations_folder_path=str(Path(rosterdesk.__file__).parent / "migrations" / "roster_mapping"),
    table_classes=table_finder(modules=["rosterdesk.platform.roster.mapping_tables"], exclude_imported=True),
    migration_dependencies=["rosterdesk.platform.tenants.piccolo_app", "rosterdesk.platform.uploads.piccolo_app"],
    commands=[],
)
