from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Iterator
from wsgiref.simple_server import WSGIRequestHandler, make_server

import pytest

from fakewonde import DEMO_SCHOOL_ID, DEMO_TOKEN, FakeWonde, demo_world
from pupilsync.models import School, TermDates
from pupilsync.sync.engine import sync_school
from wonde import RetryPolicy, WondeClient

pytest_plugins = ["tests.clock"]


@pytest.fixture(autouse=True)
def no_real_wonde(settings) -> None:
    """No test may reach the real Wonde: anything not given a fake gets a closed local port."""
    settings.WONDE_API_URL = "http://127.0.0.1:9/v1.0"
    settings.WONDE_API_TOKEN = "not-a-real-token"


@pytest.fixture
def world() -> FakeWonde:
    """A small primary school (one form a year) in a fresh fake Wonde."""
    return demo_world(seed=7, phase="primary", forms=1)


@pytest.fixture
def client(world: FakeWonde) -> WondeClient:
    return WondeClient(DEMO_TOKEN, transport=world.transport(), retry=RetryPolicy(sleep=_no_sleep))


@pytest.fixture
def school(db: None) -> School:
    """An approved school with term dates for every year a test may sync in, ending Summer 2
    on 31 August, so no test depends on the day it runs (see tests/scheduling for the rules)."""
    school = School.objects.create(name="Oakfield Primary", wonde_id=DEMO_SCHOOL_ID)
    TermDates.objects.bulk_create(_whole_years(school, range(2020, dt.date.today().year + 3)))
    return school


@pytest.fixture
def synced(school: School, client: WondeClient) -> School:
    """Oakfield, synced once from the in-process fake Wonde (photos included)."""
    result = sync_school(school, client=client)
    assert result.status == "completed"
    return school


def _whole_years(school: School, years: range) -> list[TermDates]:
    return [
        TermDates(
            school=school,
            academic_year=y,
            autumn1=dt.date(y, 9, 1),
            autumn2=dt.date(y, 10, 30),
            spring1=dt.date(y + 1, 1, 5),
            spring2=dt.date(y + 1, 2, 23),
            summer1=dt.date(y + 1, 4, 20),
            summer2=dt.date(y + 1, 6, 1),
            summer_end=dt.date(y + 1, 8, 31),
        )
        for y in years
    ]


def _no_sleep(seconds: float) -> None:
    pass


class _Quiet(WSGIRequestHandler):
    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def served(world, settings) -> Iterator[str]:
    server = make_server("127.0.0.1", 0, world.wsgi_app(), handler_class=_Quiet)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    settings.WONDE_API_URL = f"http://127.0.0.1:{server.server_port}/v1.0"
    settings.WONDE_API_TOKEN = DEMO_TOKEN
    yield settings.WONDE_API_URL
    server.shutdown()


@pytest.fixture
def enqueued(monkeypatch) -> list[dict]:
    """Syncs handed to Huey, recorded instead of run: (school, trigger, full, attempt, delay)."""
    calls: list[dict] = []

    def record(
        school_id: int, trigger: str, *, full: bool, attempt: int, delay: int = 0, **_: object
    ) -> None:
        calls.append(
            {
                "school": school_id,
                "trigger": trigger,
                "full": full,
                "attempt": attempt,
                "delay": delay,
            }
        )

    monkeypatch.setattr("pupilsync.admission.enqueue", record)
    return calls


@pytest.fixture
def wonde(world, client, monkeypatch) -> WondeClient:
    """Every Wonde client the app makes talks to the fake world; returns one for the test."""

    def fresh() -> WondeClient:
        return WondeClient(
            DEMO_TOKEN, transport=world.transport(), retry=RetryPolicy(sleep=_no_sleep)
        )

    monkeypatch.setattr("pupilsync.sync.engine.wonde_client", fresh)
    monkeypatch.setattr("pupilsync.connection.wonde_client", fresh)
    return client
