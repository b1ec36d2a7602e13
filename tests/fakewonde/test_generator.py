import base64
import datetime as dt
import io
import time
from collections import Counter
from collections.abc import Iterable
from typing import Any

import httpx
import pytest
from PIL import Image

from fakewonde import DEMO_SCHOOL_ID, DEMO_TOKEN, FakeSchool, FakeWonde, generate_school
from fakewonde.names import ETHNICITIES
from pupilsync import census

from .helpers import BASE_URL, CLOCK, EVERY_INCLUDE, SCHOOL

SUPPORT = ("K", "SEN Support", "MP")
PLAN = ("E", "Education, Health and Care Plan")


@pytest.fixture(scope="module")
def school(secondary: FakeWonde) -> FakeSchool:
    return secondary.schools[DEMO_SCHOOL_ID]


def _share(school: FakeSchool, wanted: tuple[str, ...]) -> float:
    return sum(s.sen_status in wanted for s in school.students.values()) / len(school.students)


def test_an_eight_form_secondary_has_about_1200_pupils(school: FakeSchool) -> None:
    assert 1150 <= len(school.students) <= 1200


def test_a_primary_has_reception_to_year_6_and_about_420_pupils() -> None:
    primary = generate_school(seed=2, phase="primary", clock=CLOCK, photos=False)
    assert 400 <= len(primary.students) <= 420
    assert {s.nc_year for s in primary.students.values()} == {"R", "1", "2", "3", "4", "5", "6"}


def test_every_upn_is_valid_and_unique(school: FakeSchool) -> None:
    upns = [s.upn or "" for s in school.students.values()]
    assert all(census.is_valid_upn(u) for u in upns)
    assert len(set(upns)) == len(upns)


def test_upns_carry_the_schools_la_and_establishment(school: FakeSchool) -> None:
    prefix = f"{int(school.la_code):03d}{int(school.establishment_number):04d}"
    assert all((s.upn or "")[1:8] == prefix for s in school.students.values())


def test_a_few_pupils_have_a_temporary_former_upn(school: FakeSchool) -> None:
    former = [s.former_upn for s in school.students.values() if s.former_upn]
    assert 5 <= len(former) <= 60
    assert all(census.is_temporary_upn(u) for u in former)


def test_dates_of_birth_match_year_groups(school: FakeSchool) -> None:
    for pupil in school.students.values():
        year = int(pupil.nc_year or 0)
        born_from = dt.date(2026 - year - 5, 9, 1)
        assert born_from <= (pupil.date_of_birth or born_from) <= dt.date(2026 - year - 4, 8, 31)


def test_about_13_percent_are_on_sen_support(school: FakeSchool) -> None:
    assert 0.10 <= _share(school, SUPPORT) <= 0.16


def test_two_to_four_percent_have_an_ehc_plan(school: FakeSchool) -> None:
    assert 0.02 <= _share(school, PLAN) <= 0.04


def test_a_few_sen_pupils_come_with_mis_text_and_one_with_a_custom_code(
    school: FakeSchool,
) -> None:
    statuses = Counter(s.sen_status for s in school.students.values())
    assert statuses["MP"] == 1
    assert 1 <= statuses["SEN Support"] + statuses["Education, Health and Care Plan"] <= 15


def test_sen_pupils_have_one_or_two_ranked_needs(school: FakeSchool) -> None:
    for pupil in school.students.values():
        ranks = [need.rank for need in pupil.sen_needs]
        expected_none = pupil.sen_status == "N"
        assert (ranks == []) if expected_none else (ranks in ([1], [1, 2]))


def test_nsa_is_only_ever_a_sole_need_on_sen_support(school: FakeSchool) -> None:
    for pupil in school.students.values():
        if any(need.type == "NSA" for need in pupil.sen_needs):
            assert pupil.sen_status in SUPPORT and len(pupil.sen_needs) == 1


def test_about_a_quarter_are_pupil_premium(school: FakeSchool) -> None:
    share = sum(s.premium_pupil_indicator for s in school.students.values()) / len(school.students)
    assert 0.20 <= share <= 0.32


def test_ethnicities_are_census_codes_and_varied(school: FakeSchool) -> None:
    codes = Counter(s.ethnicity for s in school.students.values())
    assert set(codes) <= {e.code for e in ETHNICITIES}
    assert len(codes) >= 10 and codes["WBRI"] / len(school.students) > 0.4


def test_eal_pupils_have_another_first_language(school: FakeSchool) -> None:
    eal = [s for s in school.students.values() if s.english_as_additional_language]
    assert 0.05 <= len(eal) / len(school.students) <= 0.35
    assert all(s.first_language != "ENG" for s in eal)


def test_names_include_apostrophes_and_hyphens(school: FakeSchool) -> None:
    surnames = {s.surname for s in school.students.values()}
    assert any("'" in name for name in surnames) and any("-" in name for name in surnames)


def test_a_few_legal_names_differ_from_preferred_names(school: FakeSchool) -> None:
    differ = [s for s in school.students.values()
              if (s.legal_forename, s.legal_surname) != (s.forename, s.surname)]  # fmt: skip
    assert 0.005 <= len(differ) / len(school.students) <= 0.08


def test_every_pupil_has_one_to_three_contacts_in_priority_order(school: FakeSchool) -> None:
    for pupil in school.students.values():
        assert [link.priority for link in pupil.contacts] in ([1], [1, 2], [1, 2, 3])


def test_about_ten_percent_have_unexplained_absences(school: FakeSchool) -> None:
    share = sum(a.unexplained > 0 for a in school.attendance.values()) / len(school.attendance)
    assert 0.05 <= share <= 0.15


def test_attendance_counts_the_school_days_since_september(school: FakeSchool) -> None:
    # 3 September to 16 November 2026: 53 weekdays, so 106 sessions for a pupil there all along.
    assert Counter(a.possible for a in school.attendance.values()).most_common(1)[0][0] == 106


def test_photos_are_small_real_jpegs(school: FakeSchool) -> None:
    photo = next(iter(school.photos.values()))
    image = Image.open(io.BytesIO(base64.b64decode(photo.content)))
    assert (image.format, image.size) == ("JPEG", (60, 80))
    assert 500 < len(photo.jpeg) < 10_000


def test_the_same_seed_makes_the_same_school() -> None:
    first = generate_school(seed=11, phase="primary", forms=1, clock=CLOCK, photos=False)
    again = generate_school(seed=11, phase="primary", forms=1, clock=CLOCK, photos=False)
    assert [(s.id, s.upi, s.forename) for s in first.students.values()] == [
        (s.id, s.upi, s.forename) for s in again.students.values()
    ]


def test_another_seed_makes_another_school() -> None:
    first = generate_school(seed=11, phase="primary", forms=1, clock=CLOCK, photos=False)
    other = generate_school(seed=12, phase="primary", forms=1, clock=CLOCK, photos=False)
    assert first.id != other.id and set(first.students).isdisjoint(other.students)


@pytest.fixture(scope="module")
def timed_secondary() -> tuple[FakeWonde, float]:
    world = FakeWonde(clock=CLOCK)
    start = time.thread_time()  # CPU time: other work on the machine does not count
    world.add_school(generate_school(seed=5, school_id=DEMO_SCHOOL_ID, clock=CLOCK))
    return world, time.thread_time() - start


def test_generating_a_1200_pupil_secondary_takes_under_1_5_seconds(
    timed_secondary: tuple[FakeWonde, float],
) -> None:
    assert timed_secondary[1] < 1.5


def test_serving_it_all_with_every_include_takes_the_fake_under_half_a_second(
    timed_secondary: tuple[FakeWonde, float],
) -> None:
    world, _ = timed_secondary
    app = world.wsgi_app()
    spent = 0.0

    def timed(environ: dict[str, Any], start_response: Any) -> Iterable[bytes]:
        nonlocal spent
        begun = time.thread_time()
        try:
            return app(environ, start_response)
        finally:
            spent += time.thread_time() - begun

    # The plain WSGI transport onto a timed app, so only the fake's own work is measured.
    transport = httpx.WSGITransport(app=timed)
    auth = {"Authorization": f"Bearer {DEMO_TOKEN}"}
    with httpx.Client(transport=transport, base_url=BASE_URL, headers=auth) as client:
        url: str | None = f"{SCHOOL[1:]}/students?per_page=200&include={EVERY_INCLUDE}"
        pupils = 0
        while url:
            body = client.get(url).json()
            pupils += len(body["data"])
            url = body["meta"]["pagination"]["next"]
    assert pupils == len(world.schools[DEMO_SCHOOL_ID].students)
    assert spent < 0.5
