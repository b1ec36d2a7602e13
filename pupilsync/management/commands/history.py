from __future__ import annotations

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from pupilsync.history import history_of, pupil_by_upn
from pupilsync.management.lookup import school_arg


class Command(BaseCommand):
    help = "Every change the sync or a CTF import made to a pupil's synced fields, newest first."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("school", help="our id or the Wonde id")
        parser.add_argument("upn", help="the pupil's UPN")
        parser.add_argument("--json", action="store_true")

    def handle(self, *args: Any, **options: Any) -> None:
        school = school_arg(options["school"])
        pupil = pupil_by_upn(school, options["upn"])
        if pupil is None:
            raise CommandError(f"no pupil with UPN {options['upn']!r} at {school}")
        rows = history_of(pupil)
        if options["json"]:
            self.stdout.write(json.dumps(rows, indent=2, ensure_ascii=False))
            return
        self.stdout.write(f"{pupil.forename} {pupil.surname} ({pupil.upn}): {len(rows)} changes")
        for row in rows:
            where = row["file"] or f"run #{row['run']}" if row["run"] or row["file"] else ""
            year = f" [{row['academic_year']}]" if row["academic_year"] else ""
            self.stdout.write(
                f"{row['at'][:16]}  {row['source']:<10} {where:<10} {row['field']}{year}: "
                f"{_show(row['old'])} -> {_show(row['new'])}"
            )


def _show(value: Any) -> str:
    return "-" if value in (None, "", []) else json.dumps(value, ensure_ascii=False)
