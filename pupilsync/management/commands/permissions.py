from __future__ import annotations

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from pupilsync.management.lookup import school_arg
from pupilsync.sync.permissions import school_report
from wonde import errors


class Command(BaseCommand):
    help = "Each Wonde permission the features need: granted, denied or unknown, and its uses."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("school", help="our id or the Wonde id")
        parser.add_argument("--json", action="store_true")

    def handle(self, *args: Any, **options: Any) -> None:
        school = school_arg(options["school"])
        try:
            rows = school_report(school)
        except errors.WondeError as error:
            raise CommandError(f"could not read the permissions from Wonde: {error}") from error
        if options["json"]:
            self.stdout.write(json.dumps(rows, indent=2))
            return
        for row in rows:
            state = {"granted": "granted", "denied": "DENIED "}.get(row["state"], "unknown")
            self.stdout.write(f"{state}  {row['name']:<34} {', '.join(row['features'])}")
