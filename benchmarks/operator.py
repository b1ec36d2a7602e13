"""Benchmark: the operator's board with 25,000 schools and four nights of runs in the database.

    .venv/bin/python -m benchmarks.operator [--schools 25000] [--nights 4]

Fills a fresh database (SQLite, or DATABASE_URL) with schools in every connection state, four
nightly runs each (some failed twice, held, or denied a permission), term dates for most and
access requests for the pending ones; then requests the board's pages as an operator and
prints, for each, the SQL statements and the median wall time of five requests.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import statistics
import sys
import time

from benchmarks.database import fresh_database

# A Wednesday morning in December, the board read after the night's syncs.
NOW = dt.datetime(2026, 12, 2, 7, 0, tzinfo=dt.UTC)
REPEATS = 5


def main() -> int:
    args = _args()
    # The test client speaks plain HTTP, as the test suite's settings allow (tests/settings.py).
    os.environ.setdefault("SECURE_SSL_REDIRECT", "0")
    fresh_database("pupilsync-bench-operator-")
    return run(schools=args.schools, nights=args.nights, seed=args.seed)


def run(*, schools: int, nights: int, seed: int) -> int:
    from django.test import Client
    from django.test.utils import setup_test_environment

    setup_test_environment()  # lets the test client's host in
    started = time.perf_counter()
    school_ids = _fill(schools, nights, random.Random(seed))
    _analyze()
    filled = time.perf_counter() - started
    browser = Client()
    browser.force_login(_operator())
    import pupilsync.web.operator.views as views

    views.now = lambda: NOW  # type: ignore[assignment]
    pages = [
        ("board, page 1", "/operator/"),
        ("board, page 250", "/operator/?page=250"),
        ("needs action (any)", "/operator/?need=any"),
        ("failed twice", "/operator/?need=failed_twice"),
        ("term dates missing", "/operator/?need=term_dates"),
        ("last sync failed", "/operator/?outcome=failed"),
        ("search by name", "/operator/?search=Brook"),
        ("one school's page", f"/operator/schools/{school_ids[len(school_ids) // 2]}/"),
    ]
    print(
        f"Operator board benchmark: {schools:,} schools, {_runs():,} runs "
        f"(filled in {filled:.0f} s), {_engine()}"
    )
    print(f"  {'page':<22} {'SQL':>4} {'median':>9} {'max':>9} {'rows':>6}")
    worst = 0.0
    for label, url in pages:
        statements, times, count = _time(browser, url)
        worst = max(worst, statistics.median(times))
        print(
            f"  {label:<22} {statements:>4} {statistics.median(times) * 1000:>7.0f}ms "
            f"{max(times) * 1000:>7.0f}ms {count:>6}"
        )
    from pupilsync.operator.digest import send_digest

    with _timed() as digest:
        send_digest(NOW)
    print(f"  {'morning digest':<22} {digest.statements:>4} {digest.seconds * 1000:>7.0f}ms")
    print(f"  machine load average   {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")
    return 0


def _time(browser, url: str) -> tuple[int, list[float], str]:
    from benchmarks.harness import measure

    times = []
    statements = 0
    count = ""
    for _ in range(REPEATS):
        with measure() as m:
            response = browser.get(url)
        assert response.status_code == 200, (url, response.status_code, response.get("Location"))
        times.append(m.seconds)
        statements = m.statements
        page = response.context.get("page") if response.context else None
        count = str(page.paginator.count) if page is not None else "-"
    return statements, times, count


def _timed():
    from benchmarks.harness import measure

    return measure()


def _operator():
    from django.contrib.auth import get_user_model

    return get_user_model().objects.create_user(
        username="ops@bench.example", email="ops@bench.example", password="x", is_staff=True
    )


WORDS = ("Brook", "Oak", "Hill", "Meadow", "Church", "St Mary's", "Park", "Green", "Castle")
KINDS = ("Primary School", "Academy", "Infant School", "Junior School", "High School")


def _fill(schools: int, nights: int, rng: random.Random) -> list[int]:
    from pupilsync.models import AccessRequest, School, SyncIssue, SyncRun, TermDates
    from pupilsync.termdates import typical_year

    states = [School.Connection.APPROVED] * 90 + [
        School.Connection.REQUESTED, School.Connection.REQUESTED, School.Connection.REVOKED,
        School.Connection.NOT_CONNECTED, School.Connection.DECLINED,
    ] * 2  # fmt: skip
    School.objects.bulk_create(
        [
            School(
                name=f"{rng.choice(WORDS)} {rng.choice(KINDS)} {n}",
                wonde_id=f"B{n:09d}",
                urn=str(100000 + n),
                connection=rng.choice(states),
            )
            for n in range(schools)
        ],
        batch_size=2000,
    )
    rows = list(School.objects.values_list("pk", "connection"))
    terms = dict(typical_year(2026).dates())
    TermDates.objects.bulk_create(
        [
            TermDates(school_id=pk, academic_year=2026, **terms)
            for pk, _ in rows
            if rng.random() > 0.03
        ],
        batch_size=2000,
    )
    AccessRequest.objects.bulk_create(
        [
            AccessRequest(
                school_id=pk, first_name="A", last_name="Head", email="head@school.example",
                requested_at=NOW - dt.timedelta(days=rng.randint(1, 30)),
            )
            for pk, state in rows
            if state == School.Connection.REQUESTED
        ],
        batch_size=2000,
    )  # fmt: skip
    runs = []
    for pk, state in rows:
        if state != School.Connection.APPROVED:
            continue
        for night in range(nights, 0, -1):
            opens = dt.datetime(2026, 12, 2, 1, 0, tzinfo=dt.UTC) - dt.timedelta(days=night - 1)
            at = opens + dt.timedelta(minutes=rng.randrange(240))
            status = rng.choices(["completed", "failed", "held"], [94, 5, 1])[0]
            runs.append(
                SyncRun(
                    school_id=pk, trigger="schedule", status=status, started_at=at,
                    finished_at=at + dt.timedelta(seconds=rng.lognormvariate(3.5, 0.6)),
                    created=rng.randrange(3), updated=rng.randrange(40), unchanged=400,
                    archived=rng.randrange(2), http_requests=rng.randrange(20, 60),
                )
            )  # fmt: skip
    SyncRun.objects.bulk_create(runs, batch_size=2000)
    denied = SyncRun.objects.filter(started_at__gte=NOW - dt.timedelta(hours=6)).values_list(
        "pk", "school_id"
    )
    SyncIssue.objects.bulk_create(
        [
            SyncIssue(run_id=run, school_id=school, code="permission_denied", severity="warning",
                      message="photos.read is not granted")
            for run, school in denied
            if rng.random() < 0.02
        ],
        batch_size=2000,
    )  # fmt: skip
    return [pk for pk, _ in rows]


def _analyze() -> None:
    """Planner statistics, as a live database has them (autovacuum, or SQLite's ANALYZE)."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def _runs() -> int:
    from pupilsync.models import SyncRun

    return SyncRun.objects.count()


def _engine() -> str:
    from django.db import connection

    return connection.vendor


def _args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--schools", type=int, default=25_000)
    parser.add_argument("--nights", type=int, default=4)
    parser.add_argument("--seed", type=int, default=1)
    return parser.parse_args()


if __name__ == "__main__":
    sys.exit(main())
