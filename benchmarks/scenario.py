"""The sync benchmark's steps (needs Django set up: see benchmarks/sync.py)."""

from __future__ import annotations

from benchmarks.harness import Measure, measure
from fakewonde import DEMO_SCHOOL_ID, DEMO_TOKEN, FakeWonde, demo_world
from pupilsync.models import Pupil, School
from pupilsync.sync.engine import SyncResult, sync_school
from wonde import WondeClient

FULL_TARGET_S = 3.0
SQL_PER_200 = 25
RESYNC_SHARE = 0.40


def run(*, forms: int, seed: int) -> int:
    world = demo_world(seed=seed, phase="secondary", forms=forms)
    school = School.objects.create(name="Benchmark Academy", wonde_id=DEMO_SCHOOL_ID)
    rows: list[tuple[str, SyncResult, Measure]] = []
    rows.append(("full sync", *_sync(world, school, full=True)))
    rows.append(("no-change resync", *_sync(world, school)))
    rows.append(("no-change full resync", *_sync(world, school, full=True)))
    world.advance_day(DEMO_SCHOOL_ID, seed=seed)
    rows.append(("resync after one day", *_sync(world, school)))
    pupils = Pupil.objects.filter(school=school, on_roll=True).count()
    memory = _memory_of_full_sync(seed, forms)
    _print(rows, pupils, memory)
    return _check(rows, pupils)


def _sync(
    world: FakeWonde, school: School, *, full: bool = False, memory: bool = False
) -> tuple[SyncResult, Measure]:
    client = WondeClient(DEMO_TOKEN, transport=world.transport())
    with measure(memory=memory) as m:
        result = sync_school(school, client=client, full=full)
    assert result.ok, result.error
    return result, m


def _memory_of_full_sync(seed: int, forms: int) -> float:
    # A second school, traced: tracemalloc slows Python down, so it is not timed.
    world = demo_world(seed=seed, phase="secondary", forms=forms)
    School.objects.filter(wonde_id=DEMO_SCHOOL_ID).delete()
    school = School.objects.create(name="Traced Academy", wonde_id=DEMO_SCHOOL_ID)
    _, m = _sync(world, school, full=True, memory=True)
    return m.peak_mb or 0.0


def _print(rows: list[tuple[str, SyncResult, Measure]], pupils: int, memory: float) -> None:
    print(f"pupilsync sync benchmark: secondary school, {pupils} pupils on roll, every include")
    head = f"{'step':<24}{'wall s':>8}{'HTTP':>6}{'SQL':>6}{'pupil writes':>14}"
    head += f"{'created':>9}{'updated':>9}{'unchanged':>10}{'archived':>9}{'restored':>9}"
    print(head)
    for name, result, m in rows:
        p = result.plan
        print(
            f"{name:<24}{m.seconds:>8.2f}{result.http_requests:>6}{m.statements:>6}"
            f"{m.pupil_writes:>14}{len(p.creates):>9}{p.updated:>9}{p.unchanged:>10}"
            f"{p.archived:>9}{p.restored:>9}"
        )
    print(f"peak Python memory during a full sync (tracemalloc): {memory:.1f} MB")


def _check(rows: list[tuple[str, SyncResult, Measure]], pupils: int) -> int:
    full, resync = rows[0][2], rows[1][2]
    per_200 = full.statements / max(pupils / 200, 1)
    checks = [
        (
            f"full sync <= {FULL_TARGET_S:.0f} s",
            full.seconds <= FULL_TARGET_S,
            f"{full.seconds:.2f} s",
        ),
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
    ]
    print()
    for name, ok, value in checks:
        print(f"{'PASS' if ok else 'FAIL'}  {name}: {value}")
    return 0 if all(ok for _, ok, _ in checks) else 1
