from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.engine.finder import engine_finder

ID = "2026-11-28T10:42:00:000000"
VERSION = "1.38.0"
DESCRIPTION = "CJP records start as Nieuw"

# Records of the CJP profiles loaded before the CJP statuses existed have the generic 'actief';
# they were never invited, so they are 'Nieuw' (docs/cjp.md). The same SQL on both databases.
SQL = ("UPDATE rd_record SET status = 'Nieuw' "
       "WHERE profile IN ('cjp-students', 'cjp-teachers') AND status = 'actief'")


async def new_status() -> None:
    await engine_finder().run_ddl(SQL)


async def forwards():
    manager = MigrationManager(migration_id=ID, app_name="cjp", description=DESCRIPTION)
    manager.add_raw(new_status)
    return manager
