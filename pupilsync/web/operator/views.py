"""/operator/: the fleet board, and one school's run history and issues.

Both read `now()` once per request, so every figure on a page agrees on the time.
"""

from __future__ import annotations

import datetime as dt

from django import forms
from django.core.paginator import Paginator
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.views.decorators.http import require_GET

from pupilsync.models import AccessRequest, ConnectionEvent, School, SyncRun
from pupilsync.operator import fleet
from pupilsync.operator.totals import last_night, night_totals
from pupilsync.web import issues
from pupilsync.web.operator.access import operator_required
from pupilsync.web.operator.rows import rows_for

PAGE_SIZE = 50
RUNS_PAGE_SIZE = 20
ISSUES_PAGE_SIZE = 50


def now() -> dt.datetime:
    return timezone.now()


class BoardFilters(forms.Form):
    search = forms.CharField(label="School", required=False, max_length=100)
    connection = forms.ChoiceField(
        label="Connection", required=False, choices=[("", "Any"), *School.Connection.choices]
    )
    outcome = forms.ChoiceField(
        label="Last sync",
        required=False,
        choices=[
            ("", "Any"),
            ("completed", "Completed"),
            ("failed", "Failed"),
            ("held", "Held"),
            ("running", "Running"),
            ("never", "Never synced"),
        ],
    )
    need = forms.ChoiceField(
        label="Needs action",
        required=False,
        choices=[
            ("", "All schools"),
            ("any", "Needs action"),
            *[(n.key, n.label) for n in fleet.NEEDS],
        ],
    )

    def filters(self) -> fleet.Filters:
        data = self.cleaned_data if self.is_valid() else {}
        return fleet.Filters(**{name: data.get(name) or "" for name in self.fields})


@require_GET
@operator_required
def board(request: HttpRequest) -> HttpResponse:
    at = now()
    form = BoardFilters(request.GET)
    page = Paginator(fleet.board(at, form.filters()), PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    counts = fleet.need_counts(at)
    context = {
        "form": form,
        "page": page,
        "rows": rows_for(fleet.page_of(at, list(page)), at),
        "query": query.urlencode(),
        "totals": night_totals(last_night(at)),
        "need_counts": [(need, counts[need.key]) for need in fleet.NEEDS],
        "now": at,
    }
    return render(request, "pupilsync/operator/board.html", context)


@require_GET
@operator_required
def school(request: HttpRequest, school_id: int) -> HttpResponse:
    at = now()
    found = get_object_or_404(fleet.fleet(at), pk=school_id)
    runs = SyncRun.objects.filter(school=found).annotate(issue_count=Count("issues"))
    runs_page = Paginator(runs.order_by("-started_at", "-id"), RUNS_PAGE_SIZE).get_page(
        request.GET.get("runs")
    )
    run = _chosen_run(request, found)
    issue_page = (
        Paginator(issues.issues_of(run, {}), ISSUES_PAGE_SIZE).get_page(request.GET.get("page"))
        if run
        else None
    )
    context = {
        "school": found,
        "row": rows_for([found], at)[0],
        "runs_page": runs_page,
        "run": run,
        "issue_page": issue_page,
        "query": f"run={run.pk}" if run else "",
        "requests": AccessRequest.objects.filter(school=found)[:5],
        "events": ConnectionEvent.objects.filter(school=found)[:10],
        "now": at,
    }
    return render(request, "pupilsync/operator/school.html", context)


def _chosen_run(request: HttpRequest, school: School) -> SyncRun | None:
    """The run whose issues are shown: ?run=ID of this school, or the latest."""
    runs = SyncRun.objects.filter(school=school)
    chosen = request.GET.get("run", "")
    if chosen.isdigit():
        return get_object_or_404(runs, pk=int(chosen))
    return runs.order_by("-started_at", "-id").first()
