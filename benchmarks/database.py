"""A throwaway SQLite database for one benchmark run (unless DATABASE_URL says otherwise)."""

from __future__ import annotations

import os
import tempfile


def fresh_database(prefix: str) -> None:
    """Configure Django on a new, migrated database in a temp folder. Call before any import
    that touches Django."""
    tmp = tempfile.mkdtemp(prefix=prefix)
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{tmp}/bench.sqlite3")
    os.environ["PUPILSYNC_VAR_DIR"] = tmp
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "pupilsync.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
