"""`pupilsync serve` in production settings, as a real gunicorn process on a free port."""

from __future__ import annotations

import os
import secrets
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from pupilsync.management.commands.serve import gunicorn_argv


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def production_env(tmp_path: Path) -> dict[str, str]:
    kept_out = {"SECRET_KEY", "DJANGO_ALLOW_ASYNC_UNSAFE", "DATABASE_URL", "REDIS_URL"}
    base = {k: v for k, v in os.environ.items() if k not in kept_out}
    return base | {
        "DJANGO_SETTINGS_MODULE": "pupilsync.settings",
        "DJANGO_DEBUG": "0",
        "SECURE_SSL_REDIRECT": "0",  # no TLS proxy in front of the test
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1",
        "PUPILSYNC_VAR_DIR": str(tmp_path),
        "DATABASE_URL": f"sqlite:///{tmp_path}/serve.sqlite3",
    }


@pytest.fixture
def served(tmp_path: Path) -> Iterator[str]:
    env = production_env(tmp_path)
    cli = [sys.executable, "-m", "pupilsync.cli"]
    subprocess.run([*cli, "migrate", "--noinput"], env=env, check=True, capture_output=True)
    port = free_port()
    process = subprocess.Popen(
        [*cli, "serve", "--bind", f"127.0.0.1:{port}", "--workers", "1"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_for(url, process)
        yield url
    finally:
        process.terminate()
        process.wait(timeout=30)


def _wait_for(url: str, process: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            output = process.stdout.read().decode() if process.stdout else ""
            pytest.fail(f"pupilsync serve exited {process.returncode}:\n{output}")
        try:
            httpx.get(url + "/healthz", timeout=2)
            return
        except httpx.TransportError:
            time.sleep(0.2)
    pytest.fail("pupilsync serve did not answer within 60 s")


def test_serve_answers_a_page_a_static_file_and_the_health_check(served):
    page = httpx.get(served + "/sign-in/")
    assert page.status_code == 200 and "Sign in" in page.text
    css = httpx.get(served + "/static/pupilsync/app.css")
    assert css.status_code == 200
    assert css.headers["content-type"].startswith("text/css")
    health = httpx.get(served + "/healthz")
    assert health.status_code == 200 and health.json()["ok"] is True


def test_gunicorn_serves_the_projects_wsgi_app_with_the_workers_asked_for():
    argv = gunicorn_argv(bind="0.0.0.0:8000", workers=4, timeout=60)
    assert argv[1:4] == ["-m", "gunicorn", "pupilsync.wsgi:application"]
    assert argv[argv.index("--workers") + 1] == "4"
