from __future__ import annotations

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from pupilsync.connection import poll_connections
from wonde import errors


class Command(BaseCommand):
    help = "poll: ask Wonde which schools are approved, pending, revoked or declined, and follow."

    def add_arguments(self, parser: CommandParser) -> None:
        actions = parser.add_subparsers(dest="action", required=True)
        poll = actions.add_parser("poll", help="read Wonde's school lists and follow changes")
        poll.add_argument("--json", action="store_true")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            events = poll_connections()
        except errors.WondeError as error:
            raise CommandError(f"could not read Wonde's school lists: {error}") from None
        rows = [
            {"school": e.school_id, "wonde_id": e.school.wonde_id, "from": e.old, "to": e.new}
            for e in events
        ]
        if options["json"]:
            self.stdout.write(json.dumps(rows, indent=2))
            return
        for row in rows:
            self.stdout.write(f"{row['wonde_id']}: {row['from']} -> {row['to']}")
        self.stdout.write(f"{len(rows)} school(s) changed")
