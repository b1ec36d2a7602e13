"""Account > Admin > Change School Settings > Term Dates: each academic year's half-terms.

`termdates.set_term_dates` checks and saves one year; its problems name the half-term they are
about, so each is shown next to that field and nothing is saved.
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
from pupilsync.sync.academic import academic_year, label
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


class TermDatesForm(forms.Form):
    academic_year = forms.TypedChoiceField(coerce=int, label="Academic year")

    def __init__(self, *args: object, years: list[int], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["academic_year"].choices = [(y, label(y)) for y in years]  # type: ignore[attr-defined]
        for name in termdates.FIELDS:
            self.fields[name] = forms.DateField(
                label=LABELS[name],
                widget=forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"}),
            )

    def show_problems(self, problems: list[str]) -> None:
        """Put each of the domain's problems next to the date it is about."""
        for problem in problems:
            self.add_error(_field_of(problem), problem)


def _field_of(problem: str) -> str | None:
    # "the end of Summer 2" first: it also contains "Summer 2".
    for name in sorted(termdates.FIELDS, key=lambda n: n != "summer_end"):
        if problem.lower().startswith(termdates.NAMES[name].lower()):
            return name
    return None


@require_http_methods(["GET", "POST"])
@admin_required
def term_dates(request: HttpRequest) -> HttpResponse:
    school = school_of(request)
    this_year = academic_year(timezone.localdate())
    years = [this_year - 1, this_year, this_year + 1]
    held = {row.academic_year: row for row in TermDates.objects.filter(school=school)}
    if request.method == "POST":
        form = TermDatesForm(request.POST, years=years)
        if form.is_valid():
            year = form.cleaned_data["academic_year"]
            dates: dict[str, dt.date | None] = {n: form.cleaned_data[n] for n in termdates.FIELDS}
            try:
                termdates.set_term_dates(school, year, dates)
            except termdates.TermDatesError as error:
                form.show_problems(error.problems)
            else:
                audit.record(school, audit.TERM_DATES_CHANGED, user=request.user, year=year)
                messages.success(request, f"The term dates for {label(year)} are saved.")
                return redirect(f"{request.path}?year={year}")
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
        "date_fields": [form[name] for name in termdates.FIELDS],
        "held": [(label(y), termdates.terms_of(held[y])) for y in sorted(held, reverse=True)],
        "years": [(y, label(y), y in held) for y in years],
    }
    return render(request, "pupilsync/admin/term_dates.html", context)
