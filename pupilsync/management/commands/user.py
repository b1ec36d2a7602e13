from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from pupilsync.accounts import MemberError, add_member, generated_password
from pupilsync.management.lookup import school_arg
from pupilsync.models import Staff


class Command(BaseCommand):
    help = "Add a user to a school, as an admin or a member of staff."

    def add_arguments(self, parser: CommandParser) -> None:
        actions = parser.add_subparsers(dest="action", required=True)
        add = actions.add_parser("add", help="add a user; prints the password if it made one")
        add.add_argument("school", metavar="SCHOOL", help="our id or the school's Wonde id")
        add.add_argument("email", metavar="EMAIL", help="the user signs in with this")
        add.add_argument("--role", required=True, choices=Staff.Role.values)
        add.add_argument("--password", help="default: a generated one, printed once")

    def handle(self, *args: Any, **options: Any) -> None:
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
