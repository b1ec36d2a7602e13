"""The client tells an observer of each request and retry, with the status (for metrics)."""

import httpx

from tests.wonde.conftest import Connect
from tests.wonde.wire import Script, envelope, failure


def observed(connect: Connect, script: Script) -> list[tuple[str, str]]:
    events: list[tuple[str, str]] = []
    client, _ = connect(script, observe=lambda event, status: events.append((event, status)))
    client.school("A1")
    return events


def test_each_request_and_each_retry_is_observed_with_its_status(connect):
    script = Script(failure(503, "unavailable"), envelope({"id": "A1"}))
    assert observed(connect, script) == [("request", "503"), ("retry", "503"), ("request", "200")]


def test_a_timeout_is_observed_as_one(connect):
    script = Script(httpx.ReadTimeout("slow"), envelope({"id": "A1"}))
    assert observed(connect, script)[:2] == [("request", "timeout"), ("retry", "timeout")]
