from __future__ import annotations

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from pupilsync import school_settings
from pupilsync.management.lookup import school_arg
from pupilsync.school_settings import SettingsError


class Command(BaseCommand):
    help = (
        "Show or change a school's sync settings and custom SEN codes. Keys: "
        + ", ".join(school_settings.KEYS)
        + ". Values: on or off."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("school", help="our id or the Wonde id")
        parser.add_argument("--json", action="store_true")
        parser.add_argument(
            "--set", action="append", default=[], metavar="KEY=VALUE", help="e.g. sync_photos=off"
        )
        parser.add_argument(
            "--sen-code",
            action="append",
            default=[],
            metavar="CODE=PROVISION",
            help="map a school's own SEN code to N, K or E, e.g. MP=K",
        )
        parser.add_argument(
            "--remove-sen-code", action="append", default=[], metavar="CODE", help="e.g. MP"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        school = school_arg(options["school"])
        try:
            rules = school_settings.update(
                school,
                values=_pairs(options["set"], "--set KEY=VALUE"),
                add_codes=_pairs(options["sen_code"], "--sen-code CODE=PROVISION"),
                remove_codes=options["remove_sen_code"],
            )
        except SettingsError as error:
            raise CommandError(f"{error}; nothing was changed") from error
        described = school_settings.describe(rules)
        if options["json"]:
            self.stdout.write(json.dumps(described, indent=2))
            return
        for row in described["settings"]:
            value = _shown(row["value"])
            self.stdout.write(f"{value}  {row['key']:<32} {row['label']}")
        codes = [f"{c['code']} = {c['provision']} ({c['meaning']})" for c in described["sen_codes"]]
        self.stdout.write("custom SEN codes: " + (", ".join(codes) or "none"))


def _pairs(items: list[str], shape: str) -> dict[str, str]:
    pairs = {}
    for item in items:
        key, sep, value = item.partition("=")
        if not sep or not key.strip():
            raise CommandError(f"{item!r} is not {shape}; nothing was changed")
        pairs[key.strip()] = value.strip()
    return pairs


def _shown(value: bool | int) -> str:
    if isinstance(value, bool):
        return "on " if value else "off"
    return f"{value}%"
