from __future__ import annotations

import datetime as dt
import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from pupilsync.management.lookup import school_arg
from pupilsync.scheduling import advice
from pupilsync.scheduling.gate import schedule_for
from pupilsync.scheduling.window import window_from_settings


class Command(BaseCommand):
    help = "Say whether a school's sync would run at a moment (default now) and, if not, why."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("school", help="our id or the Wonde id")
        parser.add_argument("--at", help="a date or datetime (ISO), in the sync timezone if naive")
        parser.add_argument("--json", action="store_true")

    def handle(self, *args: Any, **options: Any) -> None:
        school = school_arg(options["school"])
        at = _moment(options["at"]) if options["at"] else timezone.now()
        decision = schedule_for(school, at)
        window = window_from_settings()
        night = window.night_of(at) or at.astimezone(window.tz).date()
        slot = window.slot(night, school.wonde_id)
        out = advice.as_json(decision) | {"at": at.isoformat(), "nightly_slot": slot.isoformat()}
        if options["json"]:
            self.stdout.write(json.dumps(out, indent=2))
            return
        verdict = "would run" if decision.allowed else "would NOT run"
        self.stdout.write(f"{school.name} at {at:%Y-%m-%d %H:%M}: {verdict}. {decision.reason}")
        for line in [*decision.warnings, advice.what_to_do(decision)]:
            if line:
                self.stdout.write(line)
        self.stdout.write(f"Nightly slot: {slot:%H:%M} ({window.tz.key}).")


def _moment(value: str) -> dt.datetime:
    try:
        at = dt.datetime.fromisoformat(value)
    except ValueError:
        raise CommandError(
            f"--at {value!r} is not a date or datetime like 2027-01-01T02:00"
        ) from None
    if timezone.is_naive(at):
        at = at.replace(tzinfo=window_from_settings().tz)
    return at
