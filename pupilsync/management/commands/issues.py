from __future__ import annotations

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from pupilsync.labels import issue_text
from pupilsync.management.lookup import school_arg
from pupilsync.models import SyncIssue, SyncRun


class Command(BaseCommand):
    help = "List the issues of a school's latest sync run (or of --run ID)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("school", help="our id or the Wonde id")
        parser.add_argument("--run", type=int, help="a run id (default: the latest run)")
        parser.add_argument("--json", action="store_true")

    def handle(self, *args: Any, **options: Any) -> None:
        school = school_arg(options["school"])
        runs = SyncRun.objects.filter(school=school)
        run = runs.filter(pk=options["run"]).first() if options["run"] else runs.first()
        if run is None:
            raise CommandError("this school has no sync runs yet")
        issues = SyncIssue.objects.filter(run=run).order_by("id")
        rows = [
            {
                "run": run.pk,
                "severity": i.severity,
                "code": i.code,
                "pupil": i.pupil_ref,
                "pupil_id": i.pupil_id,
                "message": issue_text(i.code, i.message),
            }
            for i in issues
        ]
        if options["json"]:
            self.stdout.write(json.dumps(rows, indent=2, ensure_ascii=False))
            return
        if not rows:
            self.stdout.write(f"run #{run.pk}: no issues")
        for row in rows:
            self.stdout.write(
                f"{row['severity']:<7} {row['code']:<22} {row['pupil'] or '-'}: {row['message']}"
            )
