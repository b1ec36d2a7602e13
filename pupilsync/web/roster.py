"""The pupils list: each pupil's latest academic year, filtered and searched in the database.

One row per pupil comes from PupilYear (the newest year held for that pupil, so a pupil who
left last July still shows their last year group). Photos are an EXISTS, never loaded, so a
page of pupils is two queries (count and rows) however many pupils it shows.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from django import forms
from django.db.models import Exists, OuterRef, Q, QuerySet

from pupilsync.models import PupilPhoto, PupilYear, School
from pupilsync.sync import attendance
from pupilsync.sync.rules import PROVISIONS

YES_NO = [("", "Any"), ("yes", "Yes"), ("no", "No")]
SEN_CHOICES = [("", "Any"), ("any", "Any SEN (K or E)"), *PROVISIONS.items()]
ROLL_CHOICES = [("on", "On roll"), ("left", "Left"), ("all", "On roll and left")]


class PupilFilters(forms.Form):
    q = forms.CharField(label="Search", required=False, max_length=100)
    year = forms.ChoiceField(label="Year", required=False)
    group = forms.ChoiceField(label="Class", required=False)
    sen = forms.ChoiceField(label="SEN provision", required=False, choices=SEN_CHOICES)
    pp = forms.ChoiceField(label="Pupil premium", required=False, choices=YES_NO)
    eal = forms.ChoiceField(label="EAL", required=False, choices=YES_NO)
    roll = forms.ChoiceField(label="Status", required=False, choices=ROLL_CHOICES)

    def __init__(self, data: Any, *, years: list[str], groups: list[str]) -> None:
        super().__init__(data)
        year, group = self.fields["year"], self.fields["group"]
        assert isinstance(year, forms.ChoiceField) and isinstance(group, forms.ChoiceField)
        year.choices = [("", "All years"), *((y, _year_label(y)) for y in years)]
        group.choices = [("", "All classes"), *((g, g) for g in groups)]


def latest_years(school: School) -> QuerySet[PupilYear]:
    newer = PupilYear.objects.filter(
        pupil=OuterRef("pupil"), academic_year__gt=OuterRef("academic_year")
    )
    return PupilYear.objects.filter(school=school).exclude(Exists(newer))


def filter_choices(school: School) -> tuple[list[str], list[str]]:
    """Year groups and classes (registration groups and teaching classes) held for the school."""
    years: set[str] = set()
    groups: set[str] = set()
    rows = latest_years(school).values_list("year_group", "registration_group", "classes")
    for year, registration, classes in rows:
        if year:
            years.add(year)
        if registration:
            groups.add(registration)
        groups.update(c for c in classes or [] if isinstance(c, str))
    return sorted(years, key=_year_order), sorted(groups)


def pupil_rows(school: School, filters: dict[str, Any]) -> QuerySet[PupilYear]:
    rows = latest_years(school).select_related("pupil")
    rows = rows.annotate(has_photo=Exists(PupilPhoto.objects.filter(pupil=OuterRef("pupil"))))
    roll = filters.get("roll") or "on"
    if roll != "all":
        rows = rows.filter(pupil__on_roll=roll == "on")
    if filters.get("year"):
        rows = rows.filter(year_group=filters["year"])
    if group := filters.get("group"):
        # A class name as it appears inside the stored JSON list: quoted, so "7A" is not "7AB".
        rows = rows.filter(Q(registration_group=group) | Q(classes__icontains=json.dumps(group)))
    sen = filters.get("sen")
    if sen == "any":
        rows = rows.filter(sen_provision__in=["K", "E"])
    elif sen:
        rows = rows.filter(sen_provision=sen)
    if filters.get("pp"):
        rows = rows.filter(pupil_premium=filters["pp"] == "yes")
    if filters.get("eal"):
        rows = rows.filter(pupil__eal=filters["eal"] == "yes")
    for word in (filters.get("q") or "").split():
        rows = rows.filter(
            Q(pupil__forename__icontains=word)
            | Q(pupil__surname__icontains=word)
            | Q(pupil__upn__iexact=word)
        )
    return rows.order_by("pupil__surname", "pupil__forename", "pupil_id")


@dataclass(frozen=True)
class Row:
    """One line of the list, ready for the template."""

    year: PupilYear
    attendance: float | None

    @property
    def pupil(self) -> Any:
        return self.year.pupil


def rows_for_page(years: list[PupilYear]) -> list[Row]:
    return [
        Row(
            year,
            attendance.percentage(
                {"att_possible": year.att_possible, "att_present": year.att_present}
            ),
        )
        for year in years
    ]


def _year_order(year: str) -> tuple[int, str]:
    return (int(year), "") if year.isdigit() else (-1 if year in {"N", "R"} else 99, year)


def _year_label(year: str) -> str:
    return f"Year {year}" if year.isdigit() else {"R": "Reception", "N": "Nursery"}.get(year, year)
