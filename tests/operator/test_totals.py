from __future__ import annotations

import datetime as dt

import pytest

from pupilsync.models import SyncRun
from pupilsync.operator.totals import last_night, night_totals, percentile
from tests.operator.factories import NIGHT, NOW, run, school

pytestmark = pytest.mark.django_db
HOUR = dt.timedelta(hours=1)


def test_last_night_is_the_night_whose_window_opened_most_recently():
    assert last_night(NOW) == dt.date(2026, 12, 2)
    assert last_night(dt.datetime(2026, 12, 2, 0, 59, tzinfo=dt.UTC)) == dt.date(2026, 12, 1)


def test_the_window_opens_at_one_in_london_time_in_summer():
    # 00:30 UTC is 01:30 BST: tonight's window is open.
    assert last_night(dt.datetime(2026, 6, 10, 0, 30, tzinfo=dt.UTC)) == dt.date(2026, 6, 10)


def test_the_nearest_rank_percentile_is_a_value_that_occurred():
    assert percentile([], 50) is None
    assert percentile([4.0], 95) == 4.0
    assert percentile([float(n) for n in range(1, 101)], 50) == 50.0
    assert percentile([float(n) for n in range(1, 101)], 95) == 95.0
    assert percentile([1.0, 2.0, 3.0], 50) == 2.0


def test_a_school_counts_once_in_the_outcome_of_its_last_run_of_the_night():
    retried = school("Retried", "A1")
    run(retried, "failed", at=NIGHT, seconds=10, http_requests=3)
    run(retried, "completed", at=NIGHT + HOUR, seconds=50, created=2, updated=3, http_requests=40)
    gave_up = school("Gave up", "A2")
    run(gave_up, "failed", at=NIGHT, seconds=20, http_requests=2)
    held = school("Held", "A3")
    run(held, "held", at=NIGHT + 2 * HOUR, seconds=40, archived=90, http_requests=30)
    totals = night_totals(dt.date(2026, 12, 2))
    assert (totals.synced, totals.failed, totals.held, totals.running) == (1, 1, 1, 0)
    assert totals.runs == 4
    assert totals.requests == 75
    assert totals.pupils_changed == 5  # the held run changed nothing
    assert totals.p50 == dt.timedelta(seconds=20)
    assert totals.p95 == dt.timedelta(seconds=50)


def test_runs_of_other_nights_and_ctf_imports_are_left_out():
    oak = school("Oak", "A1")
    run(oak, "failed", at=NIGHT - dt.timedelta(minutes=1))
    run(oak, "completed", at=NIGHT + 24 * HOUR)
    run(oak, "completed", at=NIGHT + HOUR, trigger=SyncRun.Trigger.CTF, created=100)
    totals = night_totals(dt.date(2026, 12, 2))
    assert totals.runs == 0
    assert totals.p50 is None


def test_a_retry_after_the_window_closes_still_counts_in_its_night():
    oak = school("Oak", "A1")
    run(oak, "completed", at=NIGHT + 6 * HOUR)
    assert night_totals(dt.date(2026, 12, 2)).synced == 1
