from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandParser
from django.utils import timezone

from pupilsync import admission
from pupilsync.models import School, Staff
from pupilsync.sync.outcome import RunOutcome
from pupilsync.sync.report import result_summary
from pupilsync.termdates import give_typical_term_dates

DEMO_SCHOOL_ID = "A1930499544"  # the fake Wonde's demo school


class Command(BaseCommand):
    help = "Set up the demo: a sign-in, the fake Wonde's demo school, and a first sync."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--password", default="pupilsync-demo")

    def handle(self, *args: Any, **options: Any) -> None:
        user_model = get_user_model()
        admin = user_model.objects.filter(username="admin").first()
        if admin is None:
            admin = user_model.objects.create_superuser(
                "admin", "admin@example.org", options["password"]
            )
        school, _ = School.objects.get_or_create(
            wonde_id=DEMO_SCHOOL_ID, defaults={"name": "Oakfield Academy"}
        )
        # The demo sign-in is the demo school's admin in the app (and a superuser for /admin/).
        Staff.objects.get_or_create(
            user=admin, defaults={"school": school, "role": Staff.Role.ADMIN}
        )
        give_typical_term_dates(school, timezone.localdate())
        result = admission.sync_now(school)
        if isinstance(result, RunOutcome):
            self.stdout.write(f"{school.name}: not synced now ({result}); the worker will.")
            return
        summary = result_summary(result)
        self.stdout.write(
            f"Synced {school.name}: {summary['status']}, {summary['created']} created, "
            f"{summary['updated']} updated, {summary['unchanged']} unchanged, "
            f"{summary['archived']} archived."
        )
