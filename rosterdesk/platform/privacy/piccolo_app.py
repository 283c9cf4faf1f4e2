"""Piccolo app ``privacy``: the runs of the e-mail erasure."""

from __future__ import annotations

from pathlib import Path

from piccolo.conf.apps import AppConfig, table_finder

import rosterdesk

APP_CONFIG = AppConfig(
    app_name="privacy",
    migrations_folder_path=str(Path(rosterdesk.__file__).parent / "migrations" / "privacy"),
    table_classes=table_finder(modules=["rosterdesk.platform.privacy.tables"], exclude_imported=True),
    migration_dependencies=[],
    commands=[],
)
