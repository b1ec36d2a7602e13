"""`pupilsync serve`: the web app under gunicorn, static files served by WhiteNoise."""

from __future__ import annotations

import os
import sys
from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser


def gunicorn_argv(*, bind: str, workers: int, timeout: int) -> list[str]:
    return [
        sys.executable, "-m", "gunicorn", "pupilsync.wsgi:application",
        "--bind", bind,
        "--workers", str(workers),
        "--timeout", str(timeout),
        "--access-logfile", "-",
        # Shut down cleanly on SIGTERM, letting requests in flight finish (rolling restarts).
        "--graceful-timeout", "30",
    ]  # fmt: skip


class Command(BaseCommand):
    help = "Serve the web app with gunicorn (static files by WhiteNoise)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--bind", default=os.environ.get("PUPILSYNC_BIND", "127.0.0.1:8000"),
            help="host:port (default 127.0.0.1:8000, or PUPILSYNC_BIND)",
        )  # fmt: skip
        parser.add_argument(
            "--workers", type=int, default=int(os.environ.get("WEB_CONCURRENCY", "2")),
            help="gunicorn worker processes (default 2, or WEB_CONCURRENCY)",
        )  # fmt: skip
        parser.add_argument("--timeout", type=int, default=60, help="seconds a request may take")
        parser.add_argument(
            "--no-collectstatic", action="store_true",
            help="serve the static files already in STATIC_ROOT",
        )  # fmt: skip

    def handle(self, *args: Any, **options: Any) -> None:
        if not options["no_collectstatic"]:
            call_command("collectstatic", interactive=False, verbosity=0)
        argv = gunicorn_argv(
            bind=options["bind"], workers=options["workers"], timeout=options["timeout"]
        )
        self.stdout.write(f"Serving on http://{options['bind']}/ with {options['workers']} workers")
        self.stdout.flush()
        # gunicorn becomes this process, so a supervisor's signals reach it directly.
        os.execv(sys.executable, argv)
