"""The client tells an observer of each request and retry, with the status (for metrics)."""

import random

import httpx

from tests.wonde.wire import TOKEN, Script, envelope, failure
from wonde import RetryPolicy, WondeClient


def observed(script: Script) -> list[tuple[str, str]]:
    events: list[tuple[str, str]] = []
    retry = RetryPolicy(attempts=3, sleep=lambda s: None, rng=random.Random(0))
    client = WondeClient(
        TOKEN,
        transport=httpx.MockTransport(script),
        retry=retry,
        observe=lambda event, status: events.append((event, status)),
    )
    client.school("A1")
    return events


def test_each_request_and_each_retry_is_observed_with_its_status():
    script = Script(failure(503, "unavailable"), envelope({"id": "A1"}))
    assert observed(script) == [("request", "503"), ("retry", "503"), ("request", "200")]


def test_a_timeout_is_observed_as_one():
    script = Script(httpx.ReadTimeout("slow"), envelope({"id": "A1"}))
    assert observed(script)[:2] == [("request", "timeout"), ("retry", "timeout")]
