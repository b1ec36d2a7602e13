from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from prometheus_client import generate_latest

from pupilsync import metrics
from pupilsync.models import SyncSlot
from tests.operator.factories import NIGHT, run, school

pytestmark = pytest.mark.django_db
TOKEN = "scrape-token-0123456789"
AT = NIGHT + dt.timedelta(hours=2)


@pytest.fixture
def scrape(settings) -> Client:
    settings.METRICS_TOKEN = TOKEN
    return Client(headers={"Authorization": f"Bearer {TOKEN}"})


def exposition(now: dt.datetime = AT) -> str:
    return generate_latest(metrics.registry(now)).decode()


def test_metrics_are_off_without_a_token(settings):
    settings.METRICS_TOKEN = ""
    assert Client().get("/metrics").status_code == 404
    assert Client(headers={"Authorization": "Bearer "}).get("/metrics").status_code == 404


def test_a_scrape_with_the_wrong_token_finds_nothing(scrape):
    assert Client(headers={"Authorization": "Bearer nope"}).get("/metrics").status_code == 404


def test_a_scrape_with_the_token_gets_the_metrics(scrape):
    response = scrape.get("/metrics")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain; version=0.0.4")
    body = response.content.decode()
    assert "pupilsync_queue_depth" in body and "pupilsync_wonde_requests_total" in body


def test_syncs_of_the_last_day_are_counted_by_outcome_with_their_durations():
    oak = school("Oak", "A1")
    run(oak, "completed", seconds=12, http_requests=30)
    run(oak, "failed", seconds=200, http_requests=4)
    run(oak, "completed", at=AT - dt.timedelta(days=2))  # too old
    text = exposition()
    assert 'pupilsync_syncs_24h{outcome="completed"} 1.0' in text
    assert 'pupilsync_syncs_24h{outcome="failed"} 1.0' in text
    assert 'pupilsync_sync_duration_seconds_bucket{le="15.0"} 1.0' in text
    assert 'pupilsync_sync_duration_seconds_bucket{le="300.0"} 2.0' in text
    assert "pupilsync_sync_duration_seconds_gcount 2.0" in text
    assert "pupilsync_sync_wonde_requests_24h 34.0" in text


def test_the_queue_depth_and_its_oldest_sync_age_are_reported():
    for n, minutes in enumerate((30, 5)):
        SyncSlot.objects.create(
            school=school(f"S{n}", f"A{n}"), queued_at=AT - dt.timedelta(minutes=minutes)
        )
    text = exposition()
    assert "pupilsync_queue_depth 2.0" in text
    assert "pupilsync_queue_oldest_seconds 1800.0" in text


def test_held_syncs_are_reported():
    run(school("Oak", "A1"), "held")
    assert "pupilsync_syncs_held 1.0" in exposition()


def test_wonde_requests_and_retries_are_counted_by_status():
    before = metrics.WONDE_RETRIES.labels(status="429")._value.get()
    metrics.observe_wonde("retry", "429")
    assert metrics.WONDE_RETRIES.labels(status="429")._value.get() == before + 1
    assert 'pupilsync_wonde_retries_total{status="429"}' in exposition()
