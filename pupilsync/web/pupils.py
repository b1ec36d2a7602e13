"""Pupils: the list, one pupil's page, and their photo."""

from __future__ import annotations

from typing import Any

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, HttpResponseNotModified
from django.shortcuts import get_object_or_404, render
from django.utils.cache import patch_cache_control
from django.views.decorators.http import require_GET

from pupilsync import labels, roster
from pupilsync.models import Pupil, PupilChange, PupilPhoto, PupilYear
from pupilsync.privacy import access_log
from pupilsync.sync import attendance
from pupilsync.sync.options import options_for
from pupilsync.sync.records import YEAR_FIELDS
from pupilsync.termdates import label as year_label
from pupilsync.web.access import member_required, school_of
from pupilsync.web.freshness import freshness

PAGE_SIZE = 50


@require_GET
@member_required
def pupil_list(request: HttpRequest) -> HttpResponse:
    school = school_of(request)
    years, groups = roster.filter_choices(school, roster.roll_of(request.GET))
    form = roster.PupilFilters(request.GET, years=years, groups=groups)
    form.is_valid()  # a value that is not a choice is dropped; the other filters still apply
    rows = roster.pupil_rows(school, form.cleaned_data)
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    shown = list(page.object_list)
    with_photo = [year.pupil_id for year in shown if year.has_photo]
    access_log.record_many(request.user, with_photo, school, access_log.Kind.PHOTO)
    context = {
        "form": form,
        "page": page,
        "rows": roster.rows_for_page(shown),
        "query": query.urlencode(),
        "freshness": freshness(school),
    }
    return render(request, "pupilsync/pupils/list.html", context)


@require_GET
@member_required
def pupil_detail(request: HttpRequest, pupil_id: int) -> HttpResponse:
    school = school_of(request)
    pupil = get_object_or_404(Pupil, pk=pupil_id, school=school)
    has_photo = PupilPhoto.objects.filter(pupil=pupil).exists()
    kinds = [access_log.Kind.PAGE] + ([access_log.Kind.PHOTO] if has_photo else [])
    for kind in kinds:
        access_log.record(request.user, pupil.pk, school, kind)
    rules = options_for(school)
    years = [_year_view(y, rules.add_unexplained_to_unauthorised) for y in pupil.years.all()]
    years.sort(key=lambda y: y["academic_year"], reverse=True)
    context = {
        "pupil": pupil,
        "current": years[0] if years else None,
        "years": years,
        "has_photo": has_photo,
        "freshness": freshness(school),
        "labels": labels,
        "ethnicity": labels.ethnicity(pupil.ethnicity) if pupil.ethnicity else None,
        "first_language": labels.language(pupil.first_language) if pupil.first_language else None,
        "history": PupilChange.objects.filter(pupil=pupil)[:100],
    }
    return render(request, "pupilsync/pupils/detail.html", context)


@require_GET
@member_required
def pupil_photo(request: HttpRequest, pupil_id: int) -> HttpResponse:
    school = school_of(request)
    photo = get_object_or_404(
        PupilPhoto.objects.only("wonde_hash", "image"), pupil_id=pupil_id, school=school
    )
    if not access_log.shown_by_a_page(request):
        access_log.record(request.user, pupil_id, school, access_log.Kind.PHOTO)
    etag = f'"{photo.wonde_hash[:64]}"'
    if request.headers.get("If-None-Match") == etag:
        response: HttpResponse = HttpResponseNotModified()
    else:
        response = HttpResponse(bytes(photo.image), content_type="image/jpeg")
    response["ETag"] = etag
    # A child's photo: never kept by a shared cache, nor by the browser (a shared staff-room
    # computer); NoStoreMiddleware says so for every response, this view says it itself too.
    patch_cache_control(response, private=True, no_store=True)
    response["Vary"] = "Cookie"
    return response


def _year_view(year: PupilYear, add_unexplained: bool) -> dict[str, Any]:
    values = {name: getattr(year, name) for name in YEAR_FIELDS}
    values["academic_year"] = year.academic_year
    return {
        **values,
        "label": year_label(values["academic_year"]),
        "on_roll": year.on_roll,
        "attendance": attendance.summary(values, add_unexplained=add_unexplained),
        "attendance_pct": attendance.percentage(values),
        "sen_label": labels.sen_provision(values["sen_provision"]),
        "needs": [
            {"rank": n.get("rank"), "label": labels.sen_need(str(n.get("type", "")))}
            for n in sorted(values["sen_needs"] or [], key=lambda n: n.get("rank") or 99)
        ],
    }
