"""Make sure PostgreSQL and Redis answer on this machine, starting them if they do not.

    python3 scripts/services.py          # start whatever is down; exit 1 if something stays down

Standard library only: dev.py runs it before the tests with whatever python3 there is. The
integration test and the fleet benchmark use the same functions and skip (or stop) with the
reason when a service cannot be started.
"""

from __future__ import annotations

import contextlib
import glob
import os
import shutil
import socket
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass

HOST = "127.0.0.1"
STARTUP_SECONDS = 20.0


@dataclass(frozen=True)
class Service:
    name: str
    port: int
    url: str  # how the project reaches it, with the database name left to the caller for PG

    def answers(self) -> bool:
        with socket.socket() as sock:
            sock.settimeout(1.0)
            return sock.connect_ex((HOST, self.port)) == 0


POSTGRES = Service("PostgreSQL", 5432, f"postgres://postgres@{HOST}:5432")
REDIS = Service("Redis", 6379, f"redis://{HOST}:6379/0")


def ensure(service: Service) -> str | None:
    """None once the service answers, else why it could not be started."""
    if service.answers():
        return None
    command = _start_command(service)
    if command is None:
        return (
            f"{service.name} is not running on {HOST}:{service.port} "
            "and this machine has no way here to start it"
        )
    try:
        subprocess.run(command, check=True, capture_output=True, timeout=STARTUP_SECONDS)
    except (OSError, subprocess.SubprocessError) as error:
        return f"{service.name} did not start ({' '.join(command)}): {_why(error)}"
    deadline = time.monotonic() + STARTUP_SECONDS
    while time.monotonic() < deadline:
        if service.answers():
            return None
        time.sleep(0.2)
    return f"{service.name} started but nothing answered on {HOST}:{service.port}"


def ensure_all() -> list[str]:
    """Why each service that is down stayed down (empty when both answer)."""
    return [problem for problem in (ensure(POSTGRES), ensure(REDIS)) if problem]


@contextlib.contextmanager
def scratch_database(prefix: str) -> Iterator[str]:
    """The URL of a new PostgreSQL database, dropped afterwards (needs psycopg, so not for
    dev.py's own use)."""
    import psycopg

    name = f"{prefix}_{uuid.uuid4().hex[:10]}"
    admin = f"{POSTGRES.url}/postgres"
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    try:
        yield f"{POSTGRES.url}/{name}"
    finally:
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() not in {"", "0", "false", "no"}


def _start_command(service: Service) -> list[str] | None:
    if service is REDIS and shutil.which("redis-server"):
        return [
            "redis-server", "--daemonize", "yes", "--bind", HOST, "--port", str(service.port),
            "--save", "", "--appendonly", "no",
        ]  # fmt: skip
    if service is POSTGRES and shutil.which("pg_ctlcluster"):
        versions = sorted(os.path.basename(p) for p in glob.glob("/etc/postgresql/*"))
        if versions:
            return ["pg_ctlcluster", "--skip-systemctl-redirect", versions[-1], "main", "start"]
    return None


def _why(error: BaseException) -> str:
    if isinstance(error, subprocess.CalledProcessError):
        output = (error.stderr or error.stdout or b"").decode(errors="replace").strip()
        return output.splitlines()[-1] if output else f"exit status {error.returncode}"
    return str(error)


def main() -> int:
    problems = ensure_all()
    for problem in problems:
        print(problem, file=sys.stderr)
    if not problems:
        print(f"PostgreSQL on {HOST}:{POSTGRES.port} and Redis on {HOST}:{REDIS.port} answer.")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
