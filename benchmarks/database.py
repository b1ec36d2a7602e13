"""A throwaway database for one benchmark run: SQLite in a temp folder, or a fresh PostgreSQL."""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator


def fresh_database(prefix: str, database_url: str | None = None) -> None:
    """Configure Django on a new, migrated database (SQLite in a temp folder unless a URL or
    DATABASE_URL says otherwise). Call before any import that touches Django."""
    tmp = tempfile.mkdtemp(prefix=prefix)
    if database_url:
        os.environ["DATABASE_URL"] = database_url
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{tmp}/bench.sqlite3")
    os.environ["PUPILSYNC_VAR_DIR"] = tmp
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "pupilsync.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


@contextlib.contextmanager
def postgres_database(prefix: str) -> Iterator[str]:
    """The URL of a new PostgreSQL database (started by scripts/services.py if it is down),
    dropped afterwards."""
    from scripts import services

    problem = services.ensure(services.POSTGRES)
    if problem:
        raise SystemExit(f"the PostgreSQL benchmark needs PostgreSQL: {problem}")
    with services.scratch_database(prefix) as url:
        yield url
