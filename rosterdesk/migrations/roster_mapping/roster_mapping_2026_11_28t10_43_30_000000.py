from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.engine.finder import engine_finder

ID = "2026-11-28T10:43:30:000000"
VERSION = "1.38.0"
DESCRIPTION = "one remembered field per institution, profile and header"

# A unique index rather than a table constraint: Piccolo adds constraints with ALTER TABLE,
# which SQLite cannot do; the index does the same on both databases (and ON CONFLICT uses it).
SQL = (
    'CREATE UNIQUE INDEX IF NOT EXISTS rd_column_mapping_key ON rd_column_mapping '
    '("institution", "profile", "header_key")'
)


async def unique_key() -> None:
    await engine_finder().run_ddl(SQL)


async def forwards():
    manager = MigrationManager(migration_id=ID, app_name="roster_mapping", description=DESCRIPTION)
    manager.add_raw(unique_key)
    return manager
