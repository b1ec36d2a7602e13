from __future__ import annotations

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from pupilsync import audit
from pupilsync.management.lookup import school_arg
from pupilsync.models import School
from pupilsync.privacy import departure, retention
from pupilsync.privacy.retention import RetentionError

FLAGS = ("delete_photo_on_leaving", "delete_contacts_on_leaving")


class Command(BaseCommand):
    help = (
        "Apply a school's retention to its leavers now (--dry-run: say what would go), change "
        "its retention settings (--set extra_years=0..6, --set delete_photo_on_leaving=on|off, "
        "--set delete_contacts_on_leaving=on|off), or on the school's written request delete "
        "all its pupil data at once (--delete-school-data --request REF --yes)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("school", help="our id or the Wonde id")
        parser.add_argument("--dry-run", action="store_true")
        parser.add_argument("--json", action="store_true")
        parser.add_argument("--set", action="append", default=[], metavar="KEY=VALUE")
        parser.add_argument("--delete-school-data", action="store_true")
        parser.add_argument("--request", default="", help="the school's written request")
        parser.add_argument("--yes", action="store_true", help="do not ask")

    def handle(self, *args: Any, **options: Any) -> None:
        school = school_arg(options["school"])
        if options["delete_school_data"]:
            self._delete_all(school, options)
            return
        if options["set"]:
            self._set(school, options["set"])
        result = retention.apply_retention(school, dry_run=options["dry_run"], by=audit.cli_actor())
        if options["json"]:
            self.stdout.write(json.dumps(result.as_dict(), indent=2))
            return
        policy = retention.settings_for(school)
        verb = "would be" if result.dry_run else "were"
        self.stdout.write(
            f"{school.name}: leavers kept to the end of the academic year after leaving + "
            f"{policy.extra_years} year(s); anonymised if they left before "
            f"{result.keep_from:%-d %B %Y}"
        )
        self.stdout.write(
            f"{result.photos} leavers' photos, {result.contacts} leavers' contacts {verb} "
            f"deleted; {result.anonymised} leavers {verb} anonymised"
        )
        for row in result.pupils:
            self.stdout.write(
                f"  {row['upn'] or '-':<14} {row['name']} (left {row['leaving_date']})"
            )

    def _set(self, school: School, items: list[str]) -> None:
        policy = retention.settings_for(school)
        values: dict[str, Any] = {
            "extra_years": policy.extra_years,
            **{flag: getattr(policy, flag) for flag in FLAGS},
        }
        for item in items:
            key, _, value = (part.strip() for part in item.partition("="))
            if key == "extra_years" and value.isdigit():
                values[key] = int(value)
            elif key in FLAGS and value in ("on", "off"):
                values[key] = value == "on"
            else:
                raise CommandError(f"{item!r}: not a retention setting; nothing was changed")
        try:
            retention.update_settings(school, by=audit.cli_actor(), **values)
        except RetentionError as error:
            raise CommandError(f"{error}; nothing was changed") from error

    def _delete_all(self, school: School, options: dict[str, Any]) -> None:
        if not options["request"].strip():
            raise CommandError("give the school's written request: --request REF")
        if not options["yes"]:
            answer = input(
                f"Delete every pupil record of {school.name}? It cannot be undone [y/N] "
            )
            if answer.strip().lower() != "y":
                raise CommandError("nothing was deleted")
        counts = departure.delete_school_data(
            school, request=options["request"].strip(), by=audit.cli_actor()
        )
        self.stdout.write(json.dumps(counts) if options["json"] else f"deleted: {counts}")
