from __future__ import annotations

import datetime as dt
import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from pupilsync.management.lookup import school_arg
from pupilsync.termdates import (
    FIELDS,
    NAMES,
    TermDatesError,
    TermDatesWarning,
    set_term_dates,
    terms_for,
)


class Command(BaseCommand):
    help = "Show a school's term dates, or set one year's: --year 2026 --autumn1 2026-09-01 ..."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("school", help="our id or the Wonde id")
        parser.add_argument("--json", action="store_true")
        parser.add_argument("--year", type=int, help="the academic year: 2026 is 2026/27")
        for name in FIELDS:
            what = "last day of Summer 2" if name == "summer_end" else f"start of {NAMES[name]}"
            parser.add_argument(f"--{name.replace('_', '-')}", type=_date, help=f"{what} (ISO)")
        parser.add_argument(
            "--despite-warnings",
            action="store_true",
            help="save dates that would pause the sync for longer than a summer holiday",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        school = school_arg(options["school"])
        given = {name: options[name] for name in FIELDS}
        if any(given.values()) and options["year"] is None:
            raise CommandError("say which academic year the dates are for: --year 2026")
        if options["year"] is not None:
            try:
                set_term_dates(
                    school,
                    options["year"],
                    given,
                    despite_warnings=options["despite_warnings"],
                )
            except TermDatesWarning as warning:
                why = "\n".join(warning.problems)
                raise CommandError(f"{why}\nIf that is right, add --despite-warnings.") from None
            except TermDatesError as error:
                raise CommandError("\n".join(error.problems)) from None
        rows = [t.as_json() for t in terms_for(school)]
        if options["json"]:
            self.stdout.write(json.dumps(rows, indent=2))
            return
        if not rows:
            self.stdout.write(f"{school.name} has no term dates: add them with --year.")
        for row in rows:
            dates = "  ".join(
                f"{NAMES[n].replace('the end of ', 'end ')}: {row[n]}" for n in FIELDS
            )
            self.stdout.write(f"{row['label']}  {dates}")


def _date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise ValueError(f"{value!r} is not a date like 2026-09-01") from None
