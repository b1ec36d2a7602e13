"""Transient failures are asked again, with bounded waits that no test sleeps through."""

import random

import httpx
import pytest

from tests.wonde.wire import Script, envelope, failure, page
from wonde import errors


class Ceilings(random.Random):
    """An rng that records the jitter bounds it is asked for and answers the upper one."""

    def __init__(self) -> None:
        super().__init__(0)
        self.bounds: list[tuple[float, float]] = []

    def uniform(self, a: float, b: float) -> float:
        self.bounds.append((a, b))
        return b


def test_it_waits_as_long_as_retry_after_says(connect):
    script = Script(failure(429, "rate_limited", **{"Retry-After": "7"}), envelope({"id": "A1"}))
    client, delays = connect(script)
    client.school("A1")
    assert delays == [7.0]


def test_it_caps_retry_after_at_max_wait(connect):
    script = Script(failure(429, "rate_limited", **{"Retry-After": "600"}), envelope({"id": "A1"}))
    client, delays = connect(script, max_wait=30.0)
    client.school("A1")
    assert delays == [30.0]


def test_it_does_not_wait_when_retry_after_is_zero(connect):
    script = Script(failure(429, "rate_limited", **{"Retry-After": "0"}), envelope({"id": "A1"}))
    client, delays = connect(script)
    client.school("A1")
    assert delays == [0.0]


def test_it_backs_off_with_jitter_within_bounds_when_429_has_no_retry_after(connect):
    script = Script(failure(429, "rate_limited"))
    client, delays = connect(script, attempts=4)
    with pytest.raises(errors.RateLimited):
        client.school("A1")
    assert len(delays) == 3
    for attempt, delay in enumerate(delays):
        ceiling = 0.5 * 2**attempt
        assert ceiling / 2 <= delay <= ceiling


def test_its_backoff_doubles_from_half_a_second_with_full_jitter(connect):
    rng = Ceilings()
    client, delays = connect(Script(failure(429, "rate_limited")), attempts=4, rng=rng)
    with pytest.raises(errors.RateLimited):
        client.school("A1")
    assert rng.bounds == [(0.25, 0.5), (0.5, 1.0), (1.0, 2.0)]
    assert delays == [0.5, 1.0, 2.0]


def test_its_backoff_never_exceeds_max_wait(connect):
    rng = Ceilings()
    client, delays = connect(Script(failure(503)), attempts=6, max_wait=1.5, rng=rng)
    with pytest.raises(errors.ServerError):
        client.school("A1")
    assert max(delays) == 1.5


def test_it_backs_off_when_retry_after_is_not_a_number_of_seconds(connect):
    retry_after = {"Retry-After": "Wed, 21 Oct 2026 07:28:00 GMT"}
    script = Script(failure(429, "rate_limited", **retry_after), envelope({"id": "A1"}))
    client, delays = connect(script)
    client.school("A1")
    assert 0.25 <= delays[0] <= 0.5


@pytest.mark.parametrize("status", [500, 502, 503, 504])
def test_it_retries_a_server_error_then_succeeds(status, connect):
    script = Script(failure(status, "server_error"), envelope({"id": "A1", "name": "Oakfield"}))
    client, _ = connect(script)
    assert client.school("A1").name == "Oakfield"
    assert len(script.requests) == 2


def test_it_retries_a_server_error_in_the_middle_of_a_list(connect):
    script = Script(page([{"id": "S1"}], "https://api.wonde.com/v1.0/p2"), failure(502), page([]))
    client, _ = connect(script)
    assert [s.id for s in client.students("A1")] == ["S1"]
    assert script.urls[1] == script.urls[2] == "https://api.wonde.com/v1.0/p2"


@pytest.mark.parametrize("attempts", [1, 3, 5])
def test_a_transient_error_is_raised_after_exactly_attempts_requests(attempts, connect):
    script = Script(failure(503, "server_error"))
    client, delays = connect(script, attempts=attempts)
    with pytest.raises(errors.ServerError):
        client.school("A1")
    assert (len(script.requests), len(delays)) == (attempts, attempts - 1)


def test_rate_limiting_is_raised_once_the_attempts_are_spent(connect):
    script = Script(failure(429, "rate_limited", **{"Retry-After": "1"}))
    client, delays = connect(script, attempts=3)
    with pytest.raises(errors.RateLimited) as raised:
        client.school("A1")
    assert (raised.value.status, raised.value.retry_after, delays) == (429, 1.0, [1.0, 1.0])


def test_a_transient_error_is_not_permanent(connect):
    client, _ = connect(Script(failure(503)), attempts=1)
    with pytest.raises(errors.TransientError) as raised:
        client.school("A1")
    assert raised.value.permanent is False


def test_a_read_timeout_becomes_a_network_error(connect):
    client, _ = connect(Script(httpx.ReadTimeout("timed out")), attempts=1)
    with pytest.raises(errors.NetworkError, match="ReadTimeout"):
        client.school("A1")


@pytest.mark.parametrize(
    "dropped",
    [httpx.ConnectError("refused"), httpx.RemoteProtocolError("peer closed connection")],
    ids=["connect", "remote-protocol"],
)
def test_a_dropped_connection_becomes_a_network_error(dropped, connect):
    client, _ = connect(Script(dropped), attempts=1)
    with pytest.raises(errors.NetworkError, match=type(dropped).__name__):
        client.school("A1")


@pytest.mark.parametrize(
    "problem",
    [
        httpx.ReadTimeout("timed out"),
        httpx.ConnectError("refused"),
        httpx.RemoteProtocolError("peer closed connection"),
    ],
    ids=["read-timeout", "connect", "remote-protocol"],
)
def test_a_network_error_is_retried_then_succeeds(problem, connect):
    script = Script(problem, envelope({"id": "A1"}))
    client, delays = connect(script)
    assert client.school("A1").id == "A1"
    assert (len(script.requests), len(delays)) == (2, 1)


def test_a_network_error_is_raised_once_the_attempts_are_spent(connect):
    script = Script(httpx.ConnectError("refused"))
    client, _ = connect(script, attempts=4)
    with pytest.raises(errors.NetworkError):
        client.school("A1")
    assert len(script.requests) == 4


def test_request_count_counts_every_attempt(connect):
    script = Script(failure(503), httpx.ReadTimeout("slow"), failure(429), envelope({"id": "A1"}))
    client, _ = connect(script, attempts=5)
    client.school("A1")
    assert client.request_count == 4


def test_request_count_adds_up_across_calls_and_pages(connect):
    script = Script(
        envelope({"id": "A1"}),
        page([{"id": "S1"}], "https://api.wonde.com/v1.0/p2"),
        failure(500),
        page([]),
    )
    client, _ = connect(script)
    client.school("A1")
    list(client.students("A1"))
    assert client.request_count == 4


def test_it_holds_back_the_other_lists_while_a_retry_after_pause_lasts(connect):
    # One client reads several lists at once; while one list waits out a Retry-After, a request
    # from another list waits for the rest of that pause instead of hitting the limit again.
    script = Script(failure(429, "rate_limited", **{"Retry-After": "7"}), envelope({"id": "A1"}))

    def sleep(seconds: float) -> None:
        if len(slept) == 1:  # during the pause, another list asks for a page
            client.school("A1")

    client, slept = connect(script, sleep=sleep)
    client.school("A1")
    assert slept[0] == 7.0
    assert 6.0 < slept[1] <= 7.0


def test_it_sends_at_once_when_no_pause_is_asked_for(connect):
    script = Script(failure(503), envelope({"id": "A1"}), envelope({"id": "A1"}))
    client, delays = connect(script)
    client.school("A1")
    client.school("A1")
    assert len(delays) == 1
