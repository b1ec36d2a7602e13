"""The one harness for the Wonde client: `connect(script)` puts a client on a scripted
transport (tests/wonde/wire.py) that never sleeps, and closes it after the test."""

from __future__ import annotations

import random
from collections.abc import Callable, Iterator
from typing import Any

import httpx
import pytest

from tests.wonde.wire import TOKEN, Script
from wonde import RetryPolicy, WondeClient

Connect = Callable[..., tuple[WondeClient, list[float]]]


@pytest.fixture
def connect() -> Iterator[Connect]:
    """`connect(script, attempts=3, max_wait=30.0, rng=None, sleep=None, **client_options)`: a
    client on `script` and the list of delays it asked to sleep for (to `sleep` too, if given)."""
    clients: list[WondeClient] = []

    def make(
        script: Script,
        *,
        attempts: int = 3,
        max_wait: float = 30.0,
        rng: random.Random | None = None,
        sleep: Callable[[float], None] | None = None,
        **options: Any,
    ) -> tuple[WondeClient, list[float]]:
        delays: list[float] = []

        def wait(seconds: float) -> None:
            delays.append(seconds)
            if sleep is not None:
                sleep(seconds)

        retry = RetryPolicy(
            attempts=attempts, max_wait=max_wait, sleep=wait, rng=rng or random.Random(0)
        )
        transport = httpx.MockTransport(script)
        client = WondeClient(TOKEN, transport=transport, retry=retry, **options)
        clients.append(client)
        return client, delays

    yield make
    for client in clients:
        client.close()
