"""Fleet benchmark: many schools through real consumers on PostgreSQL and Redis.

    make bench-fleet
    .venv/bin/python -m benchmarks.fleet [--schools 200] [--forms 2] [--latency 0.03]
                                         [--consumers 2] [--workers 6]

200 fake secondaries of about 300 pupils each (every include, photos), served over HTTP by the
fake Wonde with 30 ms added to every request, each synced once (a first, full sync: the most
work a school ever needs) by two `run_huey` consumer processes. Everything runs on this machine,
the fake's own CPU included. Prints schools per minute, pupils per second and how many schools
that rate syncs in the nightly 4-hour window, and checks it against the target.
"""

from __future__ import annotations

import argparse
import sys

from scripts.fleet import Options, Report, ServicesDown, run

TARGET_SCHOOLS = 10_000
WINDOW_HOURS = 4


def main(argv: list[str] | None = None) -> int:
    options = _args(argv)
    try:
        report = run(options)
    except ServicesDown as error:
        print(f"the fleet benchmark needs PostgreSQL and Redis: {error}", file=sys.stderr)
        return 2
    _print(report)
    return _check(report)


def _print(report: Report) -> None:
    o = report.options
    synced = report.outcomes.get("completed", 0)
    minutes = report.wall_seconds / 60
    per_minute = synced / minutes if minutes else 0.0
    print(
        f"pupilsync fleet benchmark: {o.schools} schools, {report.pupils:,} pupils, "
        f"{o.latency * 1000:.0f} ms per request, PostgreSQL + Redis, "
        f"{o.consumers} consumers x {o.workers} threads"
    )
    print(f"{'schools synced':<36}{synced:>10}")
    print(f"{'HTTP requests':<36}{report.http_requests:>10}")
    print(f"{'wall s (consumers start -> last)':<36}{report.wall_seconds:>10.1f}")
    print(f"{'of which syncing s (first -> last)':<36}{report.sync_seconds:>10.1f}")
    print(f"{'schools per minute':<36}{per_minute:>10.1f}")
    print(f"{'pupils per second':<36}{report.pupils / report.wall_seconds:>10.0f}")
    print(f"{'schools in a 4-hour night':<36}{per_minute * 60 * WINDOW_HOURS:>10,.0f}")


def _check(report: Report) -> int:
    synced = report.outcomes.get("completed", 0)
    per_night = synced / report.wall_seconds * 3600 * WINDOW_HOURS
    errors = report.task_errors + report.consumer_errors
    checks = [
        (
            f">= {TARGET_SCHOOLS:,} schools per {WINDOW_HOURS}-hour window",
            per_night >= TARGET_SCHOOLS,
            f"{per_night:,.0f}",
        ),
        ("every school synced", synced == report.options.schools, f"{synced}"),
        ("no errors", not errors, f"{len(errors)}"),
    ]
    print()
    for name, ok, value in checks:
        print(f"{'PASS' if ok else 'FAIL'}  {name}: {value}")
    for line in errors[:10]:
        print("  error:", line)
    return 0 if all(ok for _, ok, _ in checks) else 1


def _args(argv: list[str] | None) -> Options:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--schools", type=int, default=200)
    parser.add_argument("--forms", type=int, default=2, help="forms a year: 2 is ~300 pupils")
    parser.add_argument("--latency", type=float, default=0.03, help="seconds per request")
    parser.add_argument("--consumers", type=int, default=2)
    parser.add_argument("--workers", type=int, default=6, help="threads per consumer")
    args = parser.parse_args(argv)
    return Options(
        schools=args.schools,
        forms=args.forms,
        latency=args.latency,
        consumers=args.consumers,
        workers=args.workers,
        timeout=1800.0,
    )


if __name__ == "__main__":
    sys.exit(main())
