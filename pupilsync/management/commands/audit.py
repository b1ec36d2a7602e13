from __future__ import annotations

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from pupilsync.audit import events
from pupilsync.management.lookup import school_arg


class Command(BaseCommand):
    help = "The school's audit log: admin actions, who did them and when, newest first."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("school", help="our id or the Wonde id")
        parser.add_argument("--json", action="store_true")

    def handle(self, *args: Any, **options: Any) -> None:
        rows = events(school_arg(options["school"]))
        if options["json"]:
            self.stdout.write(json.dumps(rows, indent=2))
            return
        for row in rows:
            detail = json.dumps(row["detail"]) if row["detail"] else ""
            self.stdout.write(f"{row['at'][:19]}  {row['by']:<24} {row['action']:<20} {detail}")
