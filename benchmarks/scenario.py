"""The sync benchmark's steps (needs Django set up: see benchmarks/sync.py)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db import connection

from benchmarks.harness import Measure, measure
from benchmarks.wire import Recording, Served, fetch_limit, served, write_limit
from fakewonde import DEMO_SCHOOL_ID, DEMO_TOKEN, demo_world
from pupilsync.models import Pupil, PupilChange, PupilPhoto, PupilYear, School
from pupilsync.sync.engine import SyncResult, sync_school
from wonde import WondeClient

LIMIT_RATIO = 1.5  # a full sync within 1.5x of fetching and writing the same data raw
SQL_PER_200 = 25
RESYNC_SHARE = 0.05
DELTA_SHARE = 0.25
WRITTEN = (Pupil, PupilYear, PupilChange, PupilPhoto)


@dataclass
class Step:
    name: str
    result: SyncResult
    measure: Measure


@dataclass
class LimitFigures:
    fetch_seconds: float
    write_seconds: float
    responses: int
    megabytes: float
    rows: int

    @property
    def seconds(self) -> float:
        return self.fetch_seconds + self.write_seconds


def run(*, forms: int, seed: int, repeat: int = 1, latency: float = 0.0) -> int:
    world = demo_world(seed=seed, phase="secondary", forms=forms)
    world.latency = latency  # the limit waits it out too: it reads the same server
    with served(world) as server:
        full, school, urls = _best_full_sync(server, repeat)
        limit = min((_limit(urls, school) for _ in range(repeat)), key=lambda x: x.seconds)
        steps = [
            full,
            _best("no-change resync", server, school, repeat),
            _best("no-change full resync", server, school, repeat, full=True),
            _best("resync after one day", server, school, repeat, day_on=seed),
        ]
    pupils = Pupil.objects.filter(school=school, on_roll=True).count()
    _print(steps, limit, pupils, repeat, latency)
    return _check(steps, limit, pupils)


def _best_full_sync(server: Served, repeat: int) -> tuple[Step, School, list[str]]:
    """The fastest of `repeat` first syncs, each of a school we hold nothing of."""
    best: Step | None = None
    for _ in range(max(repeat, 1)):
        School.objects.filter(wonde_id=DEMO_SCHOOL_ID).delete()
        school = School.objects.create(name="Benchmark Academy", wonde_id=DEMO_SCHOOL_ID)
        recording = Recording()
        step = Step("full sync", *_sync(server, school, full=True, transport=recording))
        if best is None or step.measure.seconds < best.measure.seconds:
            best = step
    assert best is not None
    return best, school, recording.urls


def _best(
    name: str,
    server: Served,
    school: School,
    repeat: int,
    *,
    full: bool = False,
    day_on: int | None = None,
) -> Step:
    """The fastest of `repeat` resyncs (each a day on from the last, with `day_on` as the
    fake's seed), unless one wrote a pupil row: then that one, so its check can fail."""
    tries = []
    for attempt in range(max(repeat, 1)):
        if day_on is not None:
            server.advance_day(DEMO_SCHOOL_ID, seed=day_on + attempt)
        tries.append(Step(name, *_sync(server, school, full=full)))
    if day_on is None and any(t.measure.pupil_writes for t in tries):
        return next(t for t in tries if t.measure.pupil_writes)
    return min(tries, key=lambda t: t.measure.seconds)


def _sync(
    server: Served, school: School, *, full: bool = False, transport: Recording | None = None
) -> tuple[SyncResult, Measure]:
    client = WondeClient(DEMO_TOKEN, base_url=server.base_url, transport=transport)
    with client, measure() as m:
        result = sync_school(school, client=client, full=full)
    assert result.ok, result.error
    return result, m


def _limit(urls: list[str], school: School) -> LimitFigures:
    fetch_seconds, read = fetch_limit(urls, DEMO_TOKEN)
    write_seconds, rows = 0.0, 0
    for model in WRITTEN:  # the same rows the full sync wrote, table by table
        columns = [f.column for f in model._meta.concrete_fields if not _automatic(f)]
        table = model._meta.db_table
        names = ", ".join(f'"{c}"' for c in columns)
        with connection.cursor() as cursor:  # the rows as the database holds them
            cursor.execute(f'SELECT {names} FROM "{table}" WHERE school_id = %s', [school.pk])
            found = cursor.fetchall()
        write_seconds += write_limit(table, columns, found)
        rows += len(found)
    return LimitFigures(fetch_seconds, write_seconds, len(urls), read / 2**20, rows)


def _automatic(field: Any) -> bool:
    return bool(field.primary_key and field.get_internal_type() in {"AutoField", "BigAutoField"})


def _print(
    steps: list[Step], limit: LimitFigures, pupils: int, repeat: int, latency: float
) -> None:
    print(
        f"pupilsync sync benchmark: secondary school, {pupils} pupils on roll, every include, "
        f"{connection.vendor}, the fake Wonde over HTTP in its own process "
        f"({latency * 1000:.0f} ms added per request); each step and the limit: best of {repeat}"
    )
    head = f"{'step':<24}{'wall s':>8}{'HTTP':>6}{'SQL':>6}{'pupil writes':>14}"
    head += f"{'created':>9}{'updated':>9}{'unchanged':>10}{'archived':>9}{'restored':>9}"
    print(head)
    for step in steps:
        p, m = step.result.plan, step.measure
        print(
            f"{step.name:<24}{m.seconds:>8.2f}{step.result.http_requests:>6}{m.statements:>6}"
            f"{m.pupil_writes:>14}{len(p.creates):>9}{p.updated:>9}{p.unchanged:>10}"
            f"{p.archived:>9}{p.restored:>9}"
        )
    write = "COPY" if connection.vendor == "postgresql" else "executemany"
    print(
        f"I/O limit {limit.seconds:.2f} s: {limit.responses} responses ({limit.megabytes:.1f} MB) "
        f"fetched in turn and json.loads'd in {limit.fetch_seconds:.2f} s, "
        f"one {write} per table of the {limit.rows} rows the full sync wrote in "
        f"{limit.write_seconds:.2f} s"
    )


def _check(steps: list[Step], limit: LimitFigures, pupils: int) -> int:
    full, resync, delta = steps[0].measure, steps[1].measure, steps[3].measure
    ratio = full.seconds / limit.seconds
    per_200 = full.statements / max(pupils / 200, 1)
    checks = [
        (f"full sync <= {LIMIT_RATIO}x the I/O limit", ratio <= LIMIT_RATIO, f"{ratio:.2f}x"),
        (f"SQL per 200 pupils <= {SQL_PER_200}", per_200 <= SQL_PER_200, f"{per_200:.1f}"),
        (
            "no-change resync writes 0 pupil rows",
            resync.pupil_writes == 0,
            f"{resync.pupil_writes} statements",
        ),
        (
            f"no-change resync <= {RESYNC_SHARE:.0%} of full",
            resync.seconds <= RESYNC_SHARE * full.seconds,
            f"{resync.seconds / full.seconds:.1%}",
        ),
        (
            f"resync after one day <= {DELTA_SHARE:.0%} of full",
            delta.seconds <= DELTA_SHARE * full.seconds,
            f"{delta.seconds / full.seconds:.1%}",
        ),
    ]
    print()
    for name, ok, value in checks:
        print(f"{'PASS' if ok else 'FAIL'}  {name}: {value}")
    return 0 if all(ok for _, ok, _ in checks) else 1
