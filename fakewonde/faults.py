"""Failures to inject: each fires for the next `times` requests whose path contains `path`."""

from __future__ import annotations

import threading
from dataclasses import asdict, dataclass
from typing import Any

KINDS = (
    "429", "500", "502", "503", "401", "403", "404", "timeout", "drop", "malformed_json",
    "truncated_page", "next_loop", "latency",
)  # fmt: skip
DEFAULT_TIMEOUT_SECONDS = 30.0


class SimulatedTimeout(Exception):
    """Raised by the app in-process; the transport turns it into httpx.ReadTimeout."""


class DropConnection(Exception):
    """Raised by the app; the transport or server hangs up without a response."""


@dataclass
class Fault:
    kind: str
    path: str = ""
    times: int = 1
    retry_after: int | None = None
    seconds: float = 0.0

    def matches(self, path: str) -> bool:
        return self.times > 0 and self.path in path


class Faults:
    def __init__(self) -> None:
        self._pending: list[Fault] = []
        self._lock = threading.Lock()

    def inject(
        self,
        kind: str,
        *,
        path: str = "",
        times: int = 1,
        retry_after: int | None = None,
        seconds: float = 0.0,
    ) -> Fault:
        kind = str(kind)
        if kind not in KINDS:
            raise ValueError(f"unknown fault {kind!r}; one of {', '.join(KINDS)}")
        if times < 1:
            raise ValueError("times must be at least 1")
        fault = Fault(kind, path, times, retry_after, seconds)
        with self._lock:
            self._pending.append(fault)
        return fault

    def clear(self) -> None:
        with self._lock:
            self._pending.clear()

    def take(self, path: str) -> Fault | None:
        """The first pending fault for `path`, used up by one."""
        with self._lock:
            for fault in self._pending:
                if fault.matches(path):
                    fault.times -= 1
                    if fault.times == 0:
                        self._pending.remove(fault)
                    return fault
        return None

    @property
    def pending(self) -> list[Fault]:
        with self._lock:
            return list(self._pending)

    def describe(self) -> list[dict[str, Any]]:
        return [asdict(fault) for fault in self.pending]
