from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.core.serializers.json import DjangoJSONEncoder
from django.template.loader import render_to_string

from pupilsync import audit
from pupilsync.history import pupil_by_upn
from pupilsync.management.lookup import school_arg
from pupilsync.models import Pupil, School
from pupilsync.privacy import access_log, erasure, subject_access


class Command(BaseCommand):
    help = (
        "One pupil's data protection requests: `export SCHOOL UPN [--html FILE]` (subject "
        "access: everything held, as JSON), `erase SCHOOL UPN --request REF` (remove their "
        "personal data; a later sync records an issue instead of recreating them) and "
        "`clear-erasure SCHOOL UPN` (let the sync bring them back)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        actions = parser.add_subparsers(dest="action", required=True)
        export = actions.add_parser("export", help="everything held about the pupil")
        erase = actions.add_parser("erase", help="erase the pupil's personal data")
        clear = actions.add_parser("clear-erasure", help="let a later sync bring them back")
        for sub in (export, erase, clear):
            sub.add_argument("school", help="our id or the Wonde id")
            sub.add_argument("upn", help="the pupil's UPN")
        export.add_argument("--html", metavar="FILE", help="also write a readable HTML page")
        erase.add_argument("--request", required=True, help="the written request it answers")
        erase.add_argument("--yes", action="store_true", help="do not ask")

    def handle(self, *args: Any, **options: Any) -> None:
        school = school_arg(options["school"])
        action = options["action"]
        if action == "clear-erasure":
            self._clear(school, options["upn"])
            return
        pupil = pupil_by_upn(school, options["upn"])
        if pupil is None:
            raise CommandError(f"no pupil with UPN {options['upn']!r} at {school}")
        if action == "export":
            self._export(pupil, options["html"])
        else:
            self._erase(pupil, options["request"], options["yes"])

    def _export(self, pupil: Pupil, html: str | None) -> None:
        data = subject_access.export(pupil)
        audit.record(pupil.school, subject_access.EXPORTED, pupil=pupil.pk)
        access_log.record(audit.cli_actor(), pupil.pk, pupil.school, access_log.Kind.EXPORT)
        if html:
            photo = data["photo"]
            src = f"data:image/jpeg;base64,{photo['jpeg_base64']}" if photo else ""
            page = render_to_string(
                "pupilsync/privacy/subject_access_document.html", {"data": data, "photo_src": src}
            )
            Path(html).write_text(page, encoding="utf-8")
        self.stdout.write(json.dumps(data, indent=2, ensure_ascii=False, cls=DjangoJSONEncoder))

    def _erase(self, pupil: Pupil, request: str, yes: bool) -> None:
        if not yes:
            answer = input(f"Erase {pupil} ({pupil.upn})? It cannot be undone [y/N] ")
            if answer.strip().lower() != "y":
                raise CommandError("nothing was erased")
        try:
            done = erasure.erase(pupil, request=request, by=audit.cli_actor())
        except erasure.ErasureError as error:
            raise CommandError(f"{error}; nothing was erased") from error
        self.stdout.write(f"erased (erasure {done.pk}); assessments and year rows kept anonymously")

    def _clear(self, school: School, upn: str) -> None:
        found = erasure.find(school, upn)
        if found is None:
            raise CommandError(f"no erasure in force for UPN {upn!r} at {school}")
        erasure.clear(school, found.pk, by=audit.cli_actor())
        self.stdout.write("erasure cleared: the next sync may bring the pupil back")
