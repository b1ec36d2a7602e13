from __future__ import annotations

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from pupilsync.models import School
from pupilsync.sync.check import check_school, render
from pupilsync.sync.connect import wonde_client
from wonde import errors


class Command(BaseCommand):
    help = "Look at a live Wonde school: `wonde check SCHOOL` reads one page of each endpoint."

    def add_arguments(self, parser: CommandParser) -> None:
        actions = parser.add_subparsers(dest="action", required=True)
        check = actions.add_parser(
            "check", help="read one page of every endpoint the sync uses and report what came"
        )
        check.add_argument("school", help="our id, or a Wonde id (added or not)")
        check.add_argument("--json", action="store_true")

    def handle(self, *args: Any, **options: Any) -> None:
        value = options["school"]
        school = (
            School.objects.filter(pk=int(value)).first()
            if value.isdigit()
            else School.objects.filter(wonde_id=value).first()
        )
        wonde_id = school.wonde_id if school else value
        try:
            with wonde_client(school) as client:
                report = check_school(client, wonde_id)
        except errors.WondeError as error:
            raise CommandError(f"could not check the school in Wonde: {error}") from error
        if options["json"]:
            self.stdout.write(json.dumps(report.as_dict(), indent=2))
        else:
            self.stdout.write(render(report))
