"""The fake Wonde's transport with some answers rewritten, for tests of odd live answers."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import httpx

from fakewonde import DEMO_TOKEN
from wonde import RetryPolicy, WondeClient

Answer = Callable[[httpx.Request, httpx.Response], httpx.Response]


class Rewrite(httpx.BaseTransport):
    """Answers to paths ending in `ending` pass through `answer(request, response)`."""

    def __init__(self, inner: httpx.BaseTransport, ending: str, answer: Answer) -> None:
        self.inner, self.ending, self.answer = inner, ending, answer

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        response = self.inner.handle_request(request)
        response.read()
        if not request.url.path.endswith(self.ending):
            return response
        return self.answer(request, response)


def edit_body(edit: Callable[[Any], None]) -> Answer:
    """An answer that changes the JSON body in place with `edit`."""

    def answer(request: httpx.Request, response: httpx.Response) -> httpx.Response:
        body = response.json()
        edit(body)
        return httpx.Response(response.status_code, json=body)

    return answer


def client_over(transport: httpx.BaseTransport) -> WondeClient:
    return WondeClient(DEMO_TOKEN, transport=transport, retry=RetryPolicy(sleep=lambda s: None))
