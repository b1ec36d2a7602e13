"""Benchmark: import a 1,500-pupil CTF (every block we read, three KS2 results a pupil).

    .venv/bin/python -m benchmarks.ctf [--pupils 1500] [--seed 1]

Prints wall and CPU time and SQL statements for a first import (every pupil new) and a re-import of
the same file (nothing to change), and the peak memory of an import traced separately, then
checks them against the targets: at most 5 s and under 200 MB.
"""

from __future__ import annotations

import argparse
import os
import resource
import sys
import time

from benchmarks.database import fresh_database

TARGET_S = 5.0
TARGET_MB = 200.0


def main() -> int:
    args = _args()
    fresh_database("pupilsync-bench-ctf-")
    return run(pupils=args.pupils, seed=args.seed)


def run(*, pupils: int, seed: int) -> int:
    from django.utils import timezone

    from benchmarks.harness import measure
    from pupilsync.ctf.service import apply, build_preview
    from pupilsync.ctf.synthetic import make_ctf
    from pupilsync.models import Assessment, Pupil, School
    from pupilsync.termdates import academic_year_on

    data = make_ctf(pupils, seed=seed, academic_year=academic_year_on(timezone.localdate(), []))
    rows = []
    for label, name in (("first import", "Timed"), ("re-import, no change", "Timed")):
        school, _ = School.objects.get_or_create(name=name, wonde_id=f"bench-{name}")
        cpu = time.process_time()
        with measure() as m:
            apply(build_preview(school, data, file_name="bench.xml"))
        rows.append((label, m, time.process_time() - cpu))
    traced = School.objects.create(name="Traced", wonde_id="bench-traced")
    with measure(memory=True) as memory:  # tracemalloc slows Python down: not timed
        apply(build_preview(traced, data, file_name="bench.xml"))
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

    print(f"CTF import benchmark: {pupils} pupils, {len(data) / 2**20:.1f} MB file")
    for label, m, cpu in rows:
        print(
            f"  {label:<22} {m.seconds:6.2f} s wall, {cpu:5.2f} s CPU, "
            f"{m.statements:4d} SQL statements"
        )
    print(f"  peak traced memory     {memory.peak_mb or 0:6.1f} MB (process max RSS {rss:.0f} MB)")
    print(f"  machine load average   {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")
    held = Pupil.objects.filter(school__wonde_id="bench-Timed").count()
    results = Assessment.objects.filter(school__wonde_id="bench-Timed").count()
    print(f"  held after import      {held} pupils, {results} results")
    ok = rows[0][1].seconds <= TARGET_S and (memory.peak_mb or 0) < TARGET_MB and held == pupils
    print(f"targets (<= {TARGET_S:.0f} s, < {TARGET_MB:.0f} MB): {'met' if ok else 'MISSED'}")
    return 0 if ok else 1


def _args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--pupils", type=int, default=1500)
    parser.add_argument("--seed", type=int, default=1)
    return parser.parse_args()


if __name__ == "__main__":
    sys.exit(main())
