"""Account > Admin > Change School Settings > Term Dates, and the schedule's banners."""

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from pupilsync.models import AuditEvent, TermDates
from pupilsync.termdates import FIELDS, academic_year_on

pytestmark = pytest.mark.django_db


def year_form(year: int, **changes: str) -> dict[str, str]:
    dates = {
        "autumn1": dt.date(year, 9, 3),
        "autumn2": dt.date(year, 11, 2),
        "spring1": dt.date(year + 1, 1, 6),
        "spring2": dt.date(year + 1, 2, 23),
        "summer1": dt.date(year + 1, 4, 14),
        "summer2": dt.date(year + 1, 6, 8),
        "summer_end": dt.date(year + 1, 7, 21),
    }
    return {"academic_year": str(year)} | {k: v.isoformat() for k, v in dates.items()} | changes


@pytest.fixture
def year() -> int:
    return academic_year_on(timezone.localdate(), [])


@pytest.fixture
def no_dates(synced):
    TermDates.objects.filter(school=synced).delete()
    return synced


def test_the_menu_links_term_dates_under_change_school_settings(as_admin):
    page = as_admin.get(reverse("account-admin")).content.decode()
    assert "Change School Settings" in page
    assert reverse("term-dates") in page


def test_an_admin_adds_a_years_term_dates(as_admin, no_dates, year):
    response = as_admin.post(reverse("term-dates"), year_form(year))
    assert response.status_code == 302
    row = TermDates.objects.get(school=no_dates, academic_year=year)
    assert row.summer_end == dt.date(year + 1, 7, 21)


def test_adding_term_dates_is_audited(as_admin, no_dates, year):
    as_admin.post(reverse("term-dates"), year_form(year))
    assert AuditEvent.objects.filter(school=no_dates, action="term_dates_changed").count() == 1


def test_dates_out_of_order_are_shown_next_to_their_field_and_nothing_is_saved(
    as_admin, no_dates, year
):
    form = year_form(year, spring1=dt.date(year, 10, 1).isoformat())
    response = as_admin.post(reverse("term-dates"), form)
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert "Autumn 2" in errors["spring1"][0] or "Spring 1" in errors["spring1"][0]
    assert not TermDates.objects.filter(school=no_dates).exists()


def test_a_date_outside_the_year_is_refused(as_admin, no_dates, year):
    form = year_form(year, summer_end=dt.date(year + 1, 9, 2).isoformat())
    response = as_admin.post(reverse("term-dates"), form)
    assert "outside" in response.context["form"].errors["summer_end"][0]
    assert not TermDates.objects.filter(school=no_dates).exists()


def test_the_page_shows_the_years_held(as_admin, synced, year):
    page = as_admin.get(reverse("term-dates")).content.decode()
    assert f"{year}/" in page


def test_staff_cannot_open_term_dates(as_staff):
    assert as_staff.get(reverse("term-dates")).status_code == 403


def test_a_school_only_changes_its_own_term_dates(as_admin, no_dates, elsewhere, year):
    as_admin.post(reverse("term-dates"), year_form(year))
    assert not TermDates.objects.filter(school_id=elsewhere["school"]).exists()


def test_the_term_dates_form_needs_its_csrf_token(admin, year):
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(admin.user)
    assert browser.post(reverse("term-dates"), year_form(year)).status_code == 403


def test_missing_term_dates_put_a_banner_on_admin_pages(as_admin, no_dates, monkeypatch):
    # Before 31 December: the sync runs and warns.
    page = as_admin.get(reverse("account-admin")).content.decode()
    today = timezone.localdate()
    if (today.month, today.day) <= (12, 31) and today.month >= 9:
        assert "add them by 31 December" in page
    else:
        assert "The sync has stopped" in page


def test_a_summer_pause_puts_a_banner_on_admin_pages(as_admin, synced, year):
    # The current year's Summer 2 ended yesterday: paused until 1 September.
    yesterday = timezone.localdate() - dt.timedelta(days=1)
    TermDates.objects.filter(school=synced, academic_year=year).update(summer_end=yesterday)
    page = as_admin.get(reverse("mis-sync")).content.decode()
    assert "paused for the summer" in page
    assert f"1 September {year + 1}" in page


def test_a_held_year_fills_the_form_in_the_date_inputs_format(as_admin, synced, year):
    row = TermDates.objects.get(school=synced, academic_year=year)
    page = as_admin.get(reverse("term-dates"), {"year": year}).content.decode()
    assert f'value="{row.summer_end.isoformat()}"' in page


def test_a_half_term_under_a_week_is_shown_next_to_its_field(as_admin, no_dates, year):
    form = year_form(year, summer2=dt.date(year + 1, 7, 19).isoformat())
    response = as_admin.post(reverse("term-dates"), form)
    assert "a half-term is at least a week" in response.context["form"].errors["summer2"][0]
    assert not TermDates.objects.filter(school=no_dates).exists()


def test_a_summer_2_ending_in_june_is_shown_next_to_its_end(as_admin, no_dates, year):
    form = year_form(year, summer_end=dt.date(year + 1, 6, 30).isoformat())
    response = as_admin.post(reverse("term-dates"), form)
    assert "must be in July or August" in response.context["form"].errors["summer_end"][0]


def test_the_first_week_of_september_year_is_refused_field_by_field(as_admin, no_dates, year):
    # The year: every half-term a day after the last, all inside 1-7 September.
    days = [dt.date(year + 1, 9, d).isoformat() for d in range(1, 8)]
    form = {"academic_year": str(year + 1)} | dict(zip(FIELDS, days, strict=True))
    response = as_admin.post(reverse("term-dates"), form)
    errors = response.context["form"].errors
    assert {"autumn1", "summer2", "summer_end"} <= set(errors)
    assert not TermDates.objects.filter(school=no_dates).exists()


def test_the_page_says_nothing_was_saved_above_the_errors(as_admin, no_dates, year):
    form = year_form(year, summer_end=dt.date(year + 1, 6, 30).isoformat())
    page = as_admin.post(reverse("term-dates"), form).content.decode()
    assert "Nothing was saved: the dates marked below need changing." in page
    assert 'class="field-error" id="id_summer_end-error"' in page


def test_a_long_summer_pause_is_warned_of_next_to_the_end_and_not_saved(as_admin, no_dates, year):
    form = year_form(year, summer_end=dt.date(year + 1, 7, 2).isoformat())
    page = as_admin.post(reverse("term-dates"), form).content.decode()
    assert 'id="id_summer_end-warning"' in page
    assert "the sync would pause for 8 weeks" in page
    assert "These dates are right: save them anyway" in page
    assert not TermDates.objects.filter(school=no_dates).exists()


def test_a_long_summer_pause_is_saved_once_the_admin_ticks_that_it_is_right(
    as_admin, no_dates, year
):
    form = year_form(year, summer_end=dt.date(year + 1, 7, 2).isoformat())
    response = as_admin.post(reverse("term-dates"), form | {"despite_warnings": "on"})
    assert response.status_code == 302
    assert TermDates.objects.get(school=no_dates).summer_end == dt.date(year + 1, 7, 2)


def test_a_plain_year_shows_no_warning(as_admin, synced, year):
    page = as_admin.get(reverse("term-dates"), {"year": year}).content.decode()
    assert "save them anyway" not in page


def test_the_audit_entry_carries_the_dates_saved(as_admin, no_dates, year):
    as_admin.post(reverse("term-dates"), year_form(year))
    detail = AuditEvent.objects.get(school=no_dates, action="term_dates_changed").detail
    assert detail["year"] == f"{year}/{(year + 1) % 100:02d}"
    assert detail["dates"]["Summer 2 ends"] == f"21 Jul {year + 1}"
    assert detail["was"] == {}


def test_the_audit_entry_of_a_change_keeps_the_old_date(as_admin, no_dates, year):
    as_admin.post(reverse("term-dates"), year_form(year))
    as_admin.post(reverse("term-dates"), year_form(year, summer_end=f"{year + 1}-07-23"))
    latest = AuditEvent.objects.filter(school=no_dates, action="term_dates_changed").first()
    assert latest.detail["was"] == {"Summer 2 ends": f"21 Jul {year + 1}"}
    assert latest.detail["dates"]["Summer 2 ends"] == f"23 Jul {year + 1}"


def test_the_audit_log_shows_the_term_dates(as_admin, no_dates, year):
    as_admin.post(reverse("term-dates"), year_form(year))
    page = as_admin.get(reverse("audit-log")).content.decode()
    assert f"Summer 2 ends = 21 Jul {year + 1}" in page
