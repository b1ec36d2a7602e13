"""Waiting for a condition in the page without `wait_for_function`, whose polling compiles the
script inside the page: our Content-Security-Policy (no 'unsafe-eval') refuses that, as it
should. `page.evaluate` runs through the DevTools protocol, which the policy does not govern."""

from __future__ import annotations

import time
from typing import Any


def until(page: Any, script: str, arg: Any = None, *, seconds: float = 15.0) -> None:
    """Evaluate `script` (an expression, or a function of `arg`) until it is truthy."""
    deadline = time.monotonic() + seconds
    while not page.evaluate(script, arg):
        if time.monotonic() > deadline:
            raise AssertionError(f"still false after {seconds:.0f} s: {script}")
        page.wait_for_timeout(50)
