"""Account > Admin > Change School Settings > Term Dates: each academic year's half-terms.

`termdates.set_term_dates` checks and saves one year; each of its findings names the date it
is about, so it is shown next to that field. An error saves nothing; a warning (a summer pause
longer than a holiday) saves only once the admin ticks that the dates are right.
"""

from __future__ import annotations

import datetime as dt

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from pupilsync import audit, termdates
from pupilsync.models import TermDates
from pupilsync.termdates import label
from pupilsync.web.access import admin_required, school_of

LABELS = {
    "autumn1": "Autumn 1 starts",
    "autumn2": "Autumn 2 starts",
    "spring1": "Spring 1 starts",
    "spring2": "Spring 2 starts",
    "summer1": "Summer 1 starts",
    "summer2": "Summer 2 starts",
    "summer_end": "Summer 2 ends",
}


CONFIRM_LABEL = "These dates are right: save them anyway"


class TermDatesForm(forms.Form):
    academic_year = forms.TypedChoiceField(coerce=int, label="Academic year")
    despite_warnings = forms.BooleanField(required=False, label=CONFIRM_LABEL)

    def __init__(self, *args: object, years: list[int], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["academic_year"].choices = [(y, label(y)) for y in years]  # type: ignore[attr-defined]
        for name in termdates.FIELDS:
            self.fields[name] = forms.DateField(
                label=LABELS[name],
                widget=forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"}),
            )

        self.warnings: dict[str, list[str]] = {}

    def show_problems(self, findings: list[termdates.Finding]) -> None:
        """Put each of the domain's errors next to the date it is about."""
        for finding in findings:
            self.add_error(finding.field, finding.text)

    def show_warnings(self, findings: list[termdates.Finding]) -> None:
        for finding in findings:
            self.warnings.setdefault(finding.field or "", []).append(finding.text)


@require_http_methods(["GET", "POST"])
@admin_required
def term_dates(request: HttpRequest) -> HttpResponse:
    school = school_of(request)
    held = {row.academic_year: row for row in TermDates.objects.filter(school=school)}
    terms = [termdates.terms_of(row) for row in held.values()]
    this_year = termdates.academic_year_on(timezone.localdate(), terms)
    years = [this_year - 1, this_year, this_year + 1]
    if request.method == "POST":
        form = TermDatesForm(request.POST, years=years)
        if form.is_valid():
            saved = _save(request, form, held)
            if saved is not None:
                messages.success(request, f"The term dates for {label(saved)} are saved.")
                return redirect(f"{request.path}?year={saved}")
    else:
        asked = request.GET.get("year", "")
        year = int(asked) if asked.isdigit() and int(asked) in years else this_year
        row = held.get(year)
        initial: dict[str, object] = {"academic_year": year}
        if row is not None:
            initial |= {name: getattr(row, name) for name in termdates.FIELDS}
        form = TermDatesForm(initial=initial, years=years)
    context = {
        "form": form,
        "date_fields": [(form[name], form.warnings.get(name, [])) for name in termdates.FIELDS],
        "warned": bool(form.warnings),
        "held": [(label(y), termdates.terms_of(held[y])) for y in sorted(held, reverse=True)],
        "years": [(y, label(y), y in held) for y in years],
    }
    return render(request, "pupilsync/admin/term_dates.html", context)


def _save(request: HttpRequest, form: TermDatesForm, held: dict[int, TermDates]) -> int | None:
    """The year saved, or None with the findings shown on the form."""
    year = form.cleaned_data["academic_year"]
    dates: dict[str, dt.date | None] = {n: form.cleaned_data[n] for n in termdates.FIELDS}
    despite = form.cleaned_data["despite_warnings"]
    try:
        saved = termdates.set_term_dates(school_of(request), year, dates, despite_warnings=despite)
    except termdates.TermDatesWarning as warning:
        form.show_warnings(warning.findings)
        return None
    except termdates.TermDatesError as error:
        form.show_problems(error.findings)
        return None
    _audit(request, saved, held.get(year))
    return year


def _audit(request: HttpRequest, after: termdates.Terms, before: TermDates | None) -> None:
    """Keep the dates saved and, for a change, what each changed date was."""
    dates = {LABELS[n]: f"{getattr(after, n):%d %b %Y}" for n in termdates.FIELDS}
    was = {
        LABELS[n]: f"{getattr(before, n):%d %b %Y}"
        for n in termdates.FIELDS
        if before is not None and getattr(before, n) != getattr(after, n)
    }
    audit.record(
        school_of(request),
        audit.TERM_DATES_CHANGED,
        user=request.user,
        year=label(after.academic_year),
        dates=dates,
        was=was,
    )
