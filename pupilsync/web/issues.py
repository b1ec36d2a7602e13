"""A run's sync issues, filtered by severity and by pupil, as rows or as CSV."""

from __future__ import annotations

import csv
import io
from typing import Any

from django import forms
from django.db.models import Q, QuerySet

from pupilsync.labels import issue_text
from pupilsync.models import SyncIssue, SyncRun
from pupilsync.sync.records import display_name

SEVERITIES = [("", "All severities"), *SyncIssue.Severity.choices]
CSV_COLUMNS = ("severity", "code", "pupil", "upn", "message")


class IssueFilters(forms.Form):
    severity = forms.ChoiceField(label="Severity", required=False, choices=SEVERITIES)
    pupil = forms.CharField(label="Pupil", required=False, max_length=100)


def issues_of(run: SyncRun, filters: dict[str, Any]) -> QuerySet[SyncIssue]:
    rows = SyncIssue.objects.filter(run=run, school_id=run.school_id).select_related("pupil")
    if filters.get("severity"):
        rows = rows.filter(severity=filters["severity"])
    for word in (filters.get("pupil") or "").split():
        rows = rows.filter(
            Q(pupil_ref__icontains=word)
            | Q(pupil__forename__icontains=word)
            | Q(pupil__surname__icontains=word)
            | Q(pupil__upn__iexact=word)
        )
    return rows.order_by("id")


def pupil_name(issue: SyncIssue) -> str:
    if issue.pupil is not None:
        return display_name(issue.pupil.forename, issue.pupil.surname)
    return issue.pupil_ref


def as_csv(rows: QuerySet[SyncIssue]) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(CSV_COLUMNS)
    for issue in rows.iterator(chunk_size=500):
        upn = issue.pupil.upn if issue.pupil is not None else ""
        writer.writerow(
            [
                issue.severity,
                issue.code,
                _safe(pupil_name(issue)),
                upn,
                _safe(issue_text(issue.code, issue.message)),
            ]
        )
    return out.getvalue()


def _safe(text: str) -> str:
    # A cell starting with = + - @ runs as a formula in a spreadsheet: MIS text is not trusted.
    return "'" + text if text[:1] in {"=", "+", "-", "@"} else text
