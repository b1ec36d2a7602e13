"""Wonde-shaped answers and a scripted MockTransport handler; `connect` (conftest.py) puts a
client on one."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import httpx

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
