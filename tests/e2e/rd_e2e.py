"""The browser tests' server and Chromium, in one place for the tests that use them (new ones; the older
e2e modules still carry their own copy).

``served`` prepares a data folder with a script (``PREPARE`` text run with ``sys.executable -c``),
starts ``rosterdesk serve`` on a free loopback port and yields its address and the script's last
printed line; ``chromium`` launches the system Chromium headless through Playwright.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import REPO, missing_service

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-background-networking", "--disable-gpu", "--no-first-run",
        "--disable-component-update", "--disable-sync"]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextmanager
def served(data: Path, prepare: str, *args: str) -> Iterator[dict[str, Any]]:
    """``rosterdesk serve`` on ``data`` after ``prepare``; yields ``base``, ``log`` and ``prepared`` (its output's
    last line, e.g. an institution id)."""
    port = free_port()
    log = data / "serve.log"
    env = {key: value for key, value in os.environ.items()
           if key not in ("DATABASE_URL", "SMTP_URL", "REDIS_URL", "BROKER_URL")}
    env.update({"RD_DATA_DIR": str(data / "data"), "RD_BASE_URL": f"http://127.0.0.1:{port}",
                "PYTHONUNBUFFERED": "1", "RD_SEED_DEMO": "0"})
    prepared = subprocess.run([sys.executable, "-c", prepare, *args], cwd=REPO, env=env, capture_output=True,
                              text=True, check=False)
    assert prepared.returncode == 0, prepared.stderr
    with log.open("w") as out:
        process = subprocess.Popen([sys.executable, "-m", "rosterdesk.platform.cli", "serve", "--port", str(port),
                                    "--no-seed"], cwd=REPO, env=env, stdout=out, stderr=subprocess.STDOUT)
    try:
        base = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(base + "/health", timeout=1) as response:  # noqa: S310 (loopback)
                    if response.status == 200:
                        break
            except OSError:
                if process.poll() is not None:
                    pytest.fail("server exited:\n" + log.read_text())
                time.sleep(0.2)
        else:
            pytest.fail("server did not start:\n" + log.read_text())
        yield {"base": base, "log": log, "prepared": prepared.stdout.strip().splitlines()[-1]}
    finally:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()


@contextmanager
def chromium() -> Iterator[Any]:
    """Headless Chromium (skips loudly when it is not installed)."""
    if not Path(CHROMIUM).is_file():
        missing_service(f"Chromium at {CHROMIUM} (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        try:
            yield browser
        finally:
            browser.close()
