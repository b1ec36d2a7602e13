"""What the benchmarks measure: wall time, HTTP requests, SQL statements, rows written, memory."""

from __future__ import annotations

import time
import tracemalloc
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from django.db import connection

WRITES = ("INSERT", "UPDATE", "DELETE", "COPY")
PUPIL_TABLES = ("pupilsync_pupil", "pupilsync_pupilyear", "pupilsync_pupilphoto")


@dataclass
class Measure:
    seconds: float = 0.0
    statements: int = 0
    pupil_writes: int = 0  # statements that write pupil data (not the run record)
    peak_mb: float | None = None
    sql: list[str] = field(default_factory=list)

    def _count(self, execute: Callable[..., Any], sql: str, params: Any, many: bool, ctx: Any):
        self.statements += 1
        head = sql.lstrip()[:60].upper()
        if head.startswith(WRITES) and any(f'"{t}"' in sql[:120] for t in PUPIL_TABLES):
            self.pupil_writes += 1
        return execute(sql, params, many, ctx)


@contextmanager
def measure(*, memory: bool = False) -> Iterator[Measure]:
    result = Measure()
    if memory:
        tracemalloc.start()
    start = time.perf_counter()
    with connection.execute_wrapper(result._count):
        yield result
    result.seconds = time.perf_counter() - start
    if memory:
        result.peak_mb = tracemalloc.get_traced_memory()[1] / 2**20
        tracemalloc.stop()
