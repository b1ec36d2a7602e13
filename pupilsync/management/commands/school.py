from __future__ import annotations

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from pupilsync.connection import ConnectionProblem, Contact, add_school, request_access
from pupilsync.management.lookup import school_arg
from pupilsync.models import School


class Command(BaseCommand):
    help = "Add or list schools, or request access to a school's data in Wonde."

    def add_arguments(self, parser: CommandParser) -> None:
        actions = parser.add_subparsers(dest="action", required=True)
        add = actions.add_parser("add", help="add a school; prints its id")
        add.add_argument("--name", required=True)
        add.add_argument("--wonde-id", required=True)
        add.add_argument("--urn", default="")
        listing = actions.add_parser("list", help="list schools")
        listing.add_argument("--json", action="store_true")
        request = actions.add_parser(
            "request", help="request access in Wonde, naming the member of staff to contact"
        )
        request.add_argument("school", help="our id or the Wonde id")
        request.add_argument("--first-name", required=True)
        request.add_argument("--last-name", required=True)
        request.add_argument("--email", required=True)
        request.add_argument("--phone", default="")
        request.add_argument("--notes", default="")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            if options["action"] == "add":
                self._add(options)
            elif options["action"] == "request":
                self._request(options)
            else:
                self._list(options["json"])
        except ConnectionProblem as problem:
            raise CommandError(str(problem)) from None

    def _add(self, options: dict[str, Any]) -> None:
        school, note = add_school(options["name"], options["wonde_id"], urn=options["urn"])
        self.stdout.write(str(school.pk))
        self.stderr.write(f"{school.name}: {school.get_connection_display()}. {note}".strip())

    def _request(self, options: dict[str, Any]) -> None:
        school = school_arg(options["school"])
        contact = Contact(
            first_name=options["first_name"],
            last_name=options["last_name"],
            email=options["email"],
            phone=options["phone"],
            notes=options["notes"],
        )
        request_access(school, contact)
        self.stdout.write(
            f"{school.name}: {school.get_connection_display()}. Wonde will ask "
            f"{contact.first_name} {contact.last_name} to approve pupilsync."
        )

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
            self.stdout.write(
                f"{row['id']:>4}  {row['wonde_id']:<14} {row['connection']:<14} {row['name']}"
            )
