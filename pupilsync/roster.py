"""The pupils list: each pupil's latest academic year, filtered and searched in the database.

One row per pupil comes from PupilYear (the newest year held for that pupil, so a pupil who
left last July still shows their last year group). Photos are an EXISTS, never loaded, so a
page of pupils is two queries (count and rows) however many pupils it shows.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import Any

from django import forms
from django.db.models import Exists, OuterRef, Q, QuerySet

from pupilsync.census import PROVISIONS
from pupilsync.models import PupilPhoto, PupilYear, School
from pupilsync.sync import attendance

# A class dropdown's choices: (year group's label, its classes).
Grouped = list[tuple[str, list[str]]]
UPN_PART = 3
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

    def __init__(self, data: Any, *, years: list[str], groups: Grouped) -> None:
        super().__init__(data)
        year, group = self.fields["year"], self.fields["group"]
        assert isinstance(year, forms.ChoiceField) and isinstance(group, forms.ChoiceField)
        year.choices = [("", "All years"), *((y, year_group_label(y)) for y in years)]
        # Hundreds of classes in a secondary: one <optgroup> a year group makes the list usable.
        group.choices = [
            ("", "All classes"),
            *((name, [(g, g) for g in gs]) for name, gs in groups),
        ]


def latest_years(school: School) -> QuerySet[PupilYear]:
    newer = PupilYear.objects.filter(
        pupil=OuterRef("pupil"), academic_year__gt=OuterRef("academic_year")
    )
    return PupilYear.objects.filter(school=school).exclude(Exists(newer))


def roll_of(data: Any) -> str:
    """The Status filter asked for (on roll unless it says otherwise)."""
    asked = data.get("roll") or "on"
    return asked if asked in dict(ROLL_CHOICES) else "on"


def filter_choices(school: School, roll: str = "on") -> tuple[list[str], Grouped]:
    """Year groups and classes (registration groups and teaching classes) of the pupils the
    Status filter shows, so a year group no current pupil is in is not offered; each class
    under the year group most of its pupils are in."""
    years: set[str] = set()
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    rows = _on_roll(latest_years(school), roll)
    for year, registration, classes in rows.values_list(
        "year_group", "registration_group", "classes"
    ):
        if year:
            years.add(year)
        named = {registration or "", *(c for c in classes or [] if isinstance(c, str))}
        for group in named - {""}:
            counts[group][year or ""] += 1
    by_year: dict[str, list[str]] = defaultdict(list)
    for group, in_years in counts.items():
        by_year[min(in_years, key=lambda y: (-in_years[y], _year_order(y)))].append(group)
    grouped = [
        (year_group_label(year) if year else "No year group", sorted(by_year[year]))
        for year in sorted(by_year, key=_year_order)
    ]
    return sorted(years, key=_year_order), grouped


def _on_roll(rows: QuerySet[PupilYear], roll: str) -> QuerySet[PupilYear]:
    return rows if roll == "all" else rows.filter(pupil__on_roll=roll == "on")


def pupil_rows(school: School, filters: dict[str, Any]) -> QuerySet[PupilYear]:
    rows = latest_years(school).select_related("pupil")
    rows = rows.annotate(has_photo=Exists(PupilPhoto.objects.filter(pupil=OuterRef("pupil"))))
    rows = _on_roll(rows, filters.get("roll") or "on")
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
    for word in search_words(filters.get("q") or ""):
        rows = rows.filter(_matching(word))
    return rows.order_by("pupil__surname", "pupil__forename", "pupil_id")


def search_words(text: str) -> list[str]:
    """The words of a search: the list shows "Evans, Jessica", so a comma separates too."""
    return text.replace(",", " ").split()


def _matching(word: str) -> Q:
    """A pupil whose name contains the word, or whose UPN does: part of a UPN (a few of its
    characters, with a digit, so a name's letters do not match every UPN) finds it too."""
    names = Q(pupil__forename__icontains=word) | Q(pupil__surname__icontains=word)
    if len(word) >= UPN_PART and any(c.isdigit() for c in word):
        return names | Q(pupil__upn__icontains=word)
    return names | Q(pupil__upn__iexact=word)


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


def year_group_label(year: str) -> str:
    return f"Year {year}" if year.isdigit() else {"R": "Reception", "N": "Nursery"}.get(year, year)
