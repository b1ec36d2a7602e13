"""The fake over real HTTP on a free local port."""

from collections.abc import Iterator

import httpx
import pytest

from fakewonde import DEMO_SCHOOL_ID, DEMO_TOKEN, FakeWonde
from fakewonde.server import RunningServer, background

from .helpers import SCHOOL


@pytest.fixture
def server(world: FakeWonde) -> Iterator[RunningServer]:
    with background(world) as running:
        yield running


@pytest.fixture
def remote(server: RunningServer) -> Iterator[httpx.Client]:
    auth = {"Authorization": f"Bearer {DEMO_TOKEN}"}
    with httpx.Client(base_url=server.base_url, headers=auth, timeout=2.0) as client:
        yield client


def test_it_serves_the_api_over_http(remote: httpx.Client) -> None:
    assert [s["id"] for s in remote.get("/schools").json()["data"]] == [DEMO_SCHOOL_ID]


def test_its_next_urls_point_at_the_server(remote: httpx.Client, server: RunningServer) -> None:
    body = remote.get(f"{SCHOOL}/students").json()
    assert body["meta"]["pagination"]["next"].startswith(server.base_url + SCHOOL)
    assert remote.get(body["meta"]["pagination"]["next"]).status_code == 200


def test_a_drop_closes_the_connection_without_a_response(
    remote: httpx.Client, world: FakeWonde
) -> None:
    world.faults.inject("drop")
    with pytest.raises(httpx.RemoteProtocolError):
        remote.get(f"{SCHOOL}/students")


def test_a_timeout_makes_the_client_give_up(remote: httpx.Client, world: FakeWonde) -> None:
    world.faults.inject("timeout", seconds=0.5)
    with pytest.raises(httpx.ReadTimeout):
        remote.get(f"{SCHOOL}/students", timeout=0.1)


def test_admin_routes_work_over_http(server: RunningServer, world: FakeWonde) -> None:
    admin_url = server.base_url.replace("/v1.0", "/_fake")
    httpx.post(f"{admin_url}/schools/{DEMO_SCHOOL_ID}/revoke")
    assert world.schools[DEMO_SCHOOL_ID].state == "revoked"
