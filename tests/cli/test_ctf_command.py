"""`pupilsync ctf import SCHOOL FILE`: a preview, then the import once it is confirmed."""

from __future__ import annotations

import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from pupilsync.models import Assessment, Pupil, SyncRun

pytestmark = pytest.mark.django_db

FILES = Path(__file__).parent.parent / "ctf" / "files"
FULL = str(FILES / "full_v19.xml")
PARTIAL = str(FILES / "partial_v25_results.xml")


def run(*args: str) -> str:
    out = StringIO()
    call_command("ctf", "import", *args, stdout=out)
    return out.getvalue()


def test_a_dry_run_shows_the_preview_and_writes_nothing(school):
    out = run(str(school.pk), FULL, "--dry-run")
    assert "+ new       Maggie Pemberton-Quill (N873900124001, year 6)" in out
    assert "2 new, 0 updated" in out
    assert Pupil.objects.count() == 0


def test_yes_applies_the_import(school):
    out = run(str(school.pk), PARTIAL, "--yes")
    assert "Imported: 2 new, 0 updated, 5 results" in out
    assert Assessment.objects.count() == 5


def test_without_a_terminal_or_yes_nothing_is_applied(school):
    with pytest.raises(CommandError, match="--yes"):
        run(str(school.pk), PARTIAL)
    assert Pupil.objects.count() == 0


def test_a_person_at_the_terminal_is_asked_first(school, monkeypatch):
    monkeypatch.setattr("sys.stdin.isatty", lambda: True)
    monkeypatch.setattr("builtins.input", lambda prompt: "n")
    assert "Not applied" in run(str(school.pk), PARTIAL)
    monkeypatch.setattr("builtins.input", lambda prompt: "y")
    assert "Imported" in run(str(school.pk), PARTIAL)
    assert Pupil.objects.count() == 2


def test_json_gives_the_preview_with_per_field_changes(school):
    run(str(school.pk), FULL, "--yes")
    Pupil.objects.filter(upn="N873900124001").update(ethnicity="WIRI")
    preview = json.loads(run(str(school.pk), FULL, "--dry-run", "--json"))
    assert preview["summary"]["updated"] == 1
    assert preview["updated"][0]["changes"]["ethnicity"] == {"old": "WIRI", "new": "WBRI"}
    assert preview["file"]["previously_imported"]


def test_a_refused_file_says_what_and_where(school):
    with pytest.raises(CommandError, match=r"doctype_entities.xml was not imported: line 4: "):
        run(str(school.pk), str(FILES / "doctype_entities.xml"), "--dry-run")


def test_a_missing_file_is_refused(school):
    with pytest.raises(CommandError, match="no file"):
        run(str(school.pk), "/nonexistent/file.xml")


def test_a_file_whose_every_pupil_is_refused_exits_non_zero_and_says_so(school):
    refused = str(FILES / "all_refused.xml")
    with pytest.raises(CommandError, match="no pupil in the file could be imported"):
        run(str(school.pk), refused, "--yes")
    assert not SyncRun.objects.exists()


def test_a_dry_run_of_a_file_with_no_importable_pupil_also_fails(school):
    with pytest.raises(CommandError, match="2 rejected"):
        run(str(school.pk), str(FILES / "all_refused.xml"), "--dry-run")
