from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from pupilsync.api import schema

# `pupilsync api schema` after changing an endpoint or a schema; CI runs the check as a test.


class Command(BaseCommand):
    help = "The host app's API: `api schema` rewrites docs/api/openapi.json (`--check`: compare)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("action", choices=["schema"])
        parser.add_argument("--check", action="store_true", help="exit 1 if the file is stale")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["check"]:
            if not schema.is_current():
                raise CommandError(f"{schema.COMMITTED} is out of date: run `pupilsync api schema`")
            self.stdout.write(f"{schema.COMMITTED} is up to date.")
            return
        schema.write()
        self.stdout.write(f"Wrote {schema.COMMITTED}.")
