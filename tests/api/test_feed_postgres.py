"""Syncs writing one school's feed at the same time, on PostgreSQL: a host app following the
feed meanwhile misses no change and sees none twice.

Only on PostgreSQL (skipped on SQLite, which never runs two writers at once):
tests/integration/test_postgres.py runs this file against a PostgreSQL server, or
`DATABASE_URL=postgres://... pytest tests/api/test_feed_postgres.py`.
"""

from __future__ import annotations

import random
import threading
import time
from collections.abc import Callable

import pytest
from django.db import connection, transaction
from django.test import Client
from django.utils import timezone

from pupilsync.api import keys
from pupilsync.models import Pupil, PupilChange, School
from pupilsync.sync import feed, store
from pupilsync.sync.diff import Change, Plan
from pupilsync.sync.records import PupilFields

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]
YEAR = 2026


@pytest.fixture(autouse=True)
def on_postgres() -> None:
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL: tests/integration/test_postgres.py runs it there")


@pytest.fixture
def pupils(school: School) -> list[int]:
    made = Pupil.objects.bulk_create(
        Pupil(school=school, forename=f"P{n}", surname="Before", upn=f"A{n:012d}")
        for n in range(200)
    )
    return [pupil.pk for pupil in made]


@pytest.fixture
def api(school: School) -> Client:
    secret = keys.create(school, "Host app", by="test").secret
    return Client(headers={"Authorization": f"Bearer {secret}"})


def a_sync(school: School, ids: list[int], surname: str, hold: float = 0.0) -> None:
    """One sync's write transaction through the sync's writer; `hold`: seconds it stays open
    after writing, before it commits."""
    plan = Plan(
        changes=[
            Change(pk, PupilFields(surname="Before"), PupilFields(surname=surname)) for pk in ids
        ]
    )
    try:
        with transaction.atomic():
            store.apply(plan, school, YEAR, timezone.now(), held=[])
            time.sleep(hold)
    finally:
        connection.close()  # this thread's own connection


class Follower:
    """The host app: reads /changes from its cursor, over and over, until told to stop."""

    def __init__(self, api: Client) -> None:
        self.api, self.cursor, self.seen = api, "0", []

    def read(self) -> None:
        while True:
            page = self.api.get("/api/v1/changes", {"since": self.cursor, "limit": 37}).json()
            self.seen += [(c["cursor"], c["pupil_id"]) for c in page["changes"]]
            self.cursor = page["next"]
            if not page["more"]:
                return

    def follow_while(self, busy: Callable[[], bool]) -> None:
        while busy():
            self.read()
        self.read()


def run_all(follower: Follower, *jobs: threading.Thread) -> None:
    for job in jobs:
        job.start()
    follower.follow_while(lambda: any(job.is_alive() for job in jobs))
    for job in jobs:
        job.join()


def test_a_sync_that_commits_first_never_hides_one_that_began_before_it(school, pupils, api):
    first_wrote = threading.Event()
    first, second = pupils[:100], pupils[100:]

    def slow() -> None:
        plan = Plan(
            changes=[
                Change(pk, PupilFields(surname="Before"), PupilFields(surname="Slow"))
                for pk in first
            ]
        )
        try:
            with transaction.atomic():
                store.apply(plan, school, YEAR, timezone.now(), held=[])
                first_wrote.set()
                time.sleep(1.0)  # the quick sync writes and wants to commit meanwhile
        finally:
            connection.close()

    def quick() -> None:
        first_wrote.wait()
        a_sync(school, second, "Quick")

    follower = Follower(api)
    run_all(follower, threading.Thread(target=slow), threading.Thread(target=quick))
    assert sorted(pk for _, pk in follower.seen) == sorted(pupils)
    assert [int(c) for c, _ in follower.seen] == list(range(1, len(pupils) + 1))
    # The quick sync really ran alongside: its history rows were written before the slow one
    # committed, and its feed entries waited for the counter.
    assert PupilChange.objects.filter(pupil_id__in=second).count() == len(second)


def test_many_concurrent_syncs_give_each_change_once_in_order(school, pupils, api):
    rng = random.Random(16)
    batches = [pupils[n : n + 10] for n in range(0, len(pupils), 10)]
    jobs = [
        threading.Thread(target=a_sync, args=(school, batch, f"S{n}", rng.uniform(0, 0.2)))
        for n, batch in enumerate(batches)
    ]
    follower = Follower(api)
    run_all(follower, *jobs)
    cursors = [int(c) for c, _ in follower.seen]
    assert cursors == list(range(1, len(pupils) + 1))
    assert sorted(pk for _, pk in follower.seen) == sorted(pupils)
    assert feed.head(school) == len(pupils)
