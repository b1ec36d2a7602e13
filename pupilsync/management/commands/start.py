from __future__ import annotations

import json
import sys
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from pupilsync import admission
from pupilsync.management.lookup import school_arg
from pupilsync.models import SyncRun


class Command(BaseCommand):
    help = "Start Sync: queue one sync of a school now (a consumer runs it). Exit 1 if not queued."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("school", help="our id or the Wonde id")
        parser.add_argument("--full", action="store_true", help="read the whole roll")
        parser.add_argument("--json", action="store_true")

    def handle(self, *args: Any, **options: Any) -> None:
        school = school_arg(options["school"])
        queued = admission.start_sync(school, trigger=SyncRun.Trigger.MANUAL, full=options["full"])
        if options["json"]:
            self.stdout.write(json.dumps(queued.as_json(), indent=2))
        else:
            self.stdout.write(queued.message)
            if not queued.queued and queued.decision.what_to_do:
                self.stdout.write(queued.decision.what_to_do)
        if not queued.queued:
            sys.exit(1)
