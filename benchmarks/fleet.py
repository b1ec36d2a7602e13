"""Fleet benchmark: many schools through real consumers on PostgreSQL and Redis.

    make bench-fleet
    make bench-fleet-night  (the same with --night)
    .venv/bin/python -m benchmarks.fleet [--schools 200] [--forms 2] [--latency 0.03]
                                         [--consumers 2] [--workers 6] [--night]

200 fake secondaries of about 300 pupils each (every include, photos), served over HTTP by the
fake Wonde with 30 ms added to every request, each synced once (a first, full sync: the most
work a school ever needs) by two `run_huey` consumer processes. Everything runs on this machine,
the fake's own CPU included. Prints schools per minute, pupils per second and how many schools
that rate syncs in the nightly 4-hour window, and checks it against the target.

`--night` goes on to the night after: the fake Wonde moves one day on for every school (attendance
moves for every pupil, a few join, leave and change) and every school syncs its delta through the
same consumers. It prints schools per hour, CPU seconds per school (consumers, the fake, the
database and Redis) and how long the 24,453 schools in England would take at that rate, and
checks that against one hour. Peak memory per consumer is printed in both modes.
"""

from __future__ import annotations

import argparse
import os
import sys

from scripts.fleet import Options, Report, Round, ServicesDown, run

TARGET_SCHOOLS = 10_000
WINDOW_HOURS = 4
ENGLAND = 24_453  # state-funded schools in England
NIGHT_HOURS = 1.0
CORES = os.cpu_count() or 1


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
    _print_cpu(report.first, synced)
    peaks = ", ".join(f"{mb:.0f}" for mb in report.peak_rss_mb)
    print(f"{'peak RSS per consumer, MB':<36}{peaks:>10}")
    if report.night is not None:
        _print_night(report.night)


def _print_cpu(round_: Round, synced: int) -> None:
    cpu, per = round_.cpu, max(synced, 1)
    print(
        f"{'CPU s per school':<36}{cpu.total / per:>10.3f}  (consumers {cpu.consumers / per:.3f}, "
        f"fake Wonde {cpu.fake / per:.3f}, PostgreSQL + Redis {cpu.services / per:.3f})"
    )


def _print_night(night: Round) -> None:
    synced = night.outcomes.get("completed", 0)
    per_hour = synced / night.wall_seconds * 3600 if night.wall_seconds else 0.0
    print()
    print("the night after: the fake moves one day on, every school syncs its delta")
    print(f"{'schools synced':<36}{synced:>10}")
    print(f"{'HTTP requests per school':<36}{night.http_requests / max(synced, 1):>10.1f}")
    print(f"{'pupils changed':<36}{night.pupils_changed:>10,}")
    print(f"{'wall s':<36}{night.wall_seconds:>10.1f}")
    print(f"{'schools per hour':<36}{per_hour:>10,.0f}")
    _print_cpu(night, synced)
    cpu_hours = ENGLAND * night.cpu.total / max(synced, 1) / CORES / 3600
    print(f"{f'hours for {ENGLAND:,} schools':<36}{_night_hours(night):>10.2f}")
    print(f"{f'  CPU-bound floor on {CORES} cores':<36}{cpu_hours:>10.2f}")


def _night_hours(night: Round) -> float:
    synced = night.outcomes.get("completed", 0)
    return ENGLAND / synced * night.wall_seconds / 3600 if synced else float("inf")


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
    if report.night is not None:
        hours = _night_hours(report.night)
        delta_synced = report.night.outcomes.get("completed", 0)
        errors = errors + report.night.errors
        checks += [
            (
                f"a night of deltas for {ENGLAND:,} schools <= {NIGHT_HOURS:.0f} hour",
                hours <= NIGHT_HOURS,
                f"{hours:.2f} h",
            ),
            (
                "every school's delta synced",
                delta_synced == report.options.schools,
                f"{delta_synced}",
            ),
            ("no errors in the night", not report.night.errors, f"{len(report.night.errors)}"),
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
    parser.add_argument("--night", action="store_true", help="then a night of every delta")
    args = parser.parse_args(argv)
    return Options(
        schools=args.schools,
        forms=args.forms,
        latency=args.latency,
        consumers=args.consumers,
        workers=args.workers,
        night=args.night,
        timeout=1800.0,
    )


if __name__ == "__main__":
    sys.exit(main())
