"""The fake Wonde served over HTTP from its own process, and the I/O limit a sync is held to.

The limit is what no sync can beat: the same responses fetched one after another with the
standard library and decoded with `json.loads`, plus one raw write of as many rows as there are
pupils (`executemany` on SQLite, `COPY` on PostgreSQL).
"""

from __future__ import annotations

import http.client
import json
import multiprocessing
import socket
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

import httpx

HOST = "127.0.0.1"


@dataclass
class Served:
    base_url: str
    port: int

    def advance_day(self, school_id: str, seed: int) -> None:
        url = f"http://{HOST}:{self.port}/_fake/schools/{school_id}/advance-day"
        httpx.post(url, json={"seed": seed}, timeout=30).raise_for_status()


@contextmanager
def served(world: object) -> Iterator[Served]:
    """Serve `world` from a forked process, so its CPU is not the sync's."""
    port = _free_port()
    process = multiprocessing.get_context("fork").Process(
        target=_serve, args=(world, port), daemon=True
    )
    process.start()
    try:
        _wait_for(port)
        yield Served(base_url=f"http://{HOST}:{port}/v1.0", port=port)
    finally:
        process.terminate()
        process.join(timeout=5)


class Recording(httpx.HTTPTransport):
    """An HTTP transport that remembers every URL it was asked for, in order."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        self.urls.append(str(request.url))
        return super().handle_request(request)


def fetch_limit(urls: list[str], token: str) -> tuple[float, int]:
    """Seconds to GET and `json.loads` every URL in turn, and the bytes read."""
    headers = {"Authorization": f"Bearer {token}", "User-Agent": "limit"}
    read = 0
    start = time.perf_counter()
    for url in urls:
        parts = urlsplit(url)
        connection = http.client.HTTPConnection(parts.hostname or HOST, parts.port)
        connection.request("GET", f"{parts.path}?{parts.query}", headers=headers)
        body = connection.getresponse().read()
        connection.close()
        json.loads(body)
        read += len(body)
    return time.perf_counter() - start, read


def write_limit(table: str, columns: list[str], rows: list[tuple[Any, ...]]) -> float:
    """Seconds for one raw bulk write of `rows` into an empty copy of `table`, then rolled back."""
    from django.db import connection, transaction

    names = ", ".join(f'"{c}"' for c in columns)
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(f'CREATE TEMP TABLE limit_rows AS SELECT {names} FROM "{table}" LIMIT 0')
        start = time.perf_counter()
        if connection.vendor == "postgresql":
            raw = cursor.cursor
            with raw.copy(f"COPY limit_rows ({names}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
        else:
            marks = ", ".join("%s" for _ in columns)
            cursor.executemany(f"INSERT INTO limit_rows ({names}) VALUES ({marks})", rows)
        seconds = time.perf_counter() - start
        cursor.execute("DROP TABLE limit_rows")
    return seconds


def _serve(world: object, port: int) -> None:
    from fakewonde.server import serve

    serve(world, HOST, port)  # type: ignore[arg-type]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return int(sock.getsockname()[1])


def _wait_for(port: int, timeout: float = 20.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with socket.socket() as sock:
            if sock.connect_ex((HOST, port)) == 0:
                return
        time.sleep(0.05)
    raise RuntimeError(f"the fake Wonde did not start on port {port}")
