"""A record is read field by field: what cannot be read is dropped and named, not the record."""

import pytest

from wonde.models import Student
from wonde.reading import Unusable, cut, read


def test_a_valid_record_reads_with_nothing_dropped():
    student, dropped = read(Student, {"id": "A1", "forename": "Ada"})
    assert student.forename == "Ada" and dropped == ()


def test_a_bad_nested_value_drops_only_that_value():
    raw = {
        "id": "A1",
        "extended_details": {"data": {"in_lea_care": "perhaps", "ethnicity": "WBRI"}},
    }
    student, (dropped,) = read(Student, raw)
    assert student.extended_details.ethnicity == "WBRI"
    assert student.extended_details.in_lea_care is None
    assert (dropped.field, dropped.value) == ("extended_details.in_lea_care", "perhaps")
    assert "yes or no" in dropped.expected


def test_a_list_item_that_is_unusable_is_dropped_and_the_others_kept():
    contacts = {"data": [{"surname": "No id"}, {"id": "C2", "surname": "Kept"}]}
    student, (dropped,) = read(Student, {"id": "A1", "contacts": contacts})
    assert [c.id for c in student.contacts] == ["C2"]
    assert (dropped.field, dropped.expected) == ("contacts.0.id", "a value")


def test_every_bad_value_in_a_record_is_named():
    raw = {
        "id": "A1",
        "sen_needs": {"data": [{"type": "SLCN", "rank": "primary"}]},
        "date_of_birth": "31/02/2014",
        "classes": "not a list",
    }
    student, dropped = read(Student, raw)
    assert {d.field for d in dropped} == {"sen_needs.0.rank", "date_of_birth", "classes"}
    assert student.sen_needs[0].type == "SLCN" and student.sen_needs[0].rank is None
    assert student.broken("sen_needs") and not student.broken("contacts")


def test_a_record_without_its_own_id_is_unusable():
    with pytest.raises(Unusable, match="id"):
        read(Student, {"forename": "Ada"})


def test_a_record_that_is_not_an_object_is_unusable():
    with pytest.raises(Unusable):
        read(Student, ["A1"])


def test_reading_does_not_change_the_answer_it_was_given():
    raw = {"id": "A1", "date_of_birth": "nonsense"}
    read(Student, raw)
    assert raw == {"id": "A1", "date_of_birth": "nonsense"}


def test_a_long_value_is_cut_short():
    assert cut("x" * 100) == "x" * 39 + "…"
    assert cut({"a": 1}) == "{'a': 1}"
