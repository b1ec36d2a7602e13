from __future__ import annotations

import threading
from collections.abc import Iterator
from wsgiref.simple_server import WSGIRequestHandler, make_server

import pytest

from fakewonde import DEMO_SCHOOL_ID, DEMO_TOKEN, FakeWonde, demo_world
from pupilsync.models import School
from wonde import RetryPolicy, WondeClient


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
    return School.objects.create(name="Oakfield Primary", wonde_id=DEMO_SCHOOL_ID)


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
