#!/usr/bin/env python3
"""Set up and run pupilsync on a fresh machine that has only Python 3.11+.

    python3 dev.py run    # the product on SQLite: web UI, worker and scheduler, fake Wonde, demo
    python3 dev.py test   # lint, type-check and the whole test suite (then the date-sensitive
                          # tests at each boundary day); `test ARGS` hands ARGS to pytest

Both create ./.venv and install the project into it on first use (and when pyproject.toml
changes). Nothing here needs a server; `test` installs Debian's Chromium for the browser
tests when it is missing and it runs as root.
"""

from __future__ import annotations

import hashlib
import os
import signal
import socket
import subprocess
import sys
import time
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PYTHON = BIN / "python"
STAMP = VENV / ".pupilsync-installed"

FAKE_PORT = int(os.environ.get("FAKE_WONDE_PORT", "8765"))
WEB_PORT = int(os.environ.get("PORT", "8000"))
DEMO_TOKEN = "0123456789abcdef0123456789abcdef01234567"  # the fake Wonde's own, not a real one
CHROMIUM = "/usr/bin/chromium"  # Debian's; Playwright drives it (never `playwright install`)
# Every test runs at a frozen moment (tests/clock.py); these run again at the school year's
# boundary days (31 August, 1 September, 1 December, 31 December, 1 January, summer pause).
# The access walk (every URL as every kind of visitor) checks guards, not dates: it runs once.
DATE_SENSITIVE = ["tests/sync", "tests/scheduling", "tests/ctf", "tests/web"]
DATE_BLIND = ["--ignore", "tests/web/test_access_walk.py"]


def main() -> int:
    if sys.version_info < (3, 11):  # noqa: UP036 - dev.py runs on whatever python3 there is
        print("pupilsync needs Python 3.11 or newer.", file=sys.stderr)
        return 2
    command = sys.argv[1] if len(sys.argv) > 1 else "help"
    if command not in {"run", "test", "setup"}:
        print(__doc__)
        return 0 if command == "help" else 2
    ensure_venv()
    if command == "run":
        return run()
    if command == "test":
        return test(sys.argv[2:])
    return 0


def ensure_venv() -> None:
    digest = hashlib.sha256((ROOT / "pyproject.toml").read_bytes()).hexdigest()
    if STAMP.exists() and STAMP.read_text() == digest:
        return
    if not PYTHON.exists():
        print("Creating .venv ...", flush=True)
        create_venv()
    print("Installing pupilsync and its dependencies into .venv ...", flush=True)
    pip = [str(PYTHON), "-m", "pip", "install", "--quiet", "--disable-pip-version-check"]
    subprocess.run([*pip, "--upgrade", "pip"], check=True)
    subprocess.run([*pip, "-e", f"{ROOT}[dev]"], check=True)
    STAMP.write_text(digest)


def create_venv() -> None:
    try:
        venv.create(VENV, with_pip=True)
    except (OSError, subprocess.CalledProcessError):
        # Some Linux distributions ship Python without ensurepip; virtualenv brings its own pip.
        subprocess.run([sys.executable, "-m", "pip", "install", "--user", "virtualenv"], check=True)
        subprocess.run([sys.executable, "-m", "virtualenv", str(VENV)], check=True)


def pupilsync(*args: str, env: dict[str, str] | None = None, check: bool = True) -> int:
    return subprocess.run(
        [str(BIN / "pupilsync"), *args], cwd=ROOT, env=env, check=check
    ).returncode


def run() -> int:
    env = os.environ.copy()
    env.setdefault("WONDE_API_URL", f"http://127.0.0.1:{FAKE_PORT}/v1.0")
    env.setdefault("WONDE_API_TOKEN", DEMO_TOKEN)
    # The laptop demo only: debug pages and plain HTTP (production keeps debug off).
    env.setdefault("DJANGO_DEBUG", "1")
    pupilsync("migrate", "--no-input", "-v", "0", env=env)
    children = [spawn(["fakewonde", "--port", str(FAKE_PORT), "--seed", "1"], env)]
    try:
        wait_for_port(FAKE_PORT)
        pupilsync("demo", env=env)
        children.append(spawn(["run_huey", "--workers", "2"], env))
        children.append(spawn(["runserver", f"127.0.0.1:{WEB_PORT}", "--noreload"], env))
        wait_for_port(WEB_PORT)
        print(
            f"\npupilsync is running at http://127.0.0.1:{WEB_PORT}/\n"
            "Sign in as  admin  with password  pupilsync-demo\n"
            f"Fake Wonde: http://127.0.0.1:{FAKE_PORT}/v1.0  (Ctrl-C stops everything)\n",
            flush=True,
        )
        while all(child.poll() is None for child in children):
            time.sleep(0.5)
        return 1
    except KeyboardInterrupt:
        return 0
    finally:
        for child in children:
            child.send_signal(signal.SIGINT)
        for child in children:
            try:
                child.wait(timeout=10)
            except subprocess.TimeoutExpired:
                child.kill()


def test(extra: list[str]) -> int:
    ensure_chromium()
    start_services()
    pytest = [str(BIN / "pytest"), "-n", "auto"]  # pytest-xdist: one worker per core
    steps = [
        [str(BIN / "ruff"), "check", "."],
        [str(BIN / "ruff"), "format", "--check", "."],
        [str(BIN / "mypy"), "wonde", "fakewonde", "pupilsync", "scripts"],
        [
            str(BIN / "lint-imports"),
            "--no-logo",
            "--no-cache",
        ],  # pyproject.toml: no cycles, one way in
        [*pytest, *extra],
    ]
    if not extra:  # the whole suite: then the tests that read dates, at each boundary day
        steps.append([*pytest, *DATE_SENSITIVE, *DATE_BLIND, "--clock", "boundaries"])
    for step in steps:
        print(
            "$",
            " ".join(Path(step[0]).name if i == 0 else a for i, a in enumerate(step)),
            flush=True,
        )
        code = subprocess.run(step, cwd=ROOT).returncode
        if code != 0:
            return code
    return 0


def ensure_chromium() -> None:
    """The browser tests drive Debian's Chromium; install it when it is missing (needs root)."""
    if Path(CHROMIUM).exists() or sys.platform != "linux":
        return
    if not hasattr(os, "geteuid") or os.geteuid() != 0:
        print(f"No {CHROMIUM}: the browser tests will be skipped (apt-get install chromium).")
        return
    for step in (["apt-get", "update", "-q"], ["apt-get", "install", "-y", "-q", "chromium"]):
        print("Browser tests need Chromium: $", " ".join(step), flush=True)
        subprocess.run(step, check=True, env={**os.environ, "DEBIAN_FRONTEND": "noninteractive"})


def start_services() -> None:
    """PostgreSQL and Redis for the integration test: started if down, else it is skipped."""
    from scripts import services

    for problem in services.ensure_all():
        print(f"note: {problem}; the integration test is skipped (a failure if CI=1).", flush=True)


def spawn(args: list[str], env: dict[str, str]) -> subprocess.Popen[bytes]:
    return subprocess.Popen([str(BIN / "pupilsync"), *args], cwd=ROOT, env=env)


def wait_for_port(port: int, timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with socket.socket() as sock:
            if sock.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.2)
    raise SystemExit(f"nothing answered on port {port} within {timeout:.0f} s")


if __name__ == "__main__":
    sys.exit(main())
