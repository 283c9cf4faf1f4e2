"""Platform commands for the ``rosterdesk`` CLI: ``serve``, ``migrate`` and ``worker``.

``rosterdesk/cli.py`` calls ``add_platform_commands(subparsers)``; each sub-parser gets its
handler as ``func`` (``args.func(args)`` returns the exit code). Imports of the web stack happen
inside the handlers, so the validation commands stay fast.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
from typing import Any

from rosterdesk.platform.privacy.cli import add_privacy_commands
from rosterdesk.platform.reference.cli import add_reference_commands


def add_platform_commands(subparsers: Any) -> None:
    """Register ``serve``, ``migrate`` and ``worker`` on the CLI's sub-parsers."""
    serve = subparsers.add_parser(
        "serve", help="run the web platform (embedded: SQLite in RD_DATA_DIR, demo users on first start)")
    serve.add_argument("--host", help="interface to listen on (default: RD_HOST or 127.0.0.1)")
    serve.add_argument("--port", type=int, help="port to listen on (default: RD_PORT or 8000)")
    serve.add_argument("--no-seed", action="store_true", help="do not create the demo data on an empty database")
    serve.set_defaults(func=cmd_serve, command_handler=cmd_serve)
    migrate = subparsers.add_parser("migrate", help="run the database migrations and exit")
    migrate.set_defaults(func=cmd_migrate, command_handler=cmd_migrate)
    worker = subparsers.add_parser(
        "worker", help="run upload checks from BROKER_URL (Redis or RabbitMQ) until SIGTERM; any number of them")
    worker.add_argument("--threads", type=int, help="checks at the same time (default: RD_WORKER_THREADS or 2)")
    worker.set_defaults(func=cmd_worker, command_handler=cmd_worker)
    add_reference_commands(subparsers)
    add_privacy_commands(subparsers)


async def prepare(seed: bool) -> list[Any]:
    """Migrate; on an empty database create the demo data. Returns the demo accounts (if created)."""
    from rosterdesk.importers.plugins import all_profiles  # noqa: PLC0415 (keep the CLI's other commands fast)
    from rosterdesk.platform.db import engine as db  # noqa: PLC0415 (keep the CLI's other commands fast)
    from rosterdesk.platform.seed import database_is_empty, seed_demo  # noqa: PLC0415 (keep the CLI's other commands fast)
    from rosterdesk.platform.settings import get_settings  # noqa: PLC0415 (keep the CLI's other commands fast)

    settings = get_settings()
    engine = db.engine_for(settings)
    await db.migrate(engine)
    if seed and await database_is_empty():
        return await seed_demo([profile.slug for profile in all_profiles()], settings.app.data_dir)
    return []


def cmd_migrate(args: argparse.Namespace) -> int:
    asyncio.run(prepare(seed=False))
    print("migrations done", file=sys.stderr)
    return 0


def cmd_worker(args: argparse.Namespace) -> int:
    import logging  # noqa: PLC0415 (keep the CLI's other commands fast)

    from rosterdesk.platform.settings import get_settings  # noqa: PLC0415 (keep the CLI's other commands fast)
    from rosterdesk.platform.uploads.worker import run_worker  # noqa: PLC0415 (keep the CLI's other commands fast)

    logging.basicConfig(format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    logging.getLogger("rosterdesk").setLevel(logging.INFO)
    return run_worker(get_settings(), threads=args.threads)


def cmd_serve(args: argparse.Namespace) -> int:
    import uvicorn  # noqa: PLC0415 (keep the CLI's other commands fast)

    from rosterdesk.platform.app import create_app  # noqa: PLC0415 (keep the CLI's other commands fast)
    from rosterdesk.platform.db import engine as db  # noqa: PLC0415 (keep the CLI's other commands fast)
    from rosterdesk.platform.settings import get_settings  # noqa: PLC0415 (keep the CLI's other commands fast)

    settings = get_settings()
    host = args.host or settings.app.host
    port = args.port or settings.app.port
    if "RD_BASE_URL" not in os.environ:
        # Links in mails must point where this server really listens when only the port changed.
        os.environ["RD_BASE_URL"] = f"http://{host}:{port}"
        get_settings.cache_clear()  # read once per process: read again with the address filled in
        settings = get_settings()
    accounts = asyncio.run(prepare(seed=settings.app.seed_demo and not args.no_seed))
    print(f"rosterdesk on http://{host}:{port}  ({db.describe(db.engine_for(settings))})")
    if accounts:
        print("\nDemo accounts (one-time passwords; you choose your own at first login):")
        for account in accounts:
            print(f"  {account.role:<11} {account.email:<34} {account.password}")
        print()
    if settings.embedded_mail:
        print("No SMTP_URL: mails go to the outbox page (log in as superadmin, 'Verzonden e-mail').")
    sys.stdout.flush()
    uvicorn.run(create_app(settings), host=host, port=port, log_level="info", proxy_headers=False,
                server_header=False)
    return 0


def main(argv: list[str] | None = None) -> int:
    """``python -m rosterdesk.platform.cli serve``: the platform commands without the main CLI."""
    parser = argparse.ArgumentParser(prog="rosterdesk-platform")
    add_platform_commands(parser.add_subparsers(dest="command", required=True))
    args = parser.parse_args(argv)
    result: int = args.func(args)
    return result


if __name__ == "__main__":
    raise SystemExit(main())
