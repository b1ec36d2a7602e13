"""Wonde-shaped answers, a scripted MockTransport handler and a client that never sleeps."""

from __future__ import annotations

import random
from collections.abc import Callable
from typing import Any

import httpx

from wonde import RetryPolicy, WondeClient

TOKEN = "0123456789abcdef0123456789abcdef01234567"
API = "https://api.wonde.com/v1.0"

Answer = httpx.Response | Exception | Callable[[httpx.Request], httpx.Response]


def when(text: str, zone: str = "UTC") -> dict[str, Any]:
    """A PHP DateTimeObject as Wonde serialises it."""
    return {"date": text, "timezone_type": 3, "timezone": zone}


def envelope(data: Any) -> httpx.Response:
    return httpx.Response(200, json={"data": data})


def page(records: list[Any], next_url: str | None = None) -> httpx.Response:
    pagination = {
        "next": next_url,
        "previous": None,
        "more": next_url is not None,
        "per_page": 200,
        "current_page": 1,
    }
    return httpx.Response(200, json={"data": records, "meta": {"pagination": pagination}})


def failure(
    status: int, code: str | None = None, text: str | None = None, **headers: str
) -> httpx.Response:
    body = {}
    if code is not None:
        body["error"] = code
    if text is not None:
        body["error_description"] = text
    return httpx.Response(status, json=body, headers=headers)


class Script:
    """Answers requests in order (the last answer repeats) and keeps every request it saw."""

    def __init__(self, *answers: Answer) -> None:
        self.answers = answers
        self.requests: list[httpx.Request] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        answer = self.answers[min(len(self.requests), len(self.answers)) - 1]
        if isinstance(answer, Exception):
            raise answer
        if isinstance(answer, httpx.Response):  # a fresh copy: a response is read only once
            status, headers, content = answer.status_code, answer.headers, answer.content
            return httpx.Response(status, headers=headers, content=content)
        return answer(request)

    @property
    def urls(self) -> list[str]:
        return [str(request.url) for request in self.requests]


def connect(
    script: Script,
    *,
    attempts: int = 3,
    max_wait: float = 30.0,
    rng: random.Random | None = None,
    per_page: int = 200,
) -> tuple[WondeClient, list[float]]:
    """A client on `script` and the list of delays it asked to sleep for."""
    delays: list[float] = []
    retry = RetryPolicy(
        attempts=attempts, max_wait=max_wait, sleep=delays.append, rng=rng or random.Random(0)
    )
    transport = httpx.MockTransport(script)
    return WondeClient(TOKEN, transport=transport, retry=retry, per_page=per_page), delays
