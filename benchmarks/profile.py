"""Where a full sync's time goes: the sync benchmark's school, one full sync, step by step.

    make bench-profile
    .venv/bin/python -m benchmarks.profile [--database sqlite|postgres] [--forms 8] [--seed 1]
                                           [--resync | --day-later]

Times each step of the engine (wall seconds) while it runs over HTTP against the fake Wonde in
its own process, and inside the fetch the decoding (`json.loads`) and record reading (pydantic,
dates included), summed over the threads that read the lists side by side. Best of three syncs
of a school held from nothing; with `--resync`, best of three no-change resyncs after them; with
`--day-later`, best of three deltas after them, the fake Wonde a day on before each.
docs/performance.md quotes its output.
"""

from __future__ import annotations

import argparse
import importlib
import sys
import threading
import time
from collections import defaultdict
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from typing import Any

from benchmarks.database import fresh_database, postgres_database

STEPS = (  # (module, function, what): in the order a sync reaches them
    ("pupilsync.sync.engine", "fetch", "fetch (every list, side by side)"),
    ("wonde.client", "_envelope", "  of which JSON decoding*"),
    ("wonde.reading", "read", "  of which reading records (pydantic)*"),
    ("pupilsync.sync.engine", "incoming_from", "mapping to our records"),
    ("pupilsync.sync.store", "load_held", "loading what we hold"),
    ("pupilsync.sync.engine", "make_plan", "diff (the plan)"),
    ("pupilsync.sync.engine", "_thumbnails", "thumbnails (Pillow)"),
    ("pupilsync.sync.store", "apply", "store (bulk writes)"),
    ("pupilsync.sync.engine", "options_for", "settings"),
    ("wonde.client.WondeClient", "permissions", "permissions (one request)"),
    ("pupilsync.models.run.SyncRunQuerySet", "start", "opening the run"),
    ("pupilsync.sync.store", "record_issues", "issues"),
    ("pupilsync.sync.store", "carry_open_issues", "issues carried (delta)"),
)


def main() -> int:
    args = _args()
    if args.database == "postgres":
        with postgres_database("pupilsync_profile") as url:
            fresh_database("pupilsync-profile-", url)
            return _run(args)
    fresh_database("pupilsync-profile-")
    return _run(args)


def _run(args: argparse.Namespace) -> int:
    from django.db import connection

    from benchmarks.wire import served
    from fakewonde import DEMO_SCHOOL_ID, DEMO_TOKEN, demo_world
    from pupilsync.models import Pupil, School
    from pupilsync.sync.engine import sync_school
    from wonde import WondeClient

    world = demo_world(seed=args.seed, phase="secondary", forms=args.forms)
    best: tuple[float, float, dict[str, float]] | None = None
    resyncs = args.resync or args.day_later
    with served(world) as server:
        for attempt in range(6 if resyncs else 3):
            full = attempt < 3
            if full:
                School.objects.filter(wonde_id=DEMO_SCHOOL_ID).delete()
                school = School.objects.create(name="Profile Academy", wonde_id=DEMO_SCHOOL_ID)
            elif args.day_later:
                server.advance_day(DEMO_SCHOOL_ID, seed=args.seed + attempt)
            client = WondeClient(DEMO_TOKEN, base_url=server.base_url)
            with client, _timed() as spent:
                wall, cpu = time.perf_counter(), time.process_time()
                result = sync_school(school, client=client, full=full)
                wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
            assert result.ok, result.error
            if attempt == 3 or best is None or wall < best[0]:  # the resyncs start afresh
                best = (wall, cpu, dict(spent))
    assert best is not None
    wall, cpu, spent = best
    kind = "full sync"
    if resyncs:
        kind = "no-change resync" if args.resync else "day-later delta"
    pupils = Pupil.objects.filter(school=school, on_roll=True).count()
    print(f"a {kind} of {pupils} pupils on {connection.vendor}: {wall:.3f} s, {cpu:.3f} s CPU")
    print(f"{'step':<42}{'seconds':>8}{'share':>8}")
    for _, _, label in STEPS:
        print(f"{label:<42}{spent.get(label, 0.0):>8.3f}{spent.get(label, 0.0) / wall:>8.0%}")
    steps = sum(spent.get(label, 0.0) for _, _, label in STEPS if not label.startswith(" "))
    print(f"{'the rest (run record, cursors, commit)':<42}{wall - steps:>8.3f}")
    print("* summed over the fetch's threads, which overlap one another and the roll")
    return 0


@contextmanager
def _timed() -> Iterator[dict[str, float]]:
    spent: dict[str, float] = defaultdict(float)
    lock = threading.Lock()
    with ExitStack() as stack:
        for module, name, label in STEPS:
            stack.enter_context(_wrapped(module, name, label, spent, lock))
        yield spent


@contextmanager
def _wrapped(
    module_name: str, name: str, label: str, spent: dict[str, float], lock: threading.Lock
) -> Iterator[None]:
    module: Any = _find(module_name)
    original: Callable[..., Any] = getattr(module, name)

    def timed(*args: Any, **kwargs: Any) -> Any:
        start = time.perf_counter()
        try:
            return original(*args, **kwargs)
        finally:
            with lock:
                spent[label] += time.perf_counter() - start

    setattr(module, name, timed)
    try:
        yield
    finally:
        setattr(module, name, original)


def _find(dotted: str) -> Any:
    """A module, or a class in one ("wonde.client.WondeClient")."""
    try:
        return importlib.import_module(dotted)
    except ModuleNotFoundError:
        module, _, attribute = dotted.rpartition(".")
        return getattr(importlib.import_module(module), attribute)


def _args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--database", choices=("sqlite", "postgres"), default="sqlite")
    parser.add_argument("--forms", type=int, default=8)
    parser.add_argument("--seed", type=int, default=1)
    kind = parser.add_mutually_exclusive_group()
    kind.add_argument("--resync", action="store_true", help="a no-change resync instead")
    kind.add_argument("--day-later", action="store_true", help="a delta a day later instead")
    return parser.parse_args()


if __name__ == "__main__":
    sys.exit(main())
