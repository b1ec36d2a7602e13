import base64
import hashlib

import httpx

from fakewonde import FakeWonde
from pupilsync import census

from .helpers import EVERY_INCLUDE, SCHOOL, one_student

DATE_KEYS = {"date", "timezone_type", "timezone"}


def test_a_student_without_includes_is_the_bare_person(api: httpx.Client) -> None:
    record = one_student(api, "")
    assert set(record) == {
        "id", "upi", "mis_id", "initials", "title", "surname", "forename", "middle_names",
        "legal_surname", "legal_forename", "gender", "gender_identity", "date_of_birth",
        "restored_at", "created_at", "updated_at",
    }  # fmt: skip


def test_person_dates_are_london_and_record_stamps_are_utc(api: httpx.Client) -> None:
    record = one_student(api, "")
    assert record["date_of_birth"]["timezone"] == "Europe/London"
    assert record["date_of_birth"]["date"].endswith(" 00:00:00.000000")
    assert record["updated_at"]["timezone"] == "UTC"
    assert set(record["created_at"]) == DATE_KEYS


def test_ids_are_wonde_shaped(api: httpx.Client) -> None:
    record = one_student(api, "")
    assert record["id"][0] == "A" and record["id"][1:].isdigit()
    assert len(record["upi"]) == 32 and int(record["upi"], 16) >= 0
    assert record["mis_id"].isdigit()


def test_education_details_is_a_to_one_include(api: httpx.Client) -> None:
    details = one_student(api, "education_details")["education_details"]["data"]
    assert census.is_valid_upn(details["upn"])
    assert details["current_nc_year"] in ("R", "1", "2", "3", "4", "5", "6")
    assert details["leaving_date"] is None
    assert details["admission_date"]["timezone"] == "Europe/London"


def test_extended_details_carries_sen_fsm_eal_and_ethnicity(api: httpx.Client) -> None:
    details = one_student(api, "extended_details")["extended_details"]["data"]
    assert {"sen_status", "free_school_meals", "free_school_meals_6", "premium_pupil_indicator",
            "english_as_additional_language", "first_language", "ethnicity",
            "in_lea_care"} <= set(details)  # fmt: skip
    assert isinstance(details["free_school_meals"], bool)


def test_year_and_registration_are_groups_with_name_and_code(api: httpx.Client) -> None:
    record = one_student(api, "year,registration")
    year, registration = record["year"]["data"], record["registration"]["data"]
    assert year["type"] == "YEAR" and {"id", "name", "code"} <= set(year)
    assert registration["type"] == "REGISTRATION"
    assert registration["name"] == registration["code"]


def test_a_year_group_is_named_after_its_code(secondary_api: httpx.Client) -> None:
    year = one_student(secondary_api, "year")["year"]["data"]
    assert year["name"] == f"Year {year['code']}"


def test_classes_is_a_to_many_include_of_class_objects(secondary_api: httpx.Client) -> None:
    classes = one_student(secondary_api, "classes")["classes"]["data"]
    assert len(classes) >= 8
    assert {"id", "mis_id", "name", "code", "description", "subject", "academic_year",
            "year_group"} <= set(classes[0])  # fmt: skip
    assert isinstance(classes[0]["subject"], str)  # a bare id without include=classes.subject


def test_secondary_class_names_read_like_an_mis(secondary_api: httpx.Client) -> None:
    record = one_student(secondary_api, "classes,registration")
    form = record["registration"]["data"]["code"]
    assert f"{form}/Ma1" in [c["name"] for c in record["classes"]["data"]]


def test_groups_lists_the_registration_year_and_house(secondary_api: httpx.Client) -> None:
    groups = one_student(secondary_api, "groups")["groups"]["data"]
    assert sorted(g["type"] for g in groups) == ["HOUSE", "REGISTRATION", "YEAR"]


def test_contacts_carry_a_relationship_object(api: httpx.Client) -> None:
    contact = one_student(api, "contacts")["contacts"]["data"][0]
    assert set(contact["relationship"]) == {
        "relationship", "parental_responsibility", "priority", "lives_with_pupil", "bill_payer",
        "email_bills", "correspondence", "in_touch_communication", "court_order",
    }  # fmt: skip
    assert contact["relationship"]["priority"] == 1


def test_contacts_come_without_details_unless_asked(api: httpx.Client) -> None:
    contact = one_student(api, "contacts")["contacts"]["data"][0]
    assert "contact_details" not in contact


def test_nested_contact_details_bring_emails_phones_and_addresses(api: httpx.Client) -> None:
    contact = one_student(api, "contacts.contact_details")["contacts"]["data"][0]
    details = contact["contact_details"]["data"]
    assert set(details["emails"]) == {"email", "primary", "home", "work"}
    assert set(details["addresses"]) == {"home", "work", "postal"}
    assert "mobile" in details["phones"]


def test_sen_needs_are_ranked_dfe_codes(world: FakeWonde, api: httpx.Client) -> None:
    school = next(iter(world.schools.values()))
    pupil = next(s for s in school.students.values() if len(s.sen_needs) == 2)
    needs = api.get(f"{SCHOOL}/students/{pupil.id}", params={"include": "sen_needs"}).json()
    ranks = [need["rank"] for need in needs["data"]["sen_needs"]["data"]]
    assert ranks == [1, 2]
    assert set(needs["data"]["sen_needs"]["data"][0]) == {
        "id", "type", "description", "rank", "start_date", "end_date",
    }  # fmt: skip


def test_attendance_summary_include_has_no_student_key(api: httpx.Client) -> None:
    summary = one_student(api, "attendance_summary")["attendance_summary"]["data"]
    assert "student" not in summary
    assert summary["possible_marks"] == (
        summary["present_marks"] + summary["authorised_absence_marks"]
        + summary["unauthorised_absence_marks"] + summary["unexplained_absence_marks"]
    )  # fmt: skip


def test_photo_include_holds_a_base64_jpeg_and_its_sha1(api: httpx.Client) -> None:
    photo = one_student(api, "photo")["photo"]["data"]
    jpeg = base64.b64decode(photo["content"])
    assert jpeg[:3] == b"\xff\xd8\xff"
    assert photo["hash"] == hashlib.sha1(jpeg).hexdigest()


def test_a_pupil_without_a_photo_gets_a_null_photo(world: FakeWonde, api: httpx.Client) -> None:
    school = next(iter(world.schools.values()))
    pupil = next(s for s in school.students.values() if s.id not in school.photos)
    body = api.get(f"{SCHOOL}/students/{pupil.id}", params={"include": "photo"}).json()
    assert body["data"]["photo"] == {"data": None}


def test_unknown_includes_are_ignored(api: httpx.Client) -> None:
    record = one_student(api, "year,behaviours")
    assert "behaviours" not in record and "year" in record


def test_every_include_at_once_is_valid_json_for_every_pupil(api: httpx.Client) -> None:
    response = api.get(f"{SCHOOL}/students", params={"include": EVERY_INCLUDE, "per_page": 200})
    records = response.json()["data"]
    assert len(records) == 200
    assert all(set(EVERY_INCLUDE.split(",")) - {"contacts.contact_details"} <= set(r)
               for r in records)  # fmt: skip


def test_one_student_comes_wrapped_in_data(world: FakeWonde, api: httpx.Client) -> None:
    pupil_id = min(next(iter(world.schools.values())).students)
    body = api.get(f"{SCHOOL}/students/{pupil_id}", params={"include": "year"}).json()
    assert body["data"]["id"] == pupil_id and "year" in body["data"]


def test_an_unknown_student_is_404(api: httpx.Client) -> None:
    response = api.get(f"{SCHOOL}/students/A1")
    assert (response.status_code, response.json()["error"]) == (404, "not_found")
