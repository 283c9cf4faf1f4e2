"""Run a parser in a child process with a memory and a wall-clock limit.

python-calamine *aborts the process* on some small hostile workbooks (no Python exception), and
a Dramatiq main process that loses a worker stops all of them. So the file is opened and checked
in a child: ``RLIMIT_AS`` caps its address space, the parent kills it when time runs out, and
whatever happens to the child, the parent gets a result or an ``UnusableFile``:

- the function's (picklable) result;
- an ``UnusableFile`` raised in the child, re-raised unchanged (type and parameters);
- a child killed by a signal (abort, SIGKILL, SIGSEGV) or a ``MemoryError``: ``resource-limit``;
- no answer within ``Limits.seconds``: the child is killed, ``timeout``;
- any other exception: ``unreadable-file`` with the exception's class name only; the traceback
  goes to the log, never into a message.

With ``progress``, the child's function gets a ``progress(done, total)`` keyword argument whose
calls travel back through the same pipe; the parent hands them to its own ``progress`` while it
waits (the upload worker writes them to the database as the progress bar).

The default start method is ``forkserver``: safe in threaded servers (no fork of a process
holding locks in other threads) and cheap after the first start, because the server preloads
``rosterdesk.importers`` once and forks from that. ``fork`` is faster still for a short-lived,
single-threaded CLI. The child is always joined: no zombies. Nothing is written to disk.

Measured on the development machine: the first ``forkserver`` call costs ~240 ms (server start and
preload), every later one ~5-15 ms; ``fork`` ~4 ms. The program's ``__main__`` file is imported
once more, as ``__mp_main__``, so it must not do work at import time (``if __name__ ==
"__main__":``); rosterdesk's entry points follow that rule. The fork server does that import
(``_start_fork_server``), not every child at its start: that cost each check ~50 ms.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import resource
import time
import traceback
from collections.abc import Callable, Sequence
from functools import cache
from multiprocessing import forkserver, spawn
from multiprocessing.connection import Connection, wait
from typing import Any, TypeVar, cast

from rosterdesk.importers.errors import UnusableFile
from rosterdesk.importers.limits import Limits

log = logging.getLogger(__name__)

T = TypeVar("T")

DEFAULT_START_METHOD = "forkserver"
PRELOAD: Sequence[str] = ("rosterdesk.importers.sandbox_main", "rosterdesk.importers.readers",
                          "rosterdesk.importers.engine", "rosterdesk.importers.sandbox")
"""Modules the fork server imports once, so each child starts with them loaded (``sandbox_main``:
the program's main file too, see ``_start_fork_server``)."""
MAIN_PATH_VARIABLE = "RD_SANDBOX_MAIN_PATH"
"""Hands the program's main file to the fork server while it starts (``sandbox_main``); removed again."""
_JOIN_SECONDS = 5.0
_GENERIC_EXPECTED = {"expected_nl": "Excel-werkmap (*.xlsx) of CSV UTF-8 (*.csv)",
                     "expected_en": "Excel Workbook (*.xlsx) or CSV UTF-8 (*.csv)"}


ProgressCallback = Callable[[int, int | None], None]


class _Progress:
    """The child's end of the progress channel: ``progress(done, total)`` sends a message."""

    def __init__(self, conn: Connection) -> None:
        self.conn = conn

    def __call__(self, done: int, total: int | None) -> None:
        self.conn.send(("progress", done, total))


def _trace_without_values(exc: BaseException) -> str:
    """Where the child failed (files, lines, functions), without the exception's message: a
    message may quote a cell from the user's file (``invalid literal for int(): '123456789'``),
    and logs must never hold personal data."""
    frames = traceback.extract_tb(exc.__traceback__, limit=20)
    lines = [f"  {frame.filename}:{frame.lineno} in {frame.name}" for frame in frames]
    return "\n".join(["Traceback (message left out):", *lines, type(exc).__name__])


def _child(conn: Connection, memory_mb: int, func: Callable[..., Any], args: tuple[Any, ...],
           kwargs: dict[str, Any], *, with_progress: bool = False) -> None:
    """Entry point of the child: limit memory, run, send exactly one result message back."""
    os.environ["RUST_BACKTRACE"] = "0"
    limit = memory_mb * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    if with_progress:
        kwargs = {**kwargs, "progress": _Progress(conn)}
    try:
        message: tuple[Any, ...] = ("ok", func(*args, **kwargs))
    except UnusableFile as exc:
        message = ("unusable", exc.type, exc.params)
    except MemoryError:
        message = ("memory",)
    except BaseException as exc:
        message = ("error", type(exc).__name__, _trace_without_values(exc))
    try:
        conn.send(message)
    except MemoryError:
        conn.send(("memory",))
    except Exception as exc:  # the result could not be pickled
        conn.send(("error", type(exc).__name__, f"result not sendable: {type(exc).__name__}"))
    finally:
        conn.close()


@cache
def _context(start_method: str) -> Any:
    """The multiprocessing context; the fork server gets its preload list once, before it starts."""
    context = multiprocessing.get_context(start_method)
    if start_method == "forkserver":
        context.set_forkserver_preload(list(PRELOAD))
        _start_fork_server()
    return context


def _start_fork_server() -> None:
    """Start the fork server now, telling it which file the program was started from.

    Every ``forkserver`` child runs the program's main file again before it does anything
    (``multiprocessing.spawn.prepare``), unless the server has already imported it. CPython 3.11
    is meant to do that for a preload list holding ``"__main__"``, but the server never receives
    the path (it asks for a key ``main_path`` that ``get_preparation_data`` does not fill). So
    the path goes through the environment of the starting server, read by ``sandbox_main`` among
    the preloads. Measured: ``rosterdesk serve`` as main cost each child ~50 ms (``rosterdesk.cli``
    and the platform), a benchmark importing openpyxl ~60 ms; a child now starts in ~20 ms.
    """
    path = spawn.get_preparation_data("rosterdesk-sandbox").get("init_main_from_path")
    if path:
        os.environ[MAIN_PATH_VARIABLE] = path
    try:
        forkserver.ensure_running()
    finally:
        os.environ.pop(MAIN_PATH_VARIABLE, None)


def run_in_sandbox(func: Callable[..., T], *args: Any, limits: Limits, start_method: str = DEFAULT_START_METHOD,
                   progress: ProgressCallback | None = None, **kwargs: Any) -> T:
    """Call the module-level ``func(*args, **kwargs)`` in a limited child and return its result.

    Raises ``UnusableFile`` as described in the module docstring. ``func``, its arguments and
    its result must be picklable (no open files, no iterators: return plain data). With
    ``progress``, ``func`` also gets a ``progress(done, total)`` argument (module docstring).
    """
    context = _context(start_method)
    receiver, sender = context.Pipe(duplex=False)
    process = context.Process(target=_child, args=(sender, limits.memory_mb, func, args, kwargs),
                              kwargs={"with_progress": progress is not None}, daemon=True)
    started = time.monotonic()
    try:
        process.start()
    except Exception as exc:  # e.g. arguments that cannot be pickled: a programming error, logged
        receiver.close()
        sender.close()
        log.exception("sandbox child for %s could not be started", getattr(func, "__qualname__", "?"))
        raise UnusableFile("unreadable-file", detail=type(exc).__name__, **_GENERIC_EXPECTED) from None
    sender.close()
    try:
        message = _await(receiver, process, limits.seconds, started, progress)
    finally:
        receiver.close()
        exitcode = _reap(process)
    return cast(T, _outcome(message, exitcode, limits, getattr(func, "__qualname__", "?")))


def _await(receiver: Connection, process: Any, seconds: float, started: float,
           progress: ProgressCallback | None = None) -> tuple[Any, ...] | None:
    """The child's result message, or None when it died or ran out of time (then it is killed)."""
    remaining = seconds - (time.monotonic() - started)
    while remaining > 0:
        ready = wait([receiver, process.sentinel], timeout=remaining)
        if receiver in ready:
            try:
                message: tuple[Any, ...] = receiver.recv()
            except (EOFError, OSError):
                return None  # the child died before (or while) sending
            if message[0] == "progress":
                _report(progress, message)
                remaining = seconds - (time.monotonic() - started)
                continue
            return message
        if ready:  # the sentinel: the child has ended without a message
            return None
        remaining = seconds - (time.monotonic() - started)
    process.kill()
    return ("timeout",)


def _report(progress: ProgressCallback | None, message: tuple[Any, ...]) -> None:
    """Hand a progress message to the caller; a failing callback must not lose the check."""
    if progress is None:
        return
    try:
        progress(int(message[1]), None if message[2] is None else int(message[2]))
    except Exception:
        log.exception("progress callback failed")


def _reap(process: Any) -> int | None:
    """Join the child (kill it first if it lingers after answering); its exit code."""
    process.join(_JOIN_SECONDS)
    if process.is_alive():
        process.kill()
        process.join()
    exitcode: int | None = process.exitcode
    process.close()
    return exitcode


def _outcome(message: tuple[Any, ...] | None, exitcode: int | None, limits: Limits, name: str) -> Any:
    if message is None:
        if exitcode is not None and exitcode >= 0:  # ended on its own without answering: not a resource problem
            log.error("sandbox child for %s exited with code %s without an answer", name, exitcode)
            raise UnusableFile("unreadable-file", detail=f"exit {exitcode}", **_GENERIC_EXPECTED)
        log.warning("sandbox child for %s was killed by signal %s", name, -(exitcode or 0))
        raise UnusableFile("resource-limit", limit_mb=limits.memory_mb)
    kind = message[0]
    if kind == "ok":
        return message[1]
    if kind == "unusable":
        raise UnusableFile(message[1], **message[2])
    if kind == "memory":
        log.warning("sandbox child for %s ran out of memory (%s MB)", name, limits.memory_mb)
        raise UnusableFile("resource-limit", limit_mb=limits.memory_mb)
    if kind == "timeout":
        log.warning("sandbox child for %s killed after %s s", name, limits.seconds)
        raise UnusableFile("timeout", seconds=_seconds_text(limits.seconds))
    log.error("sandbox child for %s failed: %s\n%s", name, message[1], message[2])
    raise UnusableFile("unreadable-file", detail=str(message[1])[:60], **_GENERIC_EXPECTED)


def _seconds_text(seconds: float) -> str:
    return str(int(seconds)) if float(seconds).is_integer() else f"{seconds:g}"
