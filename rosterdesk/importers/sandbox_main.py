"""Imported only by the sandbox's fork server (``sandbox.PRELOAD``): import the program's main file there, once.

A ``forkserver`` child otherwise runs the main file again at every start, with all of its imports
(see ``sandbox._start_fork_server``). The server inherits the path in ``RD_SANDBOX_MAIN_PATH``
only while it starts. Running the main file here is what ``multiprocessing`` itself does for a
``"__main__"`` preload: as ``__mp_main__``, so an ``if __name__ == "__main__":`` block stays idle.
Whatever goes wrong is ignored: the children then import the main file themselves, as before.
"""

from __future__ import annotations

import logging
import os
from multiprocessing import process, spawn


def _import_main() -> None:
    path = os.environ.pop("RD_SANDBOX_MAIN_PATH", None)
    if not path:
        return
    current = process.current_process()
    current._inheriting = True  # type: ignore[attr-defined]  # as forkserver.main does for its own preload
    try:
        spawn.import_main_path(path)
    except BaseException as exc:  # the server must start whatever the main file does
        logging.getLogger("rosterdesk.importers.sandbox").warning(
            "fork server could not import the main file %s (%s); each child will", path, type(exc).__name__)
    finally:
        del current._inheriting  # type: ignore[attr-defined]


_import_main()
