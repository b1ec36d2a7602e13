"""A real browser (Debian's Chromium, driven by Playwright) against the live app and a fake Wonde
served on a local port, with Huey running tasks in-process so Start Sync completes.

`python3 dev.py test` installs Chromium when /usr/bin/chromium is missing. Set
PUPILSYNC_SCREENSHOTS=docs/screenshots (`make screenshots`) to save the main pages as PNGs.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from huey.contrib.djhuey import HUEY

from fakewonde import DEMO_SCHOOL_ID, DEMO_TOKEN, FakeWonde, demo_world, server
from tests.browser.steps import until

CHROMIUM = Path(os.environ.get("CHROMIUM", "/usr/bin/chromium"))
LAUNCH_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}

# Playwright's sync API runs an event loop in this thread; the Django ORM calls the tests make
# between browser steps are ordinary synchronous code, so Django's async guard does not apply.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    if not CHROMIUM.exists():
        message = f"no Chromium at {CHROMIUM}: `python3 dev.py test` installs it"
        if os.environ.get("CI"):
            pytest.fail(message)  # CI must run the browser tests, never pass without them
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=LAUNCH_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def open_page(browser: Any) -> Iterator[Any]:
    """open_page(viewport=DESKTOP) -> a fresh page in its own browser context (own cookies)."""
    contexts: list[Any] = []

    def open_one(viewport: dict[str, int] = DESKTOP) -> Any:
        context = browser.new_context(viewport=viewport)
        context.set_default_timeout(15_000)
        contexts.append(context)
        return context.new_page()

    yield open_one
    for context in contexts:
        context.close()


@pytest.fixture
def fake_wonde(settings: Any) -> Iterator[FakeWonde]:
    """A small primary school in a fake Wonde on a real port; two pupils arrive without a UPN."""
    world = demo_world(seed=11, phase="primary", forms=1)
    for student in list(world.school(DEMO_SCHOOL_ID).students.values())[:2]:
        student.upn = None
    with server.background(world) as running:
        settings.WONDE_API_URL = running.base_url
        settings.WONDE_API_TOKEN = DEMO_TOKEN
        yield world


@pytest.fixture
def immediate_tasks() -> Iterator[None]:
    HUEY.immediate = True
    yield
    HUEY.immediate = False


@pytest.fixture
def screenshot() -> Any:
    folder = os.environ.get("PUPILSYNC_SCREENSHOTS")

    def save(page: Any, name: str) -> None:
        if folder:
            Path(folder).mkdir(parents=True, exist_ok=True)
            # A full-page picture shows rows below the fold: load their lazy photos first.
            page.evaluate("document.querySelectorAll('img').forEach(i => i.loading = 'eager')")
            page.wait_for_load_state("networkidle")
            until(page, "[...document.images].every(i => i.complete)")
            page.screenshot(path=str(Path(folder) / f"{name}.png"), full_page=True)

    return save
