"""Sync a fleet of fake schools the way production does: PostgreSQL, Redis, separate consumers.

    .venv/bin/python -m scripts.fleet --schools 50 --twice 10 [--consumers 2] [--workers 4]
                                      [--forms 1] [--latency 0.03] [--night] [--sqlite] [--json]

Creates a fresh PostgreSQL database (dropped afterwards), serves a fake Wonde with that many
approved schools over HTTP, queues one sync per school on Redis (and a second, duplicate request
for the first `--twice` of them), starts `pupilsync run_huey` consumer processes and waits for
every task's result. The report lists every run with its start and end, so callers can check
that each school synced once and never twice at the same time. The integration test and the
fleet benchmark are both built on it. `--sqlite` runs the same on the laptop set-up instead
(SQLite for the data and for Huey's queue, no server). `--night` then moves the fake Wonde on
one day for every school and syncs each school's delta through the same consumers: a night of
the whole fleet. Each round reports the CPU it cost: the consumers', this process's (the fake
Wonde's server threads) and PostgreSQL's and Redis's.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import resource
import signal
import subprocess
import sys
import tempfile
import time
import uuid
from collections import Counter
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from scripts import services

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
FAKE_SEED = 11
ERROR_MARKS = ("Traceback", "ERROR", "CRITICAL")


@dataclass(frozen=True)
class Options:
    schools: int = 50
    twice: int = 0  # how many schools are asked to sync a second time straight away
    consumers: int = 2
    workers: int = 4  # worker threads per consumer: a sync waits on HTTP much of the time
    forms: int = 1  # forms per year group of each fake secondary (2 forms ~ 300 pupils)
    latency: float = 0.0  # seconds the fake Wonde waits before answering each request
    sqlite: bool = False  # the laptop set-up instead: SQLite for the data and for Huey's queue
    night: bool = False  # then a second round: one day later, every school syncs its delta
    timeout: float = 600.0


@dataclass(frozen=True)
class Cpu:
    """CPU seconds by who spent them."""

    consumers: float = 0.0
    fake: float = 0.0  # this process: the fake Wonde's server threads, and waiting on results
    services: float = 0.0  # PostgreSQL's and Redis's processes

    @property
    def total(self) -> float:
        return self.consumers + self.fake + self.services


@dataclass
class Round:
    """One pass over the fleet: every school asked to sync once."""

    wall_seconds: float = 0.0
    outcomes: dict[str, int] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)
    began: dt.datetime | None = None
    cpu: Cpu = field(default_factory=Cpu)
    http_requests: int = 0
    pupils_changed: int = 0  # created, updated, archived or restored


@dataclass
class Report:
    options: Options
    pupils: int = 0
    wall_seconds: float = 0.0  # from starting the consumers to the last task's result
    sync_seconds: float = 0.0  # from the first run's start to the last run's end
    http_requests: int = 0
    outcomes: dict[str, int] = field(default_factory=dict)  # task result status -> count
    runs: list[dict[str, Any]] = field(default_factory=list)
    executed: list[int] = field(default_factory=list)  # tasks each consumer process ran
    task_errors: list[str] = field(default_factory=list)
    consumer_errors: list[str] = field(default_factory=list)
    first: Round = field(default_factory=Round)  # the first syncs, as the fields above
    night: Round | None = None  # with --night: the day-later deltas
    peak_rss_mb: list[float] = field(default_factory=list)  # each consumer's high-water mark

    def to_json(self) -> str:
        return json.dumps(asdict(self), default=str)


class ServicesDown(Exception):
    pass


def run(options: Options) -> Report:
    """Run the fleet; raises ServicesDown if PostgreSQL or Redis cannot be started."""
    if options.sqlite:
        with tempfile.TemporaryDirectory() as var_dir:
            return _run_in(f"sqlite:///{var_dir}/fleet.sqlite3", "", var_dir, options)
    problems = services.ensure_all()
    if problems:
        raise ServicesDown("; ".join(problems))
    with (
        services.scratch_database("pupilsync_fleet") as database_url,
        tempfile.TemporaryDirectory() as var_dir,
    ):
        return _run_in(database_url, services.REDIS.url, var_dir, options)


def _run_in(database_url: str, redis_url: str, var_dir: str, options: Options) -> Report:
    queue = f"pupilsync-fleet-{uuid.uuid4().hex[:10]}"
    env = _environment(database_url, redis_url, var_dir, queue)
    os.environ.update(env)
    import django

    django.setup()
    from django.core.management import call_command
    from huey.contrib.djhuey import HUEY

    from fakewonde.server import background

    call_command("migrate", verbosity=0)
    world = _world(options)
    try:
        with background(world) as server:
            env["WONDE_API_URL"] = os.environ["WONDE_API_URL"] = server.base_url
            return _sync_fleet(world, env, options)
    finally:
        HUEY.storage.flush_all()


def _environment(database_url: str, redis_url: str, var_dir: str, queue: str) -> dict[str, str]:
    from fakewonde import DEMO_TOKEN

    return {
        "DATABASE_URL": database_url,
        "DATABASE_CONN_MAX_AGE": "60",
        "REDIS_URL": redis_url,  # empty: Huey keeps its queue in SQLite under var_dir
        "HUEY_NAME": queue,
        "WONDE_API_TOKEN": DEMO_TOKEN,
        "PUPILSYNC_VAR_DIR": var_dir,
        "DJANGO_SETTINGS_MODULE": "pupilsync.settings",
        "LOG_LEVEL": "WARNING",
    }


def _world(options: Options) -> Any:
    from fakewonde import demo_world

    world = demo_world(
        seed=FAKE_SEED, phase="secondary", forms=options.forms, schools=options.schools
    )
    world.latency = options.latency
    return world


def _sync_fleet(world: Any, env: dict[str, str], options: Options) -> Report:
    from django.utils import timezone

    from pupilsync.models import School, TermDates
    from pupilsync.termdates import academic_year_on, typical_year

    schools = School.objects.bulk_create(
        School(name=s.name, wonde_id=s.id) for s in world.schools.values()
    )
    # Term dates for this year and the next, so no school is paused or stopped for want of them.
    today = timezone.localdate()
    this_year = academic_year_on(today, [])  # no school has term dates yet: the calendar's
    TermDates.objects.bulk_create(
        TermDates(school=school, academic_year=year, **dict(typical_year(year).dates()))
        for school in schools
        for year in (this_year, this_year + 1)
    )
    logs = [Path(env["PUPILSYNC_VAR_DIR"]) / f"consumer-{n}.log" for n in range(options.consumers)]
    mark = _mark([])  # the first round counts the consumers' start-up too
    consumers = [_start_consumer(env, options, log) for log in logs]
    try:
        first = _round(consumers, schools, options.twice, options.timeout, mark)
        night = None
        if options.night:
            world.advance_night(seed=FAKE_SEED)
            night = _round(consumers, schools, 0, options.timeout)
        peaks = [_peak_rss_mb(consumer.pid) for consumer in consumers]
    finally:
        _stop(consumers)
    report = Report(options=options, wall_seconds=first.wall_seconds, task_errors=first.errors)
    report.outcomes = first.outcomes
    report.first, report.night, report.peak_rss_mb = first, night, peaks
    report.consumer_errors = [line for log in logs for line in _errors_in(log)]
    report.executed = [_executed_in(log) for log in logs]
    _collect(report)
    return report


@dataclass(frozen=True)
class _Mark:
    at: dt.datetime
    monotonic: float
    cpu: dict[str, dict[int, float]]


def _mark(consumers: list[subprocess.Popen[bytes]]) -> _Mark:
    from django.utils import timezone

    return _Mark(timezone.now(), time.monotonic(), _cpu(consumers))


def _round(
    consumers: list[subprocess.Popen[bytes]],
    schools: list[Any],
    twice: int,
    timeout: float,
    mark: _Mark | None = None,
) -> Round:
    """Ask every school to sync, wait for every answer; what it took since `mark` (or now)."""
    from django.db.models import F, Sum

    from pupilsync.models import SyncRun

    mark = mark or _mark(consumers)
    begun, before, started = mark.at, mark.cpu, mark.monotonic
    results = _enqueue(schools, twice)
    outcomes, errors = _wait_for(results, started + timeout)
    wall, after = time.monotonic() - started, _cpu(consumers)
    totals = SyncRun.objects.filter(started_at__gte=begun).aggregate(
        requests=Sum("http_requests"),
        changed=Sum(F("created") + F("updated") + F("archived") + F("restored")),
    )
    return Round(
        wall_seconds=wall,
        began=begun,
        outcomes=dict(outcomes),
        errors=errors,
        cpu=_spent(before, after),
        http_requests=totals["requests"] or 0,
        pupils_changed=totals["changed"] or 0,
    )


def _cpu(consumers: list[subprocess.Popen[bytes]]) -> dict[str, dict[int, float]]:
    own = resource.getrusage(resource.RUSAGE_SELF)
    return {
        "consumers": {c.pid: _process_cpu(c.pid) for c in consumers},
        "fake": {os.getpid(): own.ru_utime + own.ru_stime},
        "services": {pid: _process_cpu(pid) for pid in _service_pids()},
    }


def _spent(before: dict[str, dict[int, float]], after: dict[str, dict[int, float]]) -> Cpu:
    # Process by process: a backend that started during the round counts from nothing.
    def delta(kind: str) -> float:
        return sum(s - before[kind].get(pid, 0.0) for pid, s in after[kind].items())

    return Cpu(consumers=delta("consumers"), fake=delta("fake"), services=delta("services"))


def _process_cpu(pid: int) -> float:
    """User + system CPU seconds of a running process (Linux's /proc); 0 if it is gone."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return 0.0
    fields = stat.rsplit(")", 1)[1].split()  # the name in brackets may hold spaces
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _service_pids() -> list[int]:
    """The PostgreSQL backends serving this fleet's database (not other users of the server)
    and Redis."""
    from django.db import connection

    pids = []
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT pid FROM pg_stat_activity"
                " WHERE datname = current_database() AND pid <> pg_backend_pid()"
            )
            pids = [int(pid) for (pid,) in cursor.fetchall()]
    for entry in Path("/proc").glob("[0-9]*"):
        try:
            if (entry / "comm").read_text().startswith("redis-server"):
                pids.append(int(entry.name))
        except OSError:
            continue
    return pids


def _peak_rss_mb(pid: int) -> float:
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return 0.0
    kilobytes = next(
        (line.split()[1] for line in status.splitlines() if line.startswith("VmHWM")), 0
    )
    return int(kilobytes) / 1024


def _start_consumer(env: dict[str, str], options: Options, log: Path) -> subprocess.Popen[bytes]:
    # No periodic tasks: only the test's own requests run, whatever the time of day.
    command = [
        str(BIN / "pupilsync"), "run_huey", "--workers", str(options.workers),
        "--worker-type", "thread", "--no-periodic", "--delay", "0.05",
    ]  # fmt: skip
    with log.open("wb") as out:
        return subprocess.Popen(
            command, cwd=ROOT, env={**os.environ, **env}, stdout=out, stderr=subprocess.STDOUT
        )


def _enqueue(schools: list[Any], twice: int) -> list[Any]:
    """Each school through the door; the first `twice` also get their task delivered a second
    time, as a queue may, which the worker must stand down from."""
    from pupilsync import admission

    results = []
    for index, school in enumerate(schools):
        admitted = admission.start_sync(school, trigger="schedule")
        if admitted.task is None:
            raise RuntimeError(f"{school} was not admitted: {admitted.message}")
        results.append(admitted.task)
        if index < twice:
            results.append(admission.sync_task(school.pk, "manual"))
    return results


def _wait_for(results: list[Any], deadline: float) -> tuple[Counter[str], list[str]]:
    from huey.exceptions import HueyException, TaskException

    outcomes: Counter[str] = Counter()
    errors: list[str] = []
    for result in results:
        try:
            value = result.get(blocking=True, timeout=max(deadline - time.monotonic(), 0.1))
        except TaskException as error:
            errors.append(str(error.metadata.get("error") or error))
            continue
        except HueyException as error:  # ResultTimeout among them
            errors.append(f"no result in time: {error!r}")
            continue
        outcomes[str(value["status"])] += 1
        if value.get("error") and value["status"] != "already_running":
            errors.append(str(value["error"]))
    return outcomes, errors


def _stop(consumers: list[subprocess.Popen[bytes]]) -> None:
    for consumer in consumers:
        consumer.send_signal(signal.SIGINT)
    for consumer in consumers:
        try:
            consumer.wait(timeout=20)
        except subprocess.TimeoutExpired:
            consumer.kill()


def _errors_in(log: Path) -> list[str]:
    lines = log.read_text(errors="replace").splitlines()
    return [line for line in lines if any(mark in line for mark in ERROR_MARKS)]


def _executed_in(log: Path) -> int:
    """Sync tasks the consumer ran (each delivery, including one it stood down from)."""
    task = "Executing pupilsync.admission.sync_task"
    return sum(task in line for line in log.read_text().splitlines())


def _collect(report: Report) -> None:

    from pupilsync.models import Pupil, SyncRun

    fields = ("school_id", "status", "started_at", "finished_at", "http_requests", "error")
    runs: list[dict[str, Any]] = [
        dict(row) for row in SyncRun.objects.order_by("started_at").values(*fields)
    ]
    report.runs = runs
    report.pupils = Pupil.objects.count()
    report.http_requests = report.first.http_requests
    if report.night is not None:  # the first round's syncs only
        runs = [r for r in runs if r["started_at"] < report.night.began]
    ends = [r["finished_at"] for r in runs if r["finished_at"]]
    if runs and ends:
        report.sync_seconds = (max(ends) - runs[0]["started_at"]).total_seconds()


def parse_times(runs: list[dict[str, Any]]) -> list[tuple[int, dt.datetime, dt.datetime | None]]:
    """(school, start, end) of each run in a JSON report."""
    return [
        (
            int(r["school_id"]),
            dt.datetime.fromisoformat(r["started_at"]),
            dt.datetime.fromisoformat(r["finished_at"]) if r["finished_at"] else None,
        )
        for r in runs
    ]


def _args(argv: list[str] | None) -> tuple[Options, bool]:
    parser = argparse.ArgumentParser(description=__doc__)
    defaults = Options()
    for name in ("schools", "twice", "consumers", "workers", "forms"):
        parser.add_argument(f"--{name}", type=int, default=getattr(defaults, name))
    parser.add_argument("--latency", type=float, default=defaults.latency)
    parser.add_argument("--timeout", type=float, default=defaults.timeout)
    parser.add_argument("--sqlite", action="store_true", help="SQLite and SQLite Huey instead")
    parser.add_argument("--night", action="store_true", help="then every school's delta")
    parser.add_argument("--json", action="store_true", help="print the report as JSON")
    args = vars(parser.parse_args(argv))
    as_json = args.pop("json")
    return Options(**args), as_json


def main(argv: list[str] | None = None) -> int:
    options, as_json = _args(argv)
    try:
        report = run(options)
    except ServicesDown as error:
        print(f"cannot run the fleet: {error}", file=sys.stderr)
        return 2
    if as_json:
        print(report.to_json())
    else:
        print(f"{len(report.runs)} runs, outcomes {report.outcomes}, {report.pupils} pupils")
        print(f"wall {report.wall_seconds:.1f} s, syncing {report.sync_seconds:.1f} s")
        for line in report.task_errors + report.consumer_errors:
            print("error:", line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
