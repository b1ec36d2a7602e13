from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from pupilsync.accounts import MemberError, add_member, generated_password
from pupilsync.management.lookup import school_arg
from pupilsync.models import Staff
from pupilsync.web.throttle import unlock


class Command(BaseCommand):
    help = "Add a user to a school, as an admin or a member of staff; unlock a sign-in."

    def add_arguments(self, parser: CommandParser) -> None:
        actions = parser.add_subparsers(dest="action", required=True)
        add = actions.add_parser("add", help="add a user; prints the password if it made one")
        add.add_argument("school", metavar="SCHOOL", help="our id or the school's Wonde id")
        add.add_argument("email", metavar="EMAIL", help="the user signs in with this")
        add.add_argument("--role", required=True, choices=Staff.Role.values)
        add.add_argument("--password", help="default: a generated one, printed once")
        lift = actions.add_parser("unlock", help="lift a lockout after failed sign-ins")
        lift.add_argument("name", metavar="NAME", nargs="?", default="", help="email or username")
        lift.add_argument("--address", default="", help="also unlock this client address")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] == "unlock":
            self._unlock(options["name"], options["address"])
            return
        school = school_arg(options["school"])
        password = options["password"] or generated_password()
        try:
            member = add_member(school, options["email"], options["role"], password)
        except MemberError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(
            f"Added {member.user.get_username()} as {member.get_role_display().lower()} "
            f"of {school.name}."
        )
        if not options["password"]:
            self.stdout.write(f"Password: {password}")

    def _unlock(self, name: str, address: str) -> None:
        if not name.strip() and not address.strip():
            raise CommandError("give the email or username to unlock, or --address")
        cleared = unlock(name, address)
        what = " and ".join(part for part in (name.strip(), address.strip()) if part)
        self.stdout.write(f"Unlocked {what} ({cleared} failed attempts cleared).")
