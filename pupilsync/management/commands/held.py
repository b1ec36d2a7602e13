from __future__ import annotations

import json
import sys
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from pupilsync import admission
from pupilsync.management.lookup import school_arg
from pupilsync.models import SyncRun
from pupilsync.sync.outcome import RunOutcome
from pupilsync.sync.report import result_summary


class Command(BaseCommand):
    help = (
        "Show a sync the circuit breaker held (it would archive or change too much of the roll), "
        "then --approve it (sync now, applying it) or --discard it."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("school", help="our id or the Wonde id")
        action = parser.add_mutually_exclusive_group()
        action.add_argument("--approve", action="store_true", help="sync now and apply it")
        action.add_argument("--discard", action="store_true", help="throw the held sync away")
        parser.add_argument("--json", action="store_true")

    def handle(self, *args: Any, **options: Any) -> None:
        school = school_arg(options["school"])
        held = school.runs.latest_held()
        if held is None:
            raise CommandError(f"{school} has no held sync")
        if options["discard"]:
            admission.discard_held(school)
            self.stdout.write(f"discarded held run #{held.pk}; nothing was changed")
        elif options["approve"]:
            result = admission.approve_now(school)
            if isinstance(result, RunOutcome):
                raise CommandError(f"{school}: nothing was approved ({result})")
            self.stdout.write(json.dumps(result_summary(result), indent=2))
            if not result.ok:
                sys.exit(1)
        elif options["json"]:
            self.stdout.write(json.dumps({"run": held.pk, "reason": held.error, **held.held}))
        else:
            self._show(held)

    def _show(self, held: SyncRun) -> None:
        self.stdout.write(f"run #{held.pk} at {held.started_at:%Y-%m-%d %H:%M}: {held.error}")
        for key in ("archived", "sen_changed", "year_changed"):
            part = held.held.get(key) or {}
            if part.get("count"):
                self.stdout.write(f"{key.replace('_', ' ')}: {part['count']}")
                for row in part["pupils"][:20]:
                    moved = f": {row['from']} -> {row['to']}" if "from" in row else ""
                    self.stdout.write(f"  {row['pupil']}{moved}")
