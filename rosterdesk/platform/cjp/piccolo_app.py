"""Piccolo app ``cjp``: the activation codes of CJP records."""

from __future__ import annotations

from pathlib import Path

from piccolo.conf.apps import AppConfig, table_finder

import rosterdesk

APP_CONFIG = AppConfig(
    app_name="cjp",
    migrations_folder_path=str(Path(rosterdesk.__file__).parent / "migrations" / "cjp"),
    table_classes=table_finder(modules=["rosterdesk.platform.cjp.tables"], exclude_imported=True),
    migration_dependencies=["rosterdesk.platform.auth.piccolo_app", "rosterdesk.platform.tenants.piccolo_app",
                            "rosterdesk.platform.records.piccolo_app"],
    commands=[],
)
