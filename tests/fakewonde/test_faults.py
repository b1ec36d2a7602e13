import json

import httpx
import pytest

from fakewonde import FakeWonde

from .helpers import SCHOOL


def test_a_429_carries_retry_after_when_given(api: httpx.Client, world: FakeWonde) -> None:
    world.faults.inject("429", retry_after=7)
    response = api.get(f"{SCHOOL}/students")
    assert (response.status_code, response.headers["Retry-After"]) == (429, "7")
    assert response.json()["error"] == "rate_limited"


def test_a_429_without_retry_after_has_no_header(api: httpx.Client, world: FakeWonde) -> None:
    world.faults.inject("429")
    assert "Retry-After" not in api.get(f"{SCHOOL}/students").headers


@pytest.mark.parametrize(("kind", "code"), [("500", 500), ("502", 502), ("503", 503)])
def test_server_errors_have_the_server_error_body(
    api: httpx.Client, world: FakeWonde, kind: str, code: int
) -> None:
    world.faults.inject(kind)
    response = api.get(f"{SCHOOL}/students")
    assert (response.status_code, response.json()["error"]) == (code, "server_error")


@pytest.mark.parametrize(
    ("kind", "error"), [("401", "invalid_token"), ("403", "access_denied"), ("404", "not_found")]
)
def test_client_errors_can_be_injected(
    api: httpx.Client, world: FakeWonde, kind: str, error: str
) -> None:
    world.faults.inject(kind)
    response = api.get(f"{SCHOOL}/students")
    assert (response.status_code, response.json()["error"]) == (int(kind), error)


def test_a_timeout_raises_read_timeout_in_process(api: httpx.Client, world: FakeWonde) -> None:
    world.faults.inject("timeout")
    with pytest.raises(httpx.ReadTimeout):
        api.get(f"{SCHOOL}/students")


def test_a_drop_raises_remote_protocol_error_in_process(
    api: httpx.Client, world: FakeWonde
) -> None:
    world.faults.inject("drop")
    with pytest.raises(httpx.RemoteProtocolError):
        api.get(f"{SCHOOL}/students")


def test_malformed_json_is_a_200_cut_in_the_middle(api: httpx.Client, world: FakeWonde) -> None:
    world.faults.inject("malformed_json")
    response = api.get(f"{SCHOOL}/students")
    assert response.status_code == 200
    with pytest.raises(json.JSONDecodeError):
        json.loads(response.content)


def test_a_truncated_page_is_short_and_lacks_pagination(
    api: httpx.Client, world: FakeWonde
) -> None:
    world.faults.inject("truncated_page")
    body = api.get(f"{SCHOOL}/students").json()
    assert len(body["data"]) == 25
    assert "pagination" not in body.get("meta", {})


def test_next_loop_points_back_at_the_same_page(api: httpx.Client, world: FakeWonde) -> None:
    world.faults.inject("next_loop")
    response = api.get(f"{SCHOOL}/students", params={"per_page": 500})
    assert response.json()["meta"]["pagination"]["next"] == str(response.request.url)


def test_latency_delays_then_serves(api: httpx.Client, world: FakeWonde) -> None:
    world.faults.inject("latency", seconds=0.05)
    response = api.get(f"{SCHOOL}/students")
    assert response.status_code == 200
    assert response.elapsed.total_seconds() >= 0.05


def test_a_fault_fires_only_for_matching_paths(api: httpx.Client, world: FakeWonde) -> None:
    world.faults.inject("500", path="/photos")
    assert api.get(f"{SCHOOL}/students").status_code == 200
    assert api.get(f"{SCHOOL}/photos").status_code == 500


def test_a_fault_fires_for_the_given_number_of_requests(
    api: httpx.Client, world: FakeWonde
) -> None:
    world.faults.inject("503", times=2)
    statuses = [api.get(f"{SCHOOL}/students").status_code for _ in range(3)]
    assert statuses == [503, 503, 200]


def test_clear_drops_pending_faults(api: httpx.Client, world: FakeWonde) -> None:
    world.faults.inject("500", times=5)
    world.faults.clear()
    assert api.get(f"{SCHOOL}/students").status_code == 200


def test_faulted_requests_are_counted(api: httpx.Client, world: FakeWonde) -> None:
    world.faults.inject("timeout")
    with pytest.raises(httpx.ReadTimeout):
        api.get(f"{SCHOOL}/students")
    api.get(f"{SCHOOL}/students")
    assert world.request_count == 2


def test_an_unknown_fault_kind_is_refused(world: FakeWonde) -> None:
    with pytest.raises(ValueError, match="unknown fault"):
        world.faults.inject("418")


def test_global_latency_slows_every_request(api: httpx.Client, world: FakeWonde) -> None:
    world.latency = 0.02
    assert api.get("/schools").elapsed.total_seconds() >= 0.02
