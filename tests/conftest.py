from __future__ import annotations

import pytest

from fakewonde import DEMO_SCHOOL_ID, DEMO_TOKEN, FakeWonde, demo_world
from pupilsync.models import School
from wonde import RetryPolicy, WondeClient


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
