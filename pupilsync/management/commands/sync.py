from __future__ import annotations

import json
import sys
from typing import TYPE_CHECKING, Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from pupilsync import admission, audit
from pupilsync.management.lookup import school_arg
from pupilsync.sync.outcome import RunOutcome
from pupilsync.sync.report import plan_lines, result_summary

if TYPE_CHECKING:  # the result's type only: a sync is reached through admission
    from pupilsync.sync.engine import SyncResult

REFUSED = {
    RunOutcome.ALREADY_QUEUED: "a sync of this school is already queued or running",
    RunOutcome.ALREADY_RUNNING: "a sync of this school is already running",
}


class Command(BaseCommand):
    help = "Sync one school from Wonde in the foreground. Exit 0 if it completed, 1 if it failed."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("school", help="our id or the Wonde id")
        parser.add_argument("--full", action="store_true", help="read the whole roll")
        parser.add_argument("--dry-run", action="store_true", help="print the plan, write nothing")
        parser.add_argument("--json", action="store_true", help="print the run summary as JSON")

    def handle(self, *args: Any, **options: Any) -> None:
        school = school_arg(options["school"])
        if not options["dry_run"]:
            audit.record(school, audit.SYNC_STARTED, full=options["full"])
        result = admission.sync_now(school, full=options["full"], dry_run=options["dry_run"])
        if isinstance(result, RunOutcome):
            raise CommandError(f"{school}: {REFUSED[result]}")
        self._print(result, as_json=options["json"])
        if not result.ok:
            sys.exit(1)

    def _print(self, result: SyncResult, *, as_json: bool) -> None:
        if as_json:
            self.stdout.write(json.dumps(result_summary(result), indent=2))
            return
        lines = plan_lines(result) if result.status is RunOutcome.DRY_RUN else []
        for line in lines:
            self.stdout.write(line)
        summary = result_summary(result)
        counts = ", ".join(
            f"{summary[k]} {k}" for k in ("created", "updated", "unchanged", "archived", "restored")
        )
        self.stdout.write(
            f"{result.school.name}: {summary['status']} ({counts}; "
            f"{summary['issues']} issues; {summary['http_requests']} requests)"
        )
        if result.error:
            self.stderr.write(result.error)
