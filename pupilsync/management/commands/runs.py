from __future__ import annotations

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from pupilsync.management.lookup import school_arg
from pupilsync.models import SyncRun

COUNTS = ("created", "updated", "unchanged", "archived", "restored", "photos", "http_requests")


class Command(BaseCommand):
    help = "List a school's sync runs, newest first."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("school", help="our id or the Wonde id")
        parser.add_argument("--limit", type=int, default=20)
        parser.add_argument("--json", action="store_true")

    def handle(self, *args: Any, **options: Any) -> None:
        school = school_arg(options["school"])
        runs = SyncRun.objects.filter(school=school).order_by("-started_at")[: options["limit"]]
        rows = [_row(run) for run in runs]
        if options["json"]:
            self.stdout.write(json.dumps(rows, indent=2))
            return
        for row in rows:
            counts = " ".join(f"{k}={row[k]}" for k in COUNTS)
            kind = "full" if row["full"] else "delta"
            self.stdout.write(
                f"#{row['id']} {row['started_at'][:19]} {row['trigger']:<8} {kind:<5} "
                f"{row['status']:<9} {counts}"
            )


def _row(run: SyncRun) -> dict[str, Any]:
    return {
        "id": run.pk,
        "trigger": run.trigger,
        "full": run.full,
        "status": run.status,
        "academic_year": run.academic_year,
        "started_at": run.started_at.isoformat(),
        "finished_at": run.finished_at.isoformat() if run.finished_at else None,
        **{name: getattr(run, name) for name in COUNTS},
        "error": run.error or None,
        "permission_identities": run.permission_identities,
    }
