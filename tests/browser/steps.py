"""Steps every browser walk takes: signing in, and waiting for a condition in the page.

`until` waits without `wait_for_function`, whose polling compiles the script inside the page:
our Content-Security-Policy (no 'unsafe-eval') refuses that, as it should. `page.evaluate` runs
through the DevTools protocol, which the policy does not govern."""

from __future__ import annotations

import time
from typing import Any

from django.urls import reverse

PASSWORD = "a-long-test-password"  # every browser test's school accounts


def sign_in(page: Any, live_server: Any, who: str, password: str = PASSWORD) -> None:
    """Sign in on the sign-in page; the caller waits for where that leads."""
    page.goto(live_server.url + reverse("login"))
    page.get_by_label("Email or username").fill(who)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()


def sign_in_to_pupils(page: Any, live_server: Any, who: str, password: str = PASSWORD) -> None:
    """Sign in as a member of a school, who lands on the pupils list."""
    sign_in(page, live_server, who, password)
    page.get_by_role("heading", name="Pupils").wait_for()


def until(page: Any, script: str, arg: Any = None, *, seconds: float = 15.0) -> None:
    """Evaluate `script` (an expression, or a function of `arg`) until it is truthy."""
    deadline = time.monotonic() + seconds
    while not page.evaluate(script, arg):
        if time.monotonic() > deadline:
            raise AssertionError(f"still false after {seconds:.0f} s: {script}")
        page.wait_for_timeout(50)


def ready(page: Any) -> None:
    """Wait until the page has loaded and htmx has wired its controls.

    A locator can find an element while the page is still parsing, before the deferred htmx
    script has run: a change made then is an ordinary change that htmx never hears."""
    until(page, "document.readyState === 'complete' && !!window.htmx")
