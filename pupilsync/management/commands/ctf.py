from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from pupilsync.ctf import report
from pupilsync.ctf.errors import CtfError
from pupilsync.ctf.reader import MAX_BYTES
from pupilsync.ctf.service import Imported, Preview, apply, build_preview, nothing_importable
from pupilsync.management.lookup import school_arg
from pupilsync.models.run import AlreadyRunning


class Command(BaseCommand):
    help = (
        "Import a Common Transfer File: `ctf import SCHOOL FILE` shows what would change, "
        "then asks before applying it."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        actions = parser.add_subparsers(dest="action", required=True)
        run = actions.add_parser("import", help="preview a CTF, then apply it when confirmed")
        run.add_argument("school", help="our id or the Wonde id")
        run.add_argument("file", help="the CTF (.xml) exported from the MIS")
        run.add_argument("--dry-run", action="store_true", help="show the preview, change nothing")
        run.add_argument("--yes", action="store_true", help="apply without asking")
        run.add_argument(
            "--json", action="store_true", help="print the preview (and result) as JSON"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        school = school_arg(options["school"])
        path = Path(options["file"])
        try:
            preview = build_preview(school, _read(path), file_name=path.name)
        except CtfError as error:
            raise CommandError(f"{path.name} was not imported: {error}") from None
        if options["json"]:
            self._json(preview, options)
            return
        for line in report.preview_lines(preview):
            self.stdout.write(line)
        self._refuse_if_nothing_importable(preview, path)
        if options["dry_run"] or not self._confirmed(preview, options["yes"]):
            return
        imported = self._apply(preview, path)
        done = report.imported_dict(imported)
        self.stdout.write(
            "Imported: {created} new, {updated} updated, {assessments} results; "
            "{flagged} to review, {rejected} rejected.".format(**done)
        )
        self.stdout.write(f"Issues: pupilsync issues {school.pk} --run {imported.run.pk}")

    def _refuse_if_nothing_importable(self, preview: Preview, path: Path) -> None:
        # A file whose every pupil was refused is a failure, not an import of nothing: the
        # exit code tells a script, and no run is recorded as completed.
        if not preview.result.importable:
            raise CommandError(f"{path.name} was not imported: {nothing_importable(preview)}")

    def _json(self, preview: Preview, options: dict[str, Any]) -> None:
        out = report.preview_dict(preview)
        if not preview.result.importable:
            self.stdout.write(json.dumps(out, indent=2, ensure_ascii=False))
            self._refuse_if_nothing_importable(preview, Path(preview.file_name))
        if not options["dry_run"]:
            if not options["yes"]:
                raise CommandError("not applied: with --json, add --yes to apply, or --dry-run")
            out["imported"] = report.imported_dict(self._apply(preview, Path(preview.file_name)))
        self.stdout.write(json.dumps(out, indent=2, ensure_ascii=False))

    def _apply(self, preview: Preview, path: Path) -> Imported:
        try:
            return apply(preview)
        except (CtfError, AlreadyRunning) as error:
            raise CommandError(f"{path.name} was not imported: {error}") from None

    def _confirmed(self, preview: Preview, yes: bool) -> bool:
        if preview.result.plan.is_empty and not preview.result.results:
            self.stdout.write("Nothing to change.")
            return False
        if yes:
            return True
        if not sys.stdin.isatty():
            raise CommandError("not applied: add --yes to apply without asking, or --dry-run")
        if input("Apply these changes? [y/N] ").strip().lower() not in ("y", "yes"):
            self.stdout.write("Not applied; nothing changed.")
            return False
        return True


def _read(path: Path) -> bytes:
    if not path.is_file():
        raise CtfError(f"there is no file at {path}")
    if path.stat().st_size > MAX_BYTES:
        raise CtfError(f"the file is too large ({path.stat().st_size / 2**20:.1f} MB)")
    return path.read_bytes()
