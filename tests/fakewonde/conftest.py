"""Fixtures for the fake Wonde's own tests: no Django, no network (except test_server)."""

from __future__ import annotations

import gc
from collections.abc import Iterator

import httpx
import pytest

from fakewonde import DEMO_SCHOOL_ID, FakeSchool, FakeWonde, demo_world

from .helpers import CLOCK, client_for


@pytest.fixture(scope="session")
def pristine_primary() -> FakeSchool:
    school = demo_world(seed=3, phase="primary", forms=1, clock=CLOCK).schools[DEMO_SCHOOL_ID]
    gc.freeze()
    return school


@pytest.fixture
def world(pristine_primary: FakeSchool) -> FakeWonde:
    """A one-form primary (about 200 pupils) at a fixed time, fresh for each test."""
    fresh = FakeWonde(clock=CLOCK)
    fresh.add_school(pristine_primary.clone())
    return fresh


@pytest.fixture
def api(world: FakeWonde) -> Iterator[httpx.Client]:
    with client_for(world) as client:
        yield client


@pytest.fixture(scope="session")
def secondary() -> FakeWonde:
    """The full 8-form demo secondary. Shared by tests, so they must only read it."""
    shared = demo_world(seed=1, clock=CLOCK)
    # Long-lived: keep the cyclic garbage collector from rescanning it after every test.
    gc.freeze()
    return shared


@pytest.fixture(scope="session")
def secondary_api(secondary: FakeWonde) -> Iterator[httpx.Client]:
    with client_for(secondary) as client:
        yield client
