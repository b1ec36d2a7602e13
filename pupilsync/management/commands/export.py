from __future__ import annotations

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from pupilsync.export import export_pupils
from pupilsync.management.lookup import school_arg


class Command(BaseCommand):
    help = "Print a school's pupils as JSON (format: docs/export.md)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("school", help="our id or the Wonde id")
        parser.add_argument("--include-archived", action="store_true", help="leavers too")

    def handle(self, *args: Any, **options: Any) -> None:
        school = school_arg(options["school"])
        pupils = export_pupils(school, include_archived=options["include_archived"])
        self.stdout.write(json.dumps(pupils, indent=2, ensure_ascii=False))
