"""``rosterdesk worker`` processes against a real Redis (and RabbitMQ): SECURITY.md R1-R5, R7, R10.

The web app here sends to the broker and runs no worker itself; real worker processes consume.
Faults are real: SIGKILL and SIGTERM to the worker process, a parser child that runs out of
memory or time, a private Redis that is stopped and started again. Each test has its own queue.
The heavy ones (a 400,000-row file, caught mid-check) run on PostgreSQL only.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import redis
from rd_uploads_helpers import RedisServer, Tenant, Uploads, WorkerProcess, env_of, wait_until

from rosterdesk.platform.settings import Settings
from rosterdesk.platform.uploads import services
from rosterdesk.platform.uploads.broker import Dispatcher
from rosterdesk.platform.uploads.tables import Version
from rosterdesk.platform.uploads.tasks import check_version
from rosterdesk.samples import NSE_DEMO_VALID
from tests.conftest import missing_service, port_open

POSTGRES_ONLY = pytest.mark.parametrize("database", ["postgres"], indirect=True)
FAST = {"RD_CHECK_STALE_SECONDS": "2", "RD_SWEEP_SECONDS": "1"}


@pytest.fixture
def env(env: dict[str, str], redis_url: str) -> dict[str, str]:
    return {**env, "BROKER_URL": redis_url, **FAST}


@pytest.fixture
def workers(env: dict[str, str], tmp_path: Path):  # type: ignore[no-untyped-def]
    """Start worker processes with the test's settings (plus overrides); all are stopped afterwards."""
    started: list[WorkerProcess] = []

    def start(**extra: str) -> WorkerProcess:
        worker = WorkerProcess(env_of(env, **extra), tmp_path / f"worker-{len(started)}.log")
        started.append(worker)
        return worker

    yield start
    for worker in started:
        worker.close()


@POSTGRES_ONLY
@pytest.mark.slow
def test_r1_a_worker_killed_mid_check_is_replaced_and_the_check_runs_again_to_one_result(
        uploads: Uploads, workers, big_csv: Path) -> None:  # type: ignore[no-untyped-def]
    tenant = uploads.tenant(profiles=["roster-csv"])
    version = uploads.receive(tenant, big_csv, profile="roster-csv")
    first = workers()
    uploads.start(tenant, version)
    uploads.wait(version.id, "checking", until=lambda v: v.progress_done > 0)
    first.kill()
    assert uploads.get(version.id).state == "checking"
    workers()  # its sweeper finds the check whose heartbeat stopped
    done = uploads.wait(version.id, "valid", "invalid", "failed")
    assert (done.state, done.attempts, done.row_count) == ("valid", 2, 400_000)
    assert [entry.id for entry in uploads.site.run(services.history, uploads.institution(tenant), "roster-csv")] == [
        version.id]


@POSTGRES_ONLY
@pytest.mark.slow
def test_r2_a_parser_that_runs_out_of_memory_fails_the_version_after_three_attempts(
        uploads: Uploads, workers, big_csv: Path) -> None:  # type: ignore[no-untyped-def]
    tenant = uploads.tenant(profiles=["roster-csv"])
    version = uploads.receive(tenant, big_csv, profile="roster-csv")
    worker = workers(RD_CHECK_MEMORY_MB="100")  # the file needs more than that in the parser's child
    uploads.start(tenant, version)
    done = uploads.wait(version.id, "failed", "valid", "invalid")
    assert (done.state, done.attempts, done.failure) == ("failed", 3, "check-failed")
    message = services.failure_message(done, "nl")
    assert message and "3 keer" in message and "geheugen" in message.lower()
    assert "3 times" in (services.failure_message(done, "en") or "")
    assert worker.alive  # the worker survived every crash of its parser
    assert "Traceback" not in message


@POSTGRES_ONLY
@pytest.mark.slow
def test_r3_a_check_over_its_time_limit_fails_cleanly_without_endless_redelivery(
        uploads: Uploads, workers, big_csv: Path) -> None:  # type: ignore[no-untyped-def]
    tenant = uploads.tenant(profiles=["roster-csv"])
    version = uploads.receive(tenant, big_csv, profile="roster-csv")
    worker = workers(RD_CHECK_SECONDS="1")
    uploads.start(tenant, version)
    done = uploads.wait(version.id, "failed", "valid", "invalid")
    assert (done.state, done.attempts) == ("failed", 3)
    assert "timeout" in str(done.failure_params)
    assert "longer than 1 seconds" in (services.failure_message(done, "en") or "")
    assert worker.alive


def test_r4_with_the_broker_down_the_upload_is_kept_and_the_check_is_delayed_until_it_is_back(
        uploads: Uploads, workers, env: dict[str, str], tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    broker = RedisServer(tmp_path)
    broker.start()
    try:
        private_env = {**env, "BROKER_URL": broker.url}
        tenant = uploads.tenant()
        version = uploads.receive(tenant, NSE_DEMO_VALID)
        broker.stop()
        _start_check_with(private_env, uploads, tenant, version)
        waiting = uploads.get(version.id)
        assert waiting.state == "previewed" and waiting.queued_at is None and waiting.file_id in uploads.files()
        assert uploads.site.run(services.progress, version.id).delayed
        broker.start()
        workers(BROKER_URL=broker.url)  # its sweeper sends the delayed check
        done = uploads.wait(version.id, "valid", "invalid", "failed")
        assert (done.state, done.attempts) == ("valid", 1)
    finally:
        broker.stop()


def _start_check_with(private_env: dict[str, str], uploads: Uploads, tenant: Tenant, version: Version) -> None:
    """``start_check`` through a runtime whose broker is another one (a private Redis, RabbitMQ)."""
    from rosterdesk.platform.uploads import runtime as rt

    current = rt.current()
    private = Settings.from_env(private_env)
    swapped = rt.Runtime(settings=private, store=current.store, dispatcher=Dispatcher(private, check_version),
                         loop=current.loop)
    rt.install(swapped)
    try:
        uploads.start(tenant, version)
    finally:
        swapped.dispatcher.close()
        rt.install(current)


def test_r5_checks_queued_before_a_broker_restart_are_found_in_the_database_and_queued_again(
        uploads: Uploads, workers, env: dict[str, str], tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    broker = RedisServer(tmp_path)
    broker.start()
    try:
        tenant = uploads.tenant()
        version = uploads.receive(tenant, NSE_DEMO_VALID)
        _start_check_with({**env, "BROKER_URL": broker.url}, uploads, tenant, version)
        assert uploads.get(version.id).queued_at is not None  # handed to the broker, no worker yet
        broker.stop()  # Redis keeps nothing on disk here: the queue is gone
        broker.start()
        workers(BROKER_URL=broker.url)
        done = uploads.wait(version.id, "valid", "invalid", "failed")
        assert (done.state, done.attempts) == ("valid", 1)
    finally:
        broker.stop()


def test_r7_the_same_message_three_times_and_two_workers_give_one_result(
        uploads: Uploads, workers, env: dict[str, str]) -> None:  # type: ignore[no-untyped-def]
    tenant = uploads.tenant()
    version = uploads.receive(tenant, NSE_DEMO_VALID)
    workers()
    workers()
    uploads.start(tenant, version)
    dispatcher = Dispatcher(uploads.site.settings, check_version)
    try:
        dispatcher.send(version.id)
        dispatcher.send(version.id)
    finally:
        dispatcher.close()
    done = uploads.wait(version.id, "valid", "invalid", "failed")
    client = redis.Redis.from_url(env["BROKER_URL"])
    wait_until(lambda: client.hlen(f"dramatiq:{env['RD_QUEUE']}.msgs") == 0)  # every copy was handled
    again = uploads.get(version.id)
    assert (again.state, again.attempts, again.updated_at) == ("valid", 1, done.updated_at)


@POSTGRES_ONLY
@pytest.mark.slow
def test_r10_sigterm_lets_the_running_check_finish_before_the_worker_exits(
        uploads: Uploads, workers, big_csv: Path) -> None:  # type: ignore[no-untyped-def]
    tenant = uploads.tenant(profiles=["roster-csv"])
    version = uploads.receive(tenant, big_csv, profile="roster-csv")
    worker = workers()
    uploads.start(tenant, version)
    uploads.wait(version.id, "checking", until=lambda v: v.progress_done > 0)
    assert worker.terminate() == 0
    done = uploads.get(version.id)
    assert (done.state, done.attempts, done.row_count) == ("valid", 1, 400_000), worker.output()


def test_a_worker_refuses_to_start_without_a_broker(workers) -> None:  # type: ignore[no-untyped-def]
    worker = workers(BROKER_URL="")
    assert worker.process.wait(timeout=60) == 2


@pytest.mark.parametrize("database", ["postgres"], indirect=True)
def test_rabbitmq_works_as_the_broker_too(uploads: Uploads, workers, env: dict[str, str]) -> None:  # type: ignore[no-untyped-def]
    if not port_open("127.0.0.1", 5672):
        missing_service("RabbitMQ at 127.0.0.1:5672")
    url = "amqp://guest:guest@127.0.0.1:5672/%2F"
    tenant = uploads.tenant()
    version = uploads.receive(tenant, NSE_DEMO_VALID)
    workers(BROKER_URL=url)
    _start_check_with({**env, "BROKER_URL": url}, uploads, tenant, version)
    try:
        done = uploads.wait(version.id, "valid", "invalid", "failed")
        assert (done.state, done.attempts) == ("valid", 1)
    finally:
        _delete_rabbitmq_queues(env["RD_QUEUE"])


def _delete_rabbitmq_queues(queue: str) -> None:
    import pika

    connection = pika.BlockingConnection(pika.URLParameters("amqp://guest:guest@127.0.0.1:5672/%2F"))
    try:
        channel = connection.channel()
        for name in (queue, f"{queue}.DQ", f"{queue}.XQ"):
            channel.queue_delete(queue=name)
    finally:
        connection.close()
