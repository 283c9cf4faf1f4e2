"""The sandbox: the parent survives everything and always gets a result or an UnusableFile (F5, R2, R3).

The F5 files run through ``run_in_sandbox`` here: once as shipped (the guard refuses them in the
child with a precise message) and once with the guard's limits raised so python-calamine really
gets them and aborts the child — the parent must still answer, quickly.
"""

from __future__ import annotations

import logging
import multiprocessing.forkserver
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest

from rosterdesk.importers.errors import UnusableFile
from rosterdesk.importers.limits import Limits
from rosterdesk.importers.sandbox import run_in_sandbox
from tests import filefactory as ff

LIMITS = Limits(memory_mb=1024, seconds=20)


def sandboxed(func: object, *args: object, limits: Limits = LIMITS, **kwargs: object) -> UnusableFile:
    with pytest.raises(UnusableFile) as info:
        run_in_sandbox(func, *args, limits=limits, **kwargs)  # type: ignore[arg-type]
    return info.value


def zombies() -> list[int]:
    """Exited but never reaped children of this process or of the fork server (the children's parent)."""
    parents = {os.getpid()}
    server = getattr(multiprocessing.forkserver, "_forkserver", None)
    if server is not None and getattr(server, "_forkserver_pid", None):
        parents.add(server._forkserver_pid)
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        fields = stat[stat.rindex(")") + 2:].split()
        if fields[0] == "Z" and int(fields[1]) in parents:
            found.append(int(entry.name))
    return found


@pytest.fixture(autouse=True)
def no_zombies_left() -> object:
    yield
    assert zombies() == []


def test_the_result_comes_back() -> None:
    assert run_in_sandbox(ff.echo, 1, "twee", limits=LIMITS, drie=[3]) == ((1, "twee"), {"drie": [3]})


def test_an_unusable_file_in_the_child_is_raised_unchanged_in_the_parent() -> None:
    error = sandboxed(ff.raise_unusable)
    assert error.type == "too-many-rows"
    assert error.params == {"sheet": "Blad1", "rows": 2_000_000, "limit": 1_000_000}


def test_a_child_that_aborts_gives_resource_limit() -> None:
    started = time.monotonic()
    error = sandboxed(ff.abort_process)
    assert error.type == "resource-limit" and error.params == {"limit_mb": 1024}
    assert time.monotonic() - started < 3


def test_memory_beyond_the_limit_gives_resource_limit() -> None:
    error = sandboxed(ff.allocate_mb, 1500, limits=Limits(memory_mb=600, seconds=20))
    assert error.type == "resource-limit"
    assert "600 MB" in error.message("nl")


def test_memory_within_the_limit_is_fine() -> None:
    assert run_in_sandbox(ff.allocate_mb, 100, limits=Limits(memory_mb=600, seconds=20)) == 100 * 1024 * 1024


def test_a_child_that_runs_too_long_is_killed() -> None:
    started = time.monotonic()
    error = sandboxed(ff.sleep_for, 30, limits=Limits(seconds=1))
    elapsed = time.monotonic() - started
    assert error.type == "timeout" and error.params == {"seconds": "1"}
    assert elapsed < 3
    assert "1 seconden" in error.message("nl") and "1 seconds" in error.message("en")


def test_an_unexpected_exception_is_logged_where_but_not_what(caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.ERROR, logger="rosterdesk.importers.sandbox"):
        error = sandboxed(ff.raise_value_error)
    assert error.type == "unreadable-file" and error.params["detail"] == "ValueError"
    for lang in ("nl", "en"):
        assert "secret" not in error.message(lang) and "Traceback" not in error.message(lang)
    # The log says where it failed; the message (which may quote a cell) stays out of it.
    assert "Traceback" in caplog.text and "raise_value_error" in caplog.text and "ValueError" in caplog.text
    assert "secret" not in caplog.text


def test_an_unpicklable_result_is_an_unreadable_file() -> None:
    error = sandboxed(ff.unpicklable)
    assert error.type == "unreadable-file"


def test_a_child_that_exits_without_answering_is_an_unreadable_file_not_a_memory_problem() -> None:
    error = sandboxed(ff.exit_silently)
    assert error.type == "unreadable-file" and error.params["detail"] == "exit 3"


def test_arguments_that_cannot_cross_into_the_child_do_not_escape_as_python_errors() -> None:
    error = sandboxed(ff.echo, (n for n in range(3)))
    assert error.type == "unreadable-file"


def test_fork_start_method_behaves_the_same() -> None:
    assert run_in_sandbox(ff.echo, 1, limits=LIMITS, start_method="fork") == ((1,), {})
    assert sandboxed(ff.abort_process, start_method="fork").type == "resource-limit"


# -- F5 in the sandbox --------------------------------------------------------------------------

def test_sparse_corner_in_the_sandbox_is_refused_quickly_by_the_guard(tmp_path: Path) -> None:
    path = ff.sparse_corner_xlsx(tmp_path / "hoek.xlsx")
    started = time.monotonic()
    error = sandboxed(ff.read_all, str(path))
    assert error.type == "too-many-columns"
    assert time.monotonic() - started < 2


def test_shared_string_bomb_in_the_sandbox_is_refused_quickly_by_the_guard(tmp_path: Path) -> None:
    path = ff.shared_string_bomb_xlsx(tmp_path / "sst.xlsx")
    started = time.monotonic()
    error = sandboxed(ff.read_all, str(path))
    assert error.type == "cell-too-long"
    assert time.monotonic() - started < 2


def test_sparse_corner_that_reaches_calamine_kills_only_the_child(tmp_path: Path) -> None:
    """Raise the guard's column limit so calamine gets the file: it aborts, the parent answers."""
    path = ff.sparse_corner_xlsx(tmp_path / "hoek.xlsx")
    started = time.monotonic()
    limits = Limits(max_columns=20_000, max_rows=2_000_000, memory_mb=1024, seconds=20)
    error = sandboxed(read_all_with_limits, str(path), limits, limits=limits)
    assert error.type == "resource-limit"
    assert time.monotonic() - started < 3


def test_shared_string_bomb_that_reaches_calamine_kills_only_the_child(tmp_path: Path) -> None:
    path = ff.shared_string_bomb_xlsx(tmp_path / "sst.xlsx")
    started = time.monotonic()
    limits = Limits(max_cell_chars=2_000_000, max_ratio=100_000, memory_mb=1024, seconds=20)
    error = sandboxed(read_all_with_limits, str(path), limits, limits=limits)
    assert error.type == "resource-limit"
    assert time.monotonic() - started < 5


def read_all_with_limits(path: str, limits: Limits) -> int:
    from rosterdesk.importers.readers import open_sheet

    sheet = open_sheet(Path(path), formats=frozenset({"xlsx"}), limits=limits)
    return sum(1 for _ in sheet.rows)


def test_no_temporary_files_are_left_behind(tmp_path: Path) -> None:
    # The engine itself writes no temporary files; what a killed child could leave behind is
    # multiprocessing's own ("pymp-*" folders). Other tests running in parallel create other
    # entries in the same temporary folder, so only those names are compared.
    run_in_sandbox(ff.echo, limits=LIMITS)  # the fork server is running from here on
    before = set(Path(tempfile.gettempdir()).glob("pymp-*"))
    path = ff.sparse_corner_xlsx(tmp_path / "hoek.xlsx")
    for _ in range(3):
        sandboxed(ff.read_all, str(path))
        sandboxed(ff.abort_process)
    run_in_sandbox(ff.read_all, str(ff.simple_xlsx(tmp_path / "ok.xlsx", ff.roster_rows(5))), limits=LIMITS)
    assert set(Path(tempfile.gettempdir()).glob("pymp-*")) - before == set()



def test_an_unexpected_error_is_logged_without_its_message(caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level("DEBUG", logger="rosterdesk"), pytest.raises(UnusableFile) as info:
        run_in_sandbox(int, "BSN 123456789", limits=LIMITS)
    assert info.value.type == "unreadable-file"
    assert "ValueError" in caplog.text and "123456789" not in caplog.text


_COUNTING_MAIN = '''
import os, sys
from pathlib import Path
Path(os.environ["RD_TEST_RUNS"]).open("a").write(f"{os.getpid()}\\n")
from rosterdesk.importers.limits import Limits
from rosterdesk.importers.sandbox import run_in_sandbox

def child_pid():
    return os.getpid()

if __name__ == "__main__":
    pids = [run_in_sandbox(child_pid, limits=Limits(memory_mb=1024, seconds=20)) for _ in range(3)]
    print(" ".join(map(str, pids)))
'''


def test_children_do_not_run_the_programs_main_file_again(tmp_path: Path) -> None:
    """The fork server imports the main file once; its children start without importing it again.

    The main file notes every process that runs its top level: the program itself and the fork
    server, but none of the three children (each of which would otherwise, as ``__mp_main__``).
    """
    script, runs = tmp_path / "counting_main.py", tmp_path / "runs.txt"
    script.write_text(_COUNTING_MAIN)
    env = {**os.environ, "RD_TEST_RUNS": str(runs), "PYTHONPATH": str(Path(__file__).resolve().parents[2])}
    done = subprocess.run([sys.executable, str(script)], env=env, capture_output=True, text=True, timeout=120,
                          check=True)
    children = set(done.stdout.split())
    runners = set(runs.read_text().split())
    assert len(children) == 3
    assert children.isdisjoint(runners)
    assert len(runners) == 2  # the program and the fork server
    assert "RD_SANDBOX_MAIN_PATH" not in done.stderr
