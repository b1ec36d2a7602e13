from __future__ import annotations

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from pupilsync.models import School


class Command(BaseCommand):
    help = "Add or list schools."

    def add_arguments(self, parser: CommandParser) -> None:
        actions = parser.add_subparsers(dest="action", required=True)
        add = actions.add_parser("add", help="add a school; prints its id")
        add.add_argument("--name", required=True)
        add.add_argument("--wonde-id", required=True)
        add.add_argument("--urn", default="")
        listing = actions.add_parser("list", help="list schools")
        listing.add_argument("--json", action="store_true")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] == "add":
            self._add(options)
        else:
            self._list(options["json"])

    def _add(self, options: dict[str, Any]) -> None:
        wonde_id = options["wonde_id"].strip()
        if School.objects.filter(wonde_id=wonde_id).exists():
            raise CommandError(f"a school with Wonde id {wonde_id} already exists")
        school = School.objects.create(
            name=options["name"].strip(), wonde_id=wonde_id, urn=options["urn"].strip()
        )
        self.stdout.write(str(school.pk))

    def _list(self, as_json: bool) -> None:
        rows = [
            {
                "id": s.pk,
                "name": s.name,
                "wonde_id": s.wonde_id,
                "urn": s.urn,
                "connection": s.connection,
            }
            for s in School.objects.order_by("pk")
        ]
        if as_json:
            self.stdout.write(json.dumps(rows, indent=2))
            return
        for row in rows:
            self.stdout.write(f"{row['id']:>4}  {row['wonde_id']:<14} {row['name']}")
